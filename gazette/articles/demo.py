"""Turn the demo newsroom's data (``gazette.demo.content``) into published pages."""

import html
import os
import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from gazette.articles.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
)
from gazette.comments.demo import load_demo_comments
from gazette.demo import content, images


def demo_publication_time(spec: content.ArticleSpec, now: datetime) -> datetime:
    if spec.published_at is not None:
        return spec.published_at
    zone = timezone.get_default_timezone()
    day = timezone.localtime(now, zone).date() - timedelta(days=spec.days_ago)
    moment = datetime.combine(day, time(spec.hour, spec.minute), tzinfo=zone)
    # A story "published today" at an hour still to come is moved into the past.
    return min(moment, now - timedelta(minutes=20 + spec.minute))


def save_image(title: str, name: str, data: bytes):
    from io import BytesIO

    image = get_image_model()(title=title)
    image.file = ImageFile(BytesIO(data), name=name)
    image.save()
    return image


def ensure_section(home: HomePage, spec: content.SectionSpec) -> tuple[SectionPage, bool]:
    existing = SectionPage.objects.child_of(home).filter(slug=spec.slug).first()
    if existing:
        return existing, False
    section = SectionPage(
        title=spec.title,
        slug=spec.slug,
        description=spec.description,
        default_comment_mode=spec.comment_mode,
    )
    home.add_child(instance=section)
    section.save_revision().publish(log_action=False)
    return section, True


def ensure_author(spec: content.AuthorSpec) -> tuple[Author, bool]:
    author = Author.objects.filter(slug=spec.slug).first()
    if author:
        return author, False
    initials = "".join(part[0] for part in spec.name.split()[:2])
    photo = save_image(spec.name, f"{spec.slug}.jpg", images.author_photo(spec.slug, initials))
    return Author.objects.create(name=spec.name, slug=spec.slug, bio=spec.bio, photo=photo), True


def article_body(spec: content.ArticleSpec) -> list:
    blocks = [("paragraph", RichText(f"<p>{html.escape(text)}</p>")) for text in spec.paragraphs]
    if spec.pull_quote:
        quote, attribution = spec.pull_quote
        blocks.insert(
            min(2, len(blocks)), ("pull_quote", {"quote": quote, "attribution": attribution})
        )
    return blocks


def ensure_article(
    spec: content.ArticleSpec, section: SectionPage, authors: dict[str, Author], now: datetime
) -> tuple[ArticlePage, bool]:
    existing = ArticlePage.objects.child_of(section).filter(slug=spec.slug).first()
    if existing:
        return existing, False
    published_at = demo_publication_time(spec, now)
    lead = save_image(
        spec.headline[:255], f"{spec.slug}.jpg", images.lead_image(spec.slug, spec.headline)
    )
    article = ArticlePage(
        title=spec.headline,
        slug=spec.slug,
        standfirst=spec.standfirst,
        dateline_place=spec.place,
        published_at=published_at,
        first_published_at=published_at,
        body=article_body(spec),
        lead_image=lead,
        lead_image_caption=spec.image_caption,
        lead_image_credit=spec.image_credit,
        language=spec.language,
        comment_mode=spec.comment_mode,
    )
    for order, slug in enumerate(spec.authors):
        article.bylines.add(ArticleByline(author=authors[slug], sort_order=order))
    article.tags.add(*spec.tags)
    section.add_child(instance=article)
    article.save_revision().publish(log_action=False)
    # Publishing stamps "now"; a demo story was last published when it was first published.
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=published_at)
    return article, True


DEMO_CORRECTIONS = {
    # slug: (kind, hours after publication, text)
    "nairobi-eases-water-rationing": (
        "correction",
        5,
        "An earlier version of this article gave the share of water lost to leaks as a "
        "quarter. The utility's figure is a third.",
    ),
    "lisbon-council-caps-short-term-rentals": (
        "clarification",
        20,
        "The cap applies to new licences; existing licences are reviewed when they expire.",
    ),
    "rotterdam-port-volumes-rebound": (
        "update",
        3,
        "Updated with the port authority's revised monthly figures.",
    ),
}


def ensure_corrections(articles: dict[str, ArticlePage], now: datetime) -> int:
    made = 0
    for slug, (kind, hours, text) in DEMO_CORRECTIONS.items():
        article = articles.get(slug)
        if article is None or article.corrections.exists():
            continue
        made_at = min(article.published_at + timedelta(hours=hours), now - timedelta(minutes=5))
        ArticleCorrection.objects.create(page=article, kind=kind, made_at=made_at, text=text)
        made += 1
    return made


def ensure_breaking(articles: dict[str, ArticlePage], now: datetime) -> None:
    """The newest story leads as breaking news for a day after the demo is loaded."""
    newest = max(articles.values(), key=lambda article: article.published_at, default=None)
    if newest is not None and not ArticlePage.objects.filter(breaking_until__isnull=False).exists():
        ArticlePage.objects.filter(pk=newest.pk).update(breaking_until=now + timedelta(days=1))


def ensure_demo_admin() -> str | None:
    """Create an ``admin`` superuser when none exists; returns its new password, else None."""
    User = get_user_model()
    if User.objects.filter(is_superuser=True).exists():
        return None
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser("admin", "admin@example.invalid", password)
    path = settings.DATA_DIR / "demo-admin-password.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(f"admin\n{password}\n")
    return password


@transaction.atomic
def load_demo(log=lambda message: None) -> dict[str, int]:
    """Create whatever part of the demo newsroom is missing. Safe to run again."""
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("No home page: run `gazette migrate` first.")
    created = {"sections": 0, "authors": 0, "articles": 0}
    sections = {}
    for spec in content.SECTIONS:
        sections[spec.slug], new = ensure_section(home, spec)
        created["sections"] += new
    authors = {}
    for spec in content.AUTHORS:
        authors[spec.slug], new = ensure_author(spec)
        created["authors"] += new
    now = timezone.now()
    articles = {}
    for number, spec in enumerate(content.ARTICLES, start=1):
        articles[spec.slug], new = ensure_article(spec, sections[spec.section], authors, now)
        created["articles"] += new
        if new:
            log(f"  [{number}/{len(content.ARTICLES)}] {spec.headline}")
    created["comments"] = load_demo_comments(articles, now=now)
    created["corrections"] = ensure_corrections(articles, now)
    ensure_breaking(articles, now)
    return created
