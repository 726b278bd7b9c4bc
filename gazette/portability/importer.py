"""``import_site``: bring an archive's newsroom into this installation, under its home page.

Promises:
- Nothing is written before the whole archive has passed every check (``check_archive``).
- Each record (an image, an article with its bylines, tags and corrections, a comment with
  its moderation log) is written in its own transaction: it is there entirely or not at all.
- What is already here is recognised by its natural key and left as it is, so running the
  same import again after an interruption finishes the job and adds no duplicates.
- Nothing here is ever overwritten or deleted.
"""

import hashlib
import json
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import IntegrityError, connection, transaction
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from gazette.articles.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
)
from gazette.comments.models import Ban, Comment, ModerationLogEntry, WordRule
from gazette.portability import PortabilityError, format, on_primary
from gazette.portability.archive import Archive, read_archive
from gazette.portability.streams import PENDING, map_stream, rewrite_page_links, swap_attribute
from gazette.portability.validate import check_references

BODY_FIELD = ArticlePage._meta.get_field("body")


@dataclass
class ImportReport:
    added: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


class ImportStopped(PortabilityError):
    """A record failed to import; everything before it stays and a re-run continues."""


def check_archive(path: Path, workdir: Path) -> Archive:
    archive = read_archive(path, workdir)
    check_references(archive)
    return archive


def import_site(path: Path, *, log: Callable[[str], None] = lambda m: None) -> ImportReport:
    # What is already here is read from the primary: a lagging replica would hide what an
    # interrupted run wrote, and the re-run would try to write it again.
    with on_primary(), tempfile.TemporaryDirectory(prefix="gazette-import-") as workdir:
        archive = check_archive(Path(path), Path(workdir))
        home = HomePage.objects.first()
        if home is None:
            raise PortabilityError("This site has no home page: run `gazette migrate` first.")
        importer = Importer(archive, home, log)
        importer.check_target()
        importer.run()
        return importer.report


