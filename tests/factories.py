"""Explicit builders for test data: each returns a saved, published object."""

import itertools
from datetime import datetime
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from gazette.articles.models import ArticleByline, ArticlePage, Author, HomePage, SectionPage

_counter = itertools.count(1)


def make_image(title: str = "Picture", size=(64, 36), colour=(120, 30, 30)):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    image = get_image_model()(title=title)
    image.file = ImageFile(BytesIO(buffer.getvalue()), name=f"img{next(_counter)}.jpg")
    image.save()
    return image


def ensure_home() -> HomePage:
    """The site's home page, rebuilt when a transactional test has flushed the tables that
    migrations filled (locale, root page, home page, site)."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    migration = import_module("gazette.articles.migrations.0002_create_homepage")
    migration.create_homepage(apps, None)
    return HomePage.objects.get()


def make_section(*, home: HomePage | None = None, **overrides) -> SectionPage:
    number = next(_counter)
    fields = {"title": f"Section {number}", "slug": f"section-{number}"}
    fields.update(overrides)
    home = home or ensure_home()
    section = SectionPage(**fields)
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


def make_author(**overrides) -> Author:
    number = next(_counter)
    fields = {"name": f"Reporter {number}", "slug": f"reporter-{number}", "bio": "Covers the city."}
    fields.update(overrides)
    return Author.objects.create(**fields)


def make_article(
    *,
    section: SectionPage | None = None,
    authors: tuple[Author, ...] = (),
    tags: tuple[str, ...] = (),
    paragraphs: tuple[str, ...] = ("A first paragraph.",),
    publish: bool = True,
    published_at: datetime | None = None,
    **overrides,
) -> ArticlePage:
    number = next(_counter)
    fields = {
        "title": f"Headline {number}",
        "slug": f"article-{number}",
        "standfirst": f"Standfirst {number}.",
        "dateline_place": "Tehran",
        "body": [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs],
    }
    fields.update(overrides)
    section = section or make_section()
    article = ArticlePage(published_at=published_at, **fields)
    for order, author in enumerate(authors):
        article.bylines.add(ArticleByline(author=author, sort_order=order))
    if tags:
        article.tags.add(*tags)
    article.live = False
    section.add_child(instance=article)
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
    return article


def aware(*args, zone: str = "UTC") -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo(zone))


def now():
    return timezone.now()


def republish(article: ArticlePage, **changes) -> ArticlePage:
    """Publish a new revision of ``article`` the way the editor does: starting from its latest
    revision, applying ``changes``, and publishing. Returns the article as now stored."""
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def unpublish(page):
    """Take ``page`` off the site, as the editor's Unpublish action does."""
    page.unpublish()
    page.refresh_from_db()
    return page
