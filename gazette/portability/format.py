"""The export archive, version 1: one JSON Lines file per kind of record, plus image files.

Each record class below is the schema of one line. Export writes them, import validates every
line against them before it writes anything. Natural keys, not database ids, tie records
together, so a second import recognises what the first one brought in:

- tag: its name; image: ``key`` (a digest of title and file); author: ``slug``;
- section: its slug under the home page; article: ``<section slug>/<article slug>``;
- comment: ``key`` (a digest of article, creation time, name and text). A comment also keeps
  its source ``id``; import reuses that id when it is free, so ``#comment-<id>`` links survive.

Changing a schema in a way an older Gazette cannot read means raising ``VERSION``.
"""

import hashlib
import re
from datetime import UTC, datetime
from typing import Annotated, Any

from django.db.models import Model
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from gazette.articles.models import ArticlePage, Author, CommentMode, CorrectionKind
from gazette.comments.models import Ban, Comment, CommentStatus, ModerationLogEntry, WordRule
from gazette.core.text import is_language_tag

FORMAT = "gazette-export"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media/"

PAGE_KEY = re.compile(r"[^/\s]+(/[^/\s]+)?")
IMAGE_KEY = re.compile(r"[0-9a-f]{20}")
MEDIA_NAME = re.compile(r"media/[0-9a-f]{20}(\.[a-z0-9]{1,8})?")


def _max(model: type[Model], field: str) -> int:
    return model._meta.get_field(field).max_length


def Text(model: type[Model], field: str, *, required: bool = False):  # noqa: N802
    """A string no longer than the model's column, so bad input fails here, not in SQL."""
    return Annotated[
        str, StringConstraints(max_length=_max(model, field), min_length=1 if required else 0)
    ]


def _language(value: str) -> str:
    if not is_language_tag(value):
        raise ValueError(f"not a BCP 47 language tag: {value!r}")
    return value


def _key(pattern: re.Pattern):
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"not a valid key: {value!r}")
        return value

    return AfterValidator(check)


PageKey = Annotated[str, _key(PAGE_KEY)]
ImageKey = Annotated[str, _key(IMAGE_KEY)]
Slug = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^[^/\s]+$")]
Moment = AwareDatetime


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TagRecord(Record):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    slug: Annotated[str, StringConstraints(min_length=1, max_length=100)]


class ImageRecord(Record):
    key: ImageKey
    title: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    description: Annotated[str, StringConstraints(max_length=255)] = ""
    filename: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    file: Annotated[str, _key(MEDIA_NAME)]
    width: int = Field(ge=1)
    height: int = Field(ge=1)
    focal_point_x: int | None = Field(default=None, ge=0)
    focal_point_y: int | None = Field(default=None, ge=0)
    focal_point_width: int | None = Field(default=None, ge=0)
    focal_point_height: int | None = Field(default=None, ge=0)
    created_at: Moment
    tags: list[str] = []


class AuthorRecord(Record):
    slug: Text(Author, "slug", required=True)
    name: Text(Author, "name", required=True)
    bio: str = ""
    photo: ImageKey | None = None


class PageContent(Record):
    """What a page revision holds and an editor edits."""

    title: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    slug: Slug
    seo_title: Annotated[str, StringConstraints(max_length=255)] = ""
    search_description: str = ""
    show_in_menus: bool = False


class PageState(Record):
    """A page's key and publication state, kept outside its revisions."""

    key: PageKey
    live: bool
    first_published_at: Moment | None = None
    last_published_at: Moment | None = None
    latest_revision_created_at: Moment | None = None
    go_live_at: Moment | None = None
    expire_at: Moment | None = None
    expired: bool = False
    scheduled: bool = False  # a revision waits for go_live_at


class SectionContent(PageContent):
    description: str = ""
    default_comment_mode: CommentMode = CommentMode.PREMODERATED
    close_comments_after_days: int | None = Field(default=None, ge=0)


class SectionRecord(PageState):
    content: SectionContent  # the page as stored: for a live page, what readers see
    draft: SectionContent | None = None  # the latest revision, when it holds newer changes


class CorrectionRecord(Record):
    kind: CorrectionKind
    made_at: Moment
    text: Annotated[str, StringConstraints(min_length=1)]