class Importer:
    def __init__(self, archive: Archive, home: HomePage, log: Callable[[str], None]):
        self.archive = archive
        self.home = home
        self.log = log
        self.report = ImportReport()
        self.images: dict[str, int] = {}
        self.authors: dict[str, int] = {
            slug: pk for pk, slug in Author.objects.values_list("pk", "slug")
        }
        self.pages: dict[str, int] = {"": home.pk}
        for section in SectionPage.objects.child_of(home):
            self.pages[section.slug] = section.pk
            for article in ArticlePage.objects.child_of(section):
                self.pages[f"{section.slug}/{article.slug}"] = article.pk
        self.comments: dict[str, int] = {}
        self._comment_index: dict[int, dict] = {}
        self._users: dict[str, int] | None = None

    def check_target(self) -> None:
        """Refuse, before writing, a tree where an archive page's place is taken by another
        kind of page."""
        errors = []
        for record in self.archive["sections.jsonl"]:
            taken = Page.objects.child_of(self.home).filter(slug=record.key).first()
            if taken is not None and record.key not in self.pages:
                errors.append(f"/{record.key}/ is taken here by {taken.specific_class.__name__}")
        for record in self.archive["articles.jsonl"]:
            section_pk = self.pages.get(record.section)
            slug = record.key.split("/", 1)[1]
            if section_pk and record.key not in self.pages:
                if Page.objects.get(pk=section_pk).get_children().filter(slug=slug).exists():
                    errors.append(f"/{record.key}/ is taken here by a page that is not an article")
        if errors:
            raise PortabilityError(
                "The archive's pages cannot be placed here; nothing was changed:\n"
                + "\n".join(f"  {error}" for error in errors)
            )

    def run(self) -> None:
        steps = [
            ("tags.jsonl", "tags", self.import_tag),
            ("images.jsonl", "images", self.import_image),
            ("authors.jsonl", "authors", self.import_author),
            ("sections.jsonl", "sections", self.import_section),
            ("articles.jsonl", "articles", self.import_article),
            ("home.jsonl", "home page", self.import_home),
            ("comments.jsonl", "comments", self.import_comment),
            ("word_rules.jsonl", "word rules", self.import_word_rule),
            ("bans.jsonl", "bans", self.import_ban),
        ]
        for name, label, function in steps:
            for number, record in enumerate(self.archive[name], start=1):
                self.step(name, number, label, function, record)
            self.log(
                f"  {label}: {self.report.added[label]} added, "
                f"{self.report.present[label]} already here"
            )
            if name == "articles.jsonl":
                self.relink()

    def step(self, name: str, number: int, label: str, function, record) -> None:
        try:
            with transaction.atomic():
                added = function(record)
        except PortabilityError:
            raise
        except Exception as error:
            raise ImportStopped(
                f"Import stopped at {name} line {number}: {type(error).__name__}: {error}\n"
                "Everything before that line is imported. Fix the cause and run the same "
                "import again: it continues where it stopped, without duplicates."
            ) from error
        (self.report.added if added else self.report.present)[label] += 1

    # --- library -----------------------------------------------------------------------

    def import_tag(self, record: format.TagRecord) -> bool:
        if Tag.objects.filter(name=record.name).exists():
            return False
        slug_free = not Tag.objects.filter(slug=record.slug).exists()
        Tag.objects.create(name=record.name, slug=record.slug if slug_free else "")
        return True

    def import_image(self, record: format.ImageRecord) -> bool:
        data = self.archive.media_file(record.file).read_bytes()
        sha1 = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        existing = _find_image(record.title, sha1)
        if existing is not None:
            self.images[record.key] = existing
            return False
        Image = get_image_model()
        image = Image(
            title=record.title,
            description=record.description,
            focal_point_x=record.focal_point_x,
            focal_point_y=record.focal_point_y,
            focal_point_width=record.focal_point_width,
            focal_point_height=record.focal_point_height,
            file_size=len(data),
            file_hash=sha1,
        )
        image.file = ImageFile(BytesIO(data), name=Path(record.filename).name)
        image.save()
        Image.objects.filter(pk=image.pk).update(created_at=record.created_at)
        if record.tags:
            image.tags.add(*record.tags)
        self.images[record.key] = image.pk
        return True

    def import_author(self, record: format.AuthorRecord) -> bool:
        if record.slug in self.authors:
            return False
        author = Author.objects.create(
            slug=record.slug,
            name=record.name,
            bio=record.bio,
            photo_id=self.images.get(record.photo),
        )
        self.authors[record.slug] = author.pk
        return True

    # --- pages -------------------------------------------------------------------------

    def import_section(self, record: format.SectionRecord) -> bool:
        if record.key in self.pages:
            return False
        page = SectionPage()
        self.pages[record.key] = self._create_page(self.home, page, record, self._section)
        return True

    def import_article(self, record: format.ArticleRecord) -> bool:
        if record.key in self.pages:
            return False
        section = SectionPage.objects.get(pk=self.pages[record.section])
        page = ArticlePage()
        self.pages[record.key] = self._create_page(section, page, record, self._article)
        return True

    def _create_page(self, parent, page, record, apply: Callable) -> int:
        """Add ``page`` under ``parent`` as the record describes: its content published (or
        saved, or scheduled), then its draft, then its original times."""
        apply(page, record.content)
        page.slug = record.key.rsplit("/", 1)[-1]
        page.live = False
        page.go_live_at = record.go_live_at if record.scheduled else None
        parent.add_child(instance=page)
        revision = page.save_revision(clean=False)
        if record.live or record.scheduled:
            revision.publish(log_action=False)
        if record.draft is not None:
            page = type(page).objects.get(pk=page.pk)
            apply(page, record.draft)
            page.save_revision(clean=False)
        page = type(page).objects.get(pk=page.pk)
        times = {
            "first_published_at": record.first_published_at,
            "last_published_at": record.last_published_at,
            "latest_revision_created_at": record.latest_revision_created_at,
        }
        type(page).objects.filter(pk=page.pk).update(
            go_live_at=record.go_live_at,
            expire_at=record.expire_at,
            expired=record.expired,
            has_unpublished_changes=record.draft is not None,
            **{name: value or getattr(page, name) for name, value in times.items()},
        )
        if page.live_revision_id and record.last_published_at:
            page.revisions.filter(pk=page.live_revision_id).update(
                created_at=record.last_published_at
            )
        if page.latest_revision_id != page.live_revision_id and record.latest_revision_created_at:
            page.revisions.filter(pk=page.latest_revision_id).update(
                created_at=record.latest_revision_created_at
            )
        return page.pk

    @staticmethod
    def _common(page, content: format.PageContent) -> None:
        page.title = content.title
        page.draft_title = content.title
        page.slug = content.slug
        page.seo_title = content.seo_title
        page.search_description = content.search_description
        page.show_in_menus = content.show_in_menus

    def _section(self, page: SectionPage, content: format.SectionContent) -> None:
        self._common(page, content)
        page.description = content.description
        page.default_comment_mode = content.default_comment_mode
        page.close_comments_after_days = content.close_comments_after_days

    def _article(self, page: ArticlePage, content: format.ArticleContent) -> None:
        self._common(page, content)
        page.standfirst = content.standfirst
        page.dateline_place = content.dateline_place
        page.published_at = content.published_at
        page.body = json.dumps(self._body(content.body))
        page.lead_image_id = self.images.get(content.lead_image)
        page.lead_image_caption = content.lead_image_caption
        page.lead_image_credit = content.lead_image_credit
        page.language = content.language
        page.comment_mode = content.comment_mode or ""
        page.breaking_until = content.breaking_until
        page.bylines = [
            ArticleByline(author_id=self.authors[slug], sort_order=order)
            for order, slug in enumerate(content.bylines)
        ]
        page.tags.set(content.tags)
        page.corrections = [
            ArticleCorrection(kind=c.kind, made_at=c.made_at, text=c.text, sort_order=order)
            for order, c in enumerate(content.corrections)
        ]

    def _body(self, body: list, *, images: bool = True) -> list:
        """Archive keys to ids here; a link to a page not imported yet is marked pending.
        With ``images=False`` (a body already stored here) only pending links change."""

        def link(attrs: dict) -> dict:
            if PENDING in attrs:
                key = attrs[PENDING]
                attrs = {name: value for name, value in attrs.items() if name != PENDING}
                attrs = swap_attribute(attrs, "id", "page-key", key)
            key = attrs.get("page-key")
            if key is None:
                return attrs
            if key in self.pages:
                return swap_attribute(attrs, "page-key", "id", str(self.pages[key]))
            return {**swap_attribute(attrs, "page-key", "id", "0"), PENDING: key}

        return map_stream(
            BODY_FIELD.stream_block,
            body,
            image=(lambda key: self.images.get(key)) if images else (lambda pk: pk),
            rich_text=lambda text: rewrite_page_links(text, link),
        )

    def relink(self) -> None:
        """Resolve links to pages that were imported after the page linking to them."""
        for record in self.archive["articles.jsonl"]:
            page = ArticlePage.objects.filter(pk=self.pages.get(record.key)).first()
            if page is None or PENDING not in json.dumps(BODY_FIELD.get_prep_value(page.body)):
                continue
            with transaction.atomic():
                page.body = json.dumps(self._stored_body(page))
                ArticlePage.objects.filter(pk=page.pk).update(body=page.body)
                for revision in page.revisions.all():
                    version = revision.as_object()
                    version.body = json.dumps(self._stored_body(version))
                    revision.content = version.serializable_data()
                    revision.save(update_fields=["content"])

    def _stored_body(self, page) -> list:
        return self._body(BODY_FIELD.get_prep_value(page.body) or [], images=False)

    def import_home(self, record: format.HomeRecord) -> bool:
        home = HomePage.objects.get(pk=self.home.pk)
        if record.lead_article is None or home.lead_article_id is not None:
            return False
        lead = self.pages[record.lead_article]
        HomePage.objects.filter(pk=home.pk).update(lead_article_id=lead)
        for revision in home.revisions.all():
            version = revision.as_object()
            version.lead_article_id = lead
            revision.content = version.serializable_data()
            revision.save(update_fields=["content"])
        return True

    # --- comments and moderation -------------------------------------------------------

    def import_comment(self, record: format.CommentRecord) -> bool:
        article = self.pages[record.article]
        index = self._comments_of(article)
        identity = (record.created_at, record.author_name, record.body)
        if identity in index:
            self.comments[record.key] = index[identity]
            return False
        comment = Comment(
            article_id=article,
            parent_id=self.comments[record.parent] if record.parent else None,
            **record.model_dump(exclude={"key", "id", "article", "parent", "log"}, mode="python"),
        )
        self._insert_keeping_id(comment, record.id)
        ModerationLogEntry.objects.bulk_create(
            ModerationLogEntry(
                comment=comment,
                actor_id=self._user(entry.actor),
                **entry.model_dump(exclude={"actor"}),
            )
            for entry in record.log
        )
        index[identity] = self.comments[record.key] = comment.pk
        return True

    def _comments_of(self, article: int) -> dict:
        if article not in self._comment_index:
            rows = Comment.objects.filter(article_id=article).values_list(
                "pk", "created_at", "author_name", "body"
            )
            self._comment_index[article] = {tuple(row[1:]): row[0] for row in rows}
        return self._comment_index[article]

    def _insert_keeping_id(self, comment: Comment, wanted: int | None) -> None:
        """Keep the source id when it is free here, so ``#comment-<id>`` links still work."""
        if wanted is not None and not Comment.objects.filter(pk=wanted).exists():
            _move_sequence_past(Comment, wanted)
            comment.pk = wanted
            try:
                with transaction.atomic():
                    comment.save(force_insert=True)
                return
            except IntegrityError:
                comment.pk = None
        comment.save(force_insert=True)

    def _user(self, username: str | None) -> int | None:
        if username is None:
            return None
        if self._users is None:
            User = get_user_model()
            self._users = dict(User.objects.values_list(User.USERNAME_FIELD, "pk"))
        found = self._users.get(username)
        if found is None:
            note = f"No user {username!r} here: log entries keep the name as a label only."
            if note not in self.report.notes:
                self.report.notes.append(note)
        return found

    def import_word_rule(self, record: format.WordRuleRecord) -> bool:
        return WordRule.objects.get_or_create(word=record.word, kind=record.kind)[1]

    def import_ban(self, record: format.BanRecord) -> bool:
        if Ban.objects.filter(kind=record.kind, value=record.value).exists():
            return False
        Ban.objects.create(
            kind=record.kind,
            value=record.value,
            reason=record.reason,
            created_at=record.created_at,
            created_by_id=self._user(record.created_by),
        )
        return True


def _find_image(title: str, sha1: str) -> int | None:
    """An image here with the same title and file, hashing files Wagtail left unhashed."""
    Image = get_image_model()
    found = Image.objects.filter(title=title, file_hash=sha1).values_list("pk", flat=True).first()
    if found is not None:
        return found
    for image in Image.objects.filter(title=title, file_hash=""):
        try:
            with image.file.open("rb") as handle:
                digest = hashlib.sha1(handle.read(), usedforsecurity=False).hexdigest()
        except (OSError, ValueError):
            continue
        if digest == sha1:
            return image.pk
    return None


def _move_sequence_past(model, value: int) -> None:
    """On PostgreSQL, make the id sequence hand out numbers above ``value`` before a row
    takes that id, so the site's own inserts never collide with it. SQLite's AUTOINCREMENT
    keeps its counter past the largest id by itself."""
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(seq, GREATEST(%s, COALESCE(pg_sequence_last_value(seq), 0))) "
            "FROM (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS seq) AS s",
            [value, table],
        )
