"""A newsroom with every kind of record the archive carries, and ways to compare archives."""

import hashlib
import io
import json
import os
import secrets
import tarfile
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from gazette.articles.models import ArticleCorrection, Author, HomePage, SectionPage
from gazette.comments.models import Ban, Comment, ModerationLogEntry, WordRule
from gazette.comments.rendering import body_fingerprint, render_comment
from gazette.comments.services import (
    ban_create,
    comment_approve,
    comment_edit,
    comment_mark_spam,
    comment_reject,
    comment_remove,
)
from tests.factories import (
    aware,
    ensure_home,
    make_article,
    make_author,
    make_image,
    make_section,
    republish,
)

MODERATOR = "moderator1"


def add_comment(article, body, *, name="Reader", parent=None, minutes=0, email="", **extra):
    """A reader's comment as `comment_submit` stores it, at a chosen time."""
    created = article.published_at + timedelta(minutes=30 + minutes)
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        author_name=name,
        email=email,
        body=body,
        body_html=render_comment(body),
        body_hash=body_fingerprint(body),
        status=extra.pop("status", "pending"),
        ip_prefix=extra.pop("ip_prefix", "203.0.113.0/24"),
        user_agent="pytest",
        created_at=created,
        **extra,
    )
    ModerationLogEntry.objects.create(
        comment=comment,
        actor_label="reader",
        action="submit",
        to_status=comment.status,
        created_at=created,
    )
    return comment


