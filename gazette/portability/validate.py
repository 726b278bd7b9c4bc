"""Checks across records: every key an archive refers to is defined in it, once.

Run after ``archive.read_archive`` (which checks each line on its own) and before import
writes anything, so a bad archive is refused whole instead of half-imported.
"""

from pathlib import Path

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from gazette.articles.blocks import ArticleBodyBlock
from gazette.portability.archive import Archive, raise_if_errors
from gazette.portability.streams import map_stream, rewrite_page_links, unknown_block_types

BODY_BLOCK = ArticleBodyBlock()


def check_references(archive: Archive) -> None:
    errors: list[str] = []
    tags = _unique(errors, "tags.jsonl", (tag.name for tag in archive["tags.jsonl"]))
    images = _unique(errors, "images.jsonl", (image.key for image in archive["images.jsonl"]))
    authors = _unique(errors, "authors.jsonl", (a.slug for a in archive["authors.jsonl"]))
    sections = _unique(errors, "sections.jsonl", (s.key for s in archive["sections.jsonl"]))
    articles = _unique(errors, "articles.jsonl", (a.key for a in archive["articles.jsonl"]))
    pages = sections | articles

    for number, image in enumerate(archive["images.jsonl"], start=1):
        where = f"images.jsonl line {number}"
        _need(errors, where, "tag", image.tags, tags)
        _check_image_file(errors, where, archive.media_file(image.file))
    for number, author in enumerate(archive["authors.jsonl"], start=1):
        _need(errors, f"authors.jsonl line {number}", "photo", [author.photo], images)
    for number, section in enumerate(archive["sections.jsonl"], start=1):
        if "/" in section.key:
            errors.append(f"sections.jsonl line {number}: key: a section key has no '/'")
    for number, article in enumerate(archive["articles.jsonl"], start=1):
        where = f"articles.jsonl line {number}"
        if article.section not in sections:
            errors.append(f"{where}: section {article.section!r} is not in sections.jsonl")
        if article.key.split("/")[0] != article.section or "/" not in article.key:
            errors.append(f"{where}: key {article.key!r} must be '{article.section}/<slug>'")
        for content in filter(None, [article.content, article.draft]):
            _need(errors, where, "author", content.bylines, authors)
            _need(errors, where, "tag", content.tags, tags)
            _need(errors, where, "lead image", [content.lead_image], images)
            _check_body(errors, where, content.body, images, pages)
    for number, home in enumerate(archive["home.jsonl"], start=1):
        _need(errors, f"home.jsonl line {number}", "lead article", [home.lead_article], articles)

    seen: dict[str, str] = {}
    for number, comment in enumerate(archive["comments.jsonl"], start=1):
        where = f"comments.jsonl line {number}"
        if comment.key in seen:
            errors.append(f"{where}: key {comment.key} appears twice")
        if comment.article not in articles:
            errors.append(f"{where}: article {comment.article!r} is not in articles.jsonl")
        if comment.parent is not None:
            if comment.parent not in seen:
                errors.append(f"{where}: parent {comment.parent} must come earlier in the file")
            elif seen[comment.parent] != comment.article:
                errors.append(f"{where}: parent {comment.parent} is on another article")
        seen[comment.key] = comment.article
    raise_if_errors(archive.path, errors)


def _unique(errors: list[str], name: str, keys) -> set[str]:
    found: set[str] = set()
    for key in keys:
        if key in found:
            errors.append(f"{name}: {key!r} appears twice")
        found.add(key)
    return found


def _need(errors: list[str], where: str, what: str, keys, defined: set[str]) -> None:
    for key in keys:
        if key is not None and key not in defined:
            errors.append(f"{where}: {what} {key!r} is not in the archive")


def _check_image_file(errors: list[str], where: str, path: Path) -> None:
    try:
        with PILImage.open(path) as image:
            image.size  # noqa: B018 - reading the header is the check
    except (OSError, UnidentifiedImageError, ValueError):
        errors.append(f"{where}: {path.name} is not an image file Gazette can read")


def _check_body(errors: list[str], where: str, body: list, images: set, pages: set) -> None:
    unknown = unknown_block_types(BODY_BLOCK, body)
    if unknown:
        errors.append(f"{where}: body has unknown block types {', '.join(unknown)}")

    def image(key):
        if key is not None and key not in images:
            errors.append(f"{where}: body image {key!r} is not in the archive")
        return key

    def link(attrs: dict) -> dict:
        key = attrs.get("page-key")
        if key is None or key not in pages:
            errors.append(f"{where}: body links to page {key!r}, which is not in the archive")
        return attrs

    map_stream(BODY_BLOCK, body, image=image, rich_text=lambda text: rewrite_page_links(text, link))
