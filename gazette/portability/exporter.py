"""``export_site``: the whole newsroom as one archive, read from one consistent snapshot."""

import hashlib
import json
import re
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Revision

import gazette
from gazette.articles.models import ArticlePage, Author, HomePage, SectionPage
from gazette.comments.models import Ban, Comment, WordRule
from gazette.portability import PortabilityError, format, on_primary
from gazette.portability.archive import ArchiveWriter
from gazette.portability.streams import map_stream, rewrite_page_links, swap_attribute

BODY_FIELD = ArticlePage._meta.get_field("body")
SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


@contextmanager
def read_snapshot(using: str = "default"):
    """Every query inside sees the database as it was at the first one, while the site goes
    on writing: a repeatable-read transaction on PostgreSQL, a deferred (reading) transaction
    on SQLite, which in WAL mode never blocks writers."""
    connection = connections[using]
    if connection.in_atomic_block:  # already inside a transaction (tests): use it
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED" if connection.vendor == "sqlite" else "BEGIN")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


def export_site(path: Path, *, overwrite: bool = False, log: Callable = lambda m: None) -> dict:
    """Write the archive to ``path``; returns the number of records of each kind."""
    source = {
        "database": connections["default"].vendor,
        "gazette": gazette.__version__,
        "site_name": settings.GAZETTE_SITE_NAME,
        "base_url": settings.GAZETTE_BASE_URL,
    }
    with (
        on_primary(),
        read_snapshot(),
        ArchiveWriter(path, source=source, overwrite=overwrite) as writer,
    ):
        Exporter(writer, log).run()
    return writer.counts