def seed_newsroom() -> dict:
    """Sections, authors with a photo, tagged articles with bylines, lead and body images,
    corrections of every kind, a Persian article, drafts, an unpublished and a scheduled
    story, links between articles, threaded comments in every status with a moderation log,
    word rules and a ban."""
    moderator = get_user_model().objects.create_user(MODERATOR, "mod@example.invalid", "x")
    home = ensure_home()
    news = make_section(
        home=home, title="News", slug="news", default_comment_mode="open",
        description="What happened.",
    )  # fmt: skip
    culture = make_section(home=home, title="Culture", slug="culture", close_comments_after_days=30)
    photo = make_image("Leila Sadeghi", colour=(20, 90, 160))
    leila = make_author(name="Leila Sadeghi", slug="leila-sadeghi", photo=photo, bio="Tehran.")
    tom = make_author(name="Tom Baker", slug="tom-baker", bio="")
    lead = make_image("Reservoir", size=(120, 68))
    lead.focal_point_x, lead.focal_point_y = 60, 30
    lead.focal_point_width, lead.focal_point_height = 20, 10
    lead.save()
    lead.tags.add("water", "archive")
    inline = make_image("Chart", size=(80, 80), colour=(10, 200, 10))

    first = make_article(
        section=news, title="Reservoirs refill", slug="reservoirs-refill",
        authors=(leila, tom), tags=("water", "Tehran"), lead_image=lead,
        lead_image_caption="The dam in May.", lead_image_credit="Staff",
        published_at=aware(2022, 5, 18, 16, 48), breaking_until=aware(2030, 1, 1),
    )  # fmt: skip
    persian = make_article(
        section=culture, title="نمایشگاه عکس‌های قدیمی تهران", slug="tehran-photos",
        language="fa", dateline_place="تهران", authors=(leila,), tags=("عکاسی",),
        paragraphs=("عکس‌های قدیمی همیشه خاطره‌انگیزند.",), comment_mode="closed",
    )  # fmt: skip
    later = make_article(section=news, title="Rain returns", slug="rain-returns", authors=(tom,))
    # An earlier story linking forward to a later one, with an image and a pull quote.
    first = republish(first, body=[
        ("paragraph", RichText(
            f'<p>See <a id="{later.pk}" linktype="page">the rain</a>, '
            f'<a id="{news.pk}" linktype="page">the section</a> and '
            '<a href="https://example.org/report">the report</a>.</p>'
        )),
        ("image", {"image": inline, "caption": "Levels", "credit": "Utility"}),
        ("pull_quote", {"quote": "Every drop counts.", "attribution": "The mayor"}),
    ])  # fmt: skip
    for kind, hours, text in [
        ("correction", 5, "The dam holds a third more than first said."),
        ("clarification", 20, "The cap applies to new licences."),
        ("update", 30, "Updated with the utility's figures."),
    ]:
        ArticleCorrection.objects.create(
            page=first, kind=kind, made_at=first.published_at + timedelta(hours=hours), text=text
        )
    draft = make_article(section=news, title="Unfinished", slug="unfinished", publish=False)
    edited = make_article(section=culture, title="Gallery opens", slug="gallery-opens")
    pending = edited.get_latest_revision_as_object()
    pending.title = "Gallery opens late"
    pending.standfirst = "A new standfirst waiting for an editor."
    pending.save_revision()
    withdrawn = make_article(section=culture, title="Withdrawn", slug="withdrawn")
    withdrawn.unpublish()
    scheduled = make_article(section=news, title="Tomorrow", slug="tomorrow", publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=3)
    scheduled.save_revision().publish()
    HomePage.objects.filter(pk=home.pk).update(lead_article=first)

    root = add_comment(first, "Good piece, **well** sourced.", name="Ana", status="approved")
    reply = add_comment(first, "> Good piece\n\nAgreed.", name="Reza", parent=root, minutes=1,
                        status="approved", email="reza@example.invalid")  # fmt: skip
    add_comment(first, "A reply to a reply.", name="Mei", parent=reply, minutes=2)
    rejected = add_comment(first, "Off topic rant.", name="Olek", minutes=3)
    comment_reject(comment=rejected, actor=moderator, reason="Off topic")
    spam = add_comment(
        first, "Cheap watches https://example.com/a", name="Deals", minutes=4,
        spam_score=1.0, spam_reasons=[{"action": "reject", "check": "links", "score": 1.0,
                                       "reason": "Too many links."}],
    )  # fmt: skip
    comment_mark_spam(comment=spam, actor=moderator)
    removed = add_comment(first, "Something regrettable.", name="Sam", minutes=5)
    comment_approve(comment=removed, actor=moderator)
    comment_remove(comment=removed, actor=moderator, reason="Personal attack")
    typo = add_comment(later, "Teh rain is back.", name="Grace", minutes=6, status="approved")
    comment_edit(comment=typo, body="The rain is back.", actor_label="author")
    add_comment(persian, "ممنون از این گزارش دقیق.", name="نادیا", status="approved",
                ip_prefix="2001:db8:1::/48")  # fmt: skip
    WordRule.objects.create(word="casino", kind="banned")
    WordRule.objects.create(word="crypto", kind="suspect")
    ban_create(kind="ip", value="198.51.100.0/24", actor=moderator, reason="Flooding")
    ban_create(kind="name", value="Deals", reason="Spam")
    return {
        "first": first, "later": later, "persian": persian, "draft": draft, "edited": edited,
        "withdrawn": withdrawn, "scheduled": scheduled, "moderator": moderator,
    }  # fmt: skip


def wipe_newsroom() -> None:
    """Remove everything an archive carries, files included, leaving the home page."""
    HomePage.objects.update(lead_article=None)
    for section in SectionPage.objects.all():
        section.delete()
    Author.objects.all().delete()
    for image in get_image_model().objects.all():
        image.file.delete(save=False)
        image.delete()
    Tag.objects.all().delete()
    WordRule.objects.all().delete()
    Ban.objects.all().delete()


def newsroom_counts() -> dict:
    from gazette.articles.models import ArticlePage

    return {
        "articles": ArticlePage.objects.count(),
        "sections": SectionPage.objects.count(),
        "authors": Author.objects.count(),
        "images": get_image_model().objects.count(),
        "comments": Comment.objects.count(),
        "log": ModerationLogEntry.objects.count(),
        "tags": Tag.objects.count(),
    }