class ArticleContent(PageContent):
    standfirst: str = ""
    dateline_place: Text(ArticlePage, "dateline_place") = ""
    published_at: Moment | None = None
    body: list[dict[str, Any]] = []
    lead_image: ImageKey | None = None
    lead_image_caption: Text(ArticlePage, "lead_image_caption") = ""
    lead_image_credit: Text(ArticlePage, "lead_image_credit") = ""
    language: Annotated[str, AfterValidator(_language)]
    comment_mode: CommentMode | None = None
    breaking_until: Moment | None = None
    bylines: list[str] = []  # author slugs, in byline order
    tags: list[str] = []  # tag names, sorted
    corrections: list[CorrectionRecord] = []  # oldest first


class ArticleRecord(PageState):
    section: PageKey
    content: ArticleContent  # as for sections
    draft: ArticleContent | None = None


class HomeRecord(Record):
    lead_article: PageKey | None = None


class LogRecord(Record):
    actor: str | None = None  # the username; linked on import when that user exists
    actor_label: Text(ModerationLogEntry, "actor_label")
    action: Text(ModerationLogEntry, "action", required=True)
    from_status: Text(ModerationLogEntry, "from_status") = ""
    to_status: Text(ModerationLogEntry, "to_status") = ""
    reason: str = ""
    created_at: Moment


class CommentRecord(Record):
    key: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{24}$")]
    id: int | None = Field(default=None, ge=1)
    article: PageKey
    parent: str | None = None
    author_name: Text(Comment, "author_name", required=True)
    email: Text(Comment, "email") = ""
    body: str
    body_html: str
    body_hash: Text(Comment, "body_hash")
    status: CommentStatus
    spam_score: float = 0.0
    spam_reasons: list[Any] = []
    ip_prefix: Text(Comment, "ip_prefix") = ""
    user_agent: Text(Comment, "user_agent") = ""
    created_at: Moment
    edited_at: Moment | None = None
    log: list[LogRecord] = []


class WordRuleRecord(Record):
    word: Text(WordRule, "word", required=True)
    kind: WordRule.Kind


class BanRecord(Record):
    kind: Ban.Kind
    value: Text(Ban, "value", required=True)
    reason: Text(Ban, "reason") = ""
    created_at: Moment
    created_by: str | None = None


# File name → record schema, in the order import applies them (references point backwards).
KINDS: dict[str, type[Record]] = {
    "tags.jsonl": TagRecord,
    "images.jsonl": ImageRecord,
    "authors.jsonl": AuthorRecord,
    "sections.jsonl": SectionRecord,
    "articles.jsonl": ArticleRecord,
    "home.jsonl": HomeRecord,
    "comments.jsonl": CommentRecord,
    "word_rules.jsonl": WordRuleRecord,
    "bans.jsonl": BanRecord,
}

# Model fields the archive does not carry. A test fails when a model grows a field that is
# neither exported nor listed here, so a new field is a decision, not an accident.
PAGE_NOT_CARRIED = {
    # rebuilt by Wagtail where the page is created
    "id", "page_ptr", "path", "depth", "numchild", "url_path", "content_type",
    "translation_key", "locale", "draft_title",
    # follow from the revisions import saves
    "has_unpublished_changes", "live_revision", "latest_revision",
    # users, locks, workflows and aliases are not part of the archive
    "owner", "locked", "locked_at", "locked_by", "alias_of",
}  # fmt: skip
NOT_CARRIED = {
    "articles.SectionPage": PAGE_NOT_CARRIED,
    # copies of the page's parent and ``live``, set where import creates the page
    "articles.ArticlePage": PAGE_NOT_CARRIED | {"section_page", "listed"},
    "articles.HomePage": PAGE_NOT_CARRIED | {"title", "slug", "seo_title", "search_description",
                                             "show_in_menus", "live", "first_published_at",
                                             "last_published_at", "latest_revision_created_at",
                                             "go_live_at", "expire_at", "expired"},
    "articles.Author": {"id"},
    "articles.ArticleCorrection": {"id", "page", "sort_order"},
    # reading order, worked out from parent and time when the comment is saved
    "comments.Comment": {"thread", "path"},
    "comments.ModerationLogEntry": {"id", "comment"},
    "comments.WordRule": {"id"},
    "comments.Ban": {"id"},
    "wagtailimages.Image": {"id", "file_size", "file_hash", "collection", "uploaded_by_user"},
}  # fmt: skip


def comment_key(*, article: str, created_at: datetime, author_name: str, body: str) -> str:
    """The same comment gives the same key on every installation, whatever its id there."""
    material = "\x1f".join([article, created_at.astimezone(UTC).isoformat(), author_name, body])
    return hashlib.sha256(material.encode()).hexdigest()[:24]


def image_key(*, title: str, content_sha256: str) -> str:
    return hashlib.sha256(f"{title}\x1f{content_sha256}".encode()).hexdigest()[:20]
