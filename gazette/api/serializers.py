"""Articles and sections as plain dicts for the API (and, later, feeds and exports)."""

from django.urls import reverse
from django.utils import timezone

from gazette.articles.models import ArticlePage, SectionPage


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def section_ref(section: SectionPage, request) -> dict:
    return {
        "id": section.pk,
        "title": section.title,
        "slug": section.slug,
        "url": absolute(request, section.get_url(request) or ""),
    }


def section_data(section: SectionPage, request) -> dict:
    return {
        **section_ref(section, request),
        "description": section.description,
        "comment_mode": section.default_comment_mode,
    }


def tag_data(tag, request) -> dict:
    # taggit gives a tag made only of punctuation or symbols ("!!!") an empty slug, and an
    # empty slug has no tag page: such a tag is listed without a link rather than failing.
    url = absolute(request, reverse("tag", kwargs={"slug": tag.slug})) if tag.slug else None
    return {"name": tag.name, "slug": tag.slug, "url": url}


def article_data(article: ArticlePage, request, sections: dict[str, SectionPage]) -> dict:
    """``sections`` maps tree paths to sections so a list costs no query per article."""
    section = sections.get(article.path[: -article.steplen])
    mode = article.comment_mode or (section.default_comment_mode if section else "premoderated")
    return {
        "id": article.pk,
        "url": absolute(request, article.get_url(request) or ""),
        "headline": article.title,
        "standfirst": article.standfirst,
        "dateline": {
            "place": article.dateline_place,
            "published_at": timezone.localtime(
                article.display_published_at, timezone.get_default_timezone()
            ).isoformat(),
            "display": article.dateline,
        },
        "bylines": [
            {
                "name": byline.author.name,
                "slug": byline.author.slug,
                "url": absolute(request, byline.author.get_absolute_url()),
            }
            for byline in article.bylines.all()
        ],
        "section": section_ref(section, request) if section else None,
        "tags": [
            tag_data(item.tag, request)
            for item in sorted(article.tagged_items.all(), key=lambda item: item.tag.name)
        ],
        "language": article.language,
        "direction": article.text_direction,
        "comment_mode": mode,
    }