# --- archives ------------------------------------------------------------------------------


def archive_members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:*") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def archive_records(path: Path) -> dict:
    """Each JSON Lines file as a list of dicts, and each image file by its digest."""
    members = archive_members(path)
    records = {
        name: [json.loads(line) for line in data.decode().splitlines()]
        for name, data in members.items()
        if name.endswith(".jsonl")
    }
    records["media"] = {
        name: hashlib.sha256(data).hexdigest()
        for name, data in members.items()
        if name.startswith("media/")
    }
    return records


def differences(left, right, path="") -> list[str]:
    """Every place two JSON values differ, as readable lines."""
    if isinstance(left, dict) and isinstance(right, dict):
        found = []
        for key in sorted(set(left) | set(right), key=str):
            found += differences(left.get(key, "<absent>"), right.get(key, "<absent>"),
                                 f"{path}.{key}")  # fmt: skip
        return found
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        return [line for i, (a, b) in enumerate(zip(left, right, strict=True))
                for line in differences(a, b, f"{path}[{i}]")]  # fmt: skip
    return [] if left == right else [f"{path}: {left!r:.120} != {right!r:.120}"]


def assert_same_archives(first: Path, second: Path) -> dict:
    """Field by field, every record and every image file; returns the first's records."""
    left, right = archive_records(first), archive_records(second)
    assert sorted(left) == sorted(right)
    found = []
    for name in sorted(left):
        if name == "media":
            found += differences(left[name], right[name], "media")
            continue
        keyed_left = {_identity(record): record for record in left[name]}
        keyed_right = {_identity(record): record for record in right[name]}
        found += differences(keyed_left, keyed_right, name)
        if not found:  # same records: the order (parents first, tree order) must match too
            assert [_identity(r) for r in left[name]] == [_identity(r) for r in right[name]]
    assert not found, "archives differ:\n" + "\n".join(found[:40])
    return left


def _identity(record: dict) -> str:
    for field in ("key", "slug", "name"):
        if field in record:
            return str(record[field])
    return json.dumps(record, sort_keys=True)


def rewrite_archive(source: Path, target: Path, change, *, fix_manifest: bool = True) -> Path:
    """A copy of ``source`` with ``change(members)`` applied; the manifest's checksums are
    recomputed unless ``fix_manifest`` is false (to test the checksum check itself)."""
    members = archive_members(source)
    change(members)
    if fix_manifest and "manifest.json" in members:
        manifest = json.loads(members["manifest.json"])
        for name, data in members.items():
            if name in manifest["files"]:
                entry = manifest["files"][name]
                entry["sha256"], entry["size"] = hashlib.sha256(data).hexdigest(), len(data)
                if name.endswith(".jsonl"):
                    entry["records"] = len(data.decode().splitlines())
        members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


# --- a second installation -----------------------------------------------------------------


def postgres_admin_url() -> str:
    """A database on the PostgreSQL server the suite uses, from which to create others."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith("postgres"):
        return configured.rsplit("/", 1)[0] + "/postgres"
    return os.environ.get(
        "GAZETTE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )


@contextmanager
def scratch_postgres_database():
    """A new, empty database on the shared server (dropped afterwards); yields its URL."""
    import psycopg
    import pytest

    admin = postgres_admin_url()
    params = dj_database_url.parse(admin)
    name = f"gazette_port_{secrets.token_hex(4)}"
    try:
        server = psycopg.connect(admin, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server at {params['HOST']}:{params['PORT']}: {error}")
    with server:
        server.execute(f'CREATE DATABASE "{name}"')
        try:
            yield admin.rsplit("/", 1)[0] + f"/{name}"
        finally:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def other_engine() -> str:
    return "sqlite" if connection.vendor == "postgresql" else "postgresql"