class Exporter:
    def __init__(self, writer: ArchiveWriter, log: Callable):
        self.writer = writer
        self.log = log
        self.image_keys: dict[int, str] = {}
        self.author_slugs: dict[int, str] = {}
        self.page_keys: dict[int, str] = {}

    def run(self) -> None:
        home = HomePage.objects.first()
        if home is None:
            raise PortabilityError("This site has no home page: run `gazette migrate` first.")
        self.writer.add_records("tags.jsonl", self.tags())
        self.writer.add_records("images.jsonl", self.images())
        self.writer.add_records("authors.jsonl", self.authors())
        sections = list(SectionPage.objects.child_of(home).order_by("path"))
        articles = {
            section.pk: list(ArticlePage.objects.child_of(section).order_by("path"))
            for section in sections
        }
        self.page_keys[home.pk] = ""
        for section in sections:
            self.page_keys[section.pk] = section.slug
            for article in articles[section.pk]:
                self.page_keys[article.pk] = f"{section.slug}/{article.slug}"
        scheduled = set(
            Revision.page_revisions.filter(approved_go_live_at__isnull=False).values_list(
                "object_id", flat=True
            )
        )
        self.writer.add_records(
            "sections.jsonl", [self.section(s, str(s.pk) in scheduled) for s in sections]
        )
        self.writer.add_records(
            "articles.jsonl",
            [
                self.article(article, section, str(article.pk) in scheduled)
                for section in sections
                for article in articles[section.pk]
            ],
        )
        lead = self.page_keys.get(home.lead_article_id) if home.lead_article_id else None
        self.writer.add_records("home.jsonl", [format.HomeRecord(lead_article=lead)])
        self.writer.add_records("comments.jsonl", self.comments())
        self.writer.add_records("word_rules.jsonl", [
            format.WordRuleRecord(word=rule.word, kind=rule.kind)
            for rule in WordRule.objects.order_by("kind", "word")
        ])  # fmt: skip
        self.writer.add_records("bans.jsonl", [
            format.BanRecord(
                kind=ban.kind, value=ban.value, reason=ban.reason, created_at=ban.created_at,
                created_by=ban.created_by.get_username() if ban.created_by else None,
            )
            for ban in Ban.objects.select_related("created_by").order_by("kind", "value")
        ])  # fmt: skip

    # --- library -----------------------------------------------------------------------

    def tags(self) -> list:
        return [
            format.TagRecord(name=tag.name, slug=tag.slug) for tag in Tag.objects.order_by("name")
        ]

    def images(self) -> list:
        records, seen = [], set()
        images = get_image_model().objects.prefetch_related("tags").order_by("created_at", "pk")
        for image in images:
            try:
                with image.file.open("rb") as handle:
                    data = handle.read()
            except (OSError, ValueError) as error:
                raise PortabilityError(
                    f"Image {image.pk} ({image.title!r}) has no readable file "
                    f"({image.file.name}): {error}. Restore the file or delete the image, "
                    "then export again."
                ) from None
            key = format.image_key(
                title=image.title, content_sha256=hashlib.sha256(data).hexdigest()
            )
            self.image_keys[image.pk] = key
            if key in seen:
                continue  # the same title and file twice: one image in the archive
            suffix = Path(image.file.name).suffix.lower()
            member = f"media/{key}{suffix if SUFFIX.fullmatch(suffix) else ''}"
            self.writer.add_media(member, data)
            seen.add(key)
            records.append(format.ImageRecord(
                key=key, title=image.title, description=image.description,
                filename=Path(image.file.name).name, file=member,
                width=image.width, height=image.height,
                focal_point_x=image.focal_point_x, focal_point_y=image.focal_point_y,
                focal_point_width=image.focal_point_width,
                focal_point_height=image.focal_point_height,
                created_at=image.created_at, tags=sorted(tag.name for tag in image.tags.all()),
            ))  # fmt: skip
        self.log(f"  images: {len(records)}")
        return records

    def authors(self) -> list:
        records = []
        for author in Author.objects.order_by("slug"):
            self.author_slugs[author.pk] = author.slug
            records.append(format.AuthorRecord(
                slug=author.slug, name=author.name, bio=author.bio,
                photo=self.image_keys.get(author.photo_id),
            ))  # fmt: skip
        return records

    # --- pages -------------------------------------------------------------------------

    @staticmethod
    def _versions(page):
        """(content, draft): the page as stored (for a live page, what readers see), and its
        latest revision when that holds changes the stored page does not have yet."""
        if page.has_unpublished_changes and page.latest_revision_id:
            return page, page.get_latest_revision_as_object()
        return page, None

    @staticmethod
    def _state(page, scheduled: bool) -> dict:
        return {
            "live": page.live,
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
            "latest_revision_created_at": page.latest_revision_created_at,
            "go_live_at": page.go_live_at,
            "expire_at": page.expire_at,
            "expired": page.expired,
            "scheduled": scheduled,
        }

    @staticmethod
    def _page_content(page) -> dict:
        return {
            "title": page.title,
            "slug": page.slug,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "show_in_menus": page.show_in_menus,
        }

    def section(self, section: SectionPage, scheduled: bool) -> format.SectionRecord:
        def content(page):
            return format.SectionContent(
                **self._page_content(page),
                description=page.description,
                default_comment_mode=page.default_comment_mode,
                close_comments_after_days=page.close_comments_after_days,
            )

        live, draft = self._versions(section)
        return format.SectionRecord(
            key=section.slug,
            content=content(live),
            draft=content(draft) if draft is not None else None,
            **self._state(section, scheduled),
        )

    def article(self, article, section, scheduled: bool) -> format.ArticleRecord:
        live, draft = self._versions(article)
        return format.ArticleRecord(
            key=self.page_keys[article.pk],
            section=section.slug,
            content=self.article_content(live),
            draft=self.article_content(draft) if draft is not None else None,
            **self._state(article, scheduled),
        )

    def article_content(self, page) -> format.ArticleContent:
        corrections = sorted(page.corrections.all(), key=lambda c: (c.made_at, c.kind, c.text))
        return format.ArticleContent(
            **self._page_content(page),
            standfirst=page.standfirst,
            dateline_place=page.dateline_place,
            published_at=page.published_at,
            body=self.body(page),
            lead_image=self.image_keys.get(page.lead_image_id),
            lead_image_caption=page.lead_image_caption,
            lead_image_credit=page.lead_image_credit,
            language=page.language,
            comment_mode=page.comment_mode or None,
            breaking_until=page.breaking_until,
            bylines=[
                self.author_slugs[byline.author_id]
                for byline in sorted(page.bylines.all(), key=lambda b: b.sort_order or 0)
                if byline.author_id in self.author_slugs
            ],
            tags=sorted(tag.name for tag in page.tags.all()),
            corrections=[
                format.CorrectionRecord(kind=c.kind, made_at=c.made_at, text=c.text)
                for c in corrections
            ],
        )

    def body(self, page) -> list:
        def link(attrs: dict) -> dict | None:
            try:
                key = self.page_keys[int(attrs.get("id"))]
            except (KeyError, TypeError, ValueError):
                return None  # a page outside the site's tree: a plain link, as readers see it
            return swap_attribute(attrs, "id", "page-key", key)

        raw = _canonical(BODY_FIELD.get_prep_value(page.body) or [])
        return map_stream(
            BODY_FIELD.stream_block,
            raw,
            image=lambda pk: self.image_keys.get(pk) if pk is not None else None,
            rich_text=lambda text: rewrite_page_links(text, link),
        )

    # --- comments ----------------------------------------------------------------------

    def comments(self) -> list:
        comments = list(
            Comment.objects.filter(article_id__in=self.page_keys)
            .prefetch_related("log__actor")
            .order_by("created_at", "pk")
        )
        by_pk = {comment.pk: comment for comment in comments}
        keys: dict[int, str] = {}
        records = []
        for comment in _parents_first(comments, by_pk):
            article = self.page_keys[comment.article_id]
            keys[comment.pk] = format.comment_key(
                article=article,
                created_at=comment.created_at,
                author_name=comment.author_name,
                body=comment.body,
            )
            parent = by_pk.get(comment.parent_id)
            records.append(format.CommentRecord(
                key=keys[comment.pk], id=comment.pk, article=article,
                parent=keys[parent.pk] if parent and parent.article_id == comment.article_id
                else None,
                author_name=comment.author_name, email=comment.email, body=comment.body,
                body_html=comment.body_html, body_hash=comment.body_hash, status=comment.status,
                spam_score=comment.spam_score, spam_reasons=_canonical(comment.spam_reasons),
                ip_prefix=comment.ip_prefix, user_agent=comment.user_agent,
                created_at=comment.created_at, edited_at=comment.edited_at,
                log=[
                    format.LogRecord(
                        actor=entry.actor.get_username() if entry.actor else None,
                        actor_label=entry.actor_label, action=entry.action,
                        from_status=entry.from_status, to_status=entry.to_status,
                        reason=entry.reason, created_at=entry.created_at,
                    )
                    for entry in sorted(comment.log.all(), key=lambda e: (e.created_at, e.pk))
                ],
            ))  # fmt: skip
        self.log(f"  comments: {len(records)}")
        return records


def _canonical(value):
    """JSON with its object keys sorted: PostgreSQL's jsonb reorders keys, SQLite keeps them,
    and the same data should give the same archive from either."""
    return json.loads(json.dumps(value, sort_keys=True))


def _parents_first(comments: list, by_pk: dict) -> list:
    """Oldest first, except that a reply never comes before the comment it answers."""
    ordered, done = [], set()
    for comment in comments:
        chain = []
        current = comment
        while current is not None and current.pk not in done:
            chain.append(current)
            done.add(current.pk)
            current = by_pk.get(current.parent_id)
        ordered.extend(reversed(chain))
    return ordered
