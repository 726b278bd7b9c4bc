"""Export, wipe, import on one database: nothing lost, nothing doubled, interruptions heal."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from gazette.articles.models import ArticlePage, HomePage
from gazette.comments.models import Comment, ModerationLogEntry
from gazette.portability.importer import Importer
from tests.factories import make_article, make_section
from tests.portability.helpers import (
    MODERATOR,
    add_comment,
    assert_same_archives,
    newsroom_counts,
    seed_newsroom,
    wipe_newsroom,
)

pytestmark = pytest.mark.django_db


def export(path) -> str:
    call_command("export", str(path), stdout=StringIO())
    return path


def run_import(path) -> str:
    output = StringIO()
    call_command("import", str(path), stdout=output)
    return output.getvalue()


@pytest.fixture
def newsroom():
    return seed_newsroom()


def test_wiping_then_importing_gives_back_every_record_and_file(newsroom, tmp_path):
    before = export(tmp_path / "before.tar.gz")
    counts = newsroom_counts()
    old_comment_ids = sorted(Comment.objects.values_list("pk", flat=True))
    wipe_newsroom()
    assert newsroom_counts()["articles"] == 0

    output = run_import(before)
    records = assert_same_archives(before, export(tmp_path / "after.tar.gz"))

    assert "Import complete" in output
    assert newsroom_counts() == counts
    assert sorted(Comment.objects.values_list("pk", flat=True)) == old_comment_ids
    # The comparison above is only worth something if the archive holds the hard cases.
    comments = records["comments.jsonl"]
    assert {c["status"] for c in comments} == {"pending", "approved", "rejected", "spam", "removed"}
    assert any(c["parent"] for c in comments) and any(c["edited_at"] for c in comments)
    assert any(entry["actor"] == MODERATOR for c in comments for entry in c["log"])
    articles = {a["key"]: a for a in records["articles.jsonl"]}
    assert articles["culture/tehran-photos"]["content"]["language"] == "fa"
    assert len(articles["news/reservoirs-refill"]["content"]["corrections"]) == 3
    assert articles["culture/gallery-opens"]["draft"]["title"] == "Gallery opens late"
    assert len(records["media"]) == 3


def test_imported_pages_keep_their_state_times_and_links(newsroom, client, tmp_path):
    archive = export(tmp_path / "site.tar.gz")
    originals = {page.slug: page for page in ArticlePage.objects.all()}
    wipe_newsroom()
    run_import(archive)
    pages = {page.slug: page for page in ArticlePage.objects.all()}

    first, later = pages["reservoirs-refill"], pages["rain-returns"]
    for slug, original in originals.items():
        page = pages[slug]
        assert (page.live, page.published_at, page.first_published_at) == (
            original.live,
            original.published_at,
            original.first_published_at,
        ), slug
        assert page.last_published_at == original.last_published_at, slug
    assert first.published_at.isoformat() == "2022-05-18T16:48:00+00:00"
    assert [a.slug for a in first.ordered_bylines] == ["leila-sadeghi", "tom-baker"]
    assert HomePage.objects.get().lead_article_id == first.pk
    assert pages["tehran-photos"].text_direction == "rtl"
    assert not pages["unfinished"].live and pages["unfinished"].first_published_at is None
    assert pages["gallery-opens"].live and pages["gallery-opens"].has_unpublished_changes
    assert pages["gallery-opens"].title == "Gallery opens"
    assert not pages["withdrawn"].live and pages["withdrawn"].first_published_at is not None
    scheduled = pages["tomorrow"]
    assert not scheduled.live and scheduled.go_live_at == originals["tomorrow"].go_live_at
    assert Revision.page_revisions.filter(
        object_id=str(scheduled.pk), approved_go_live_at=scheduled.go_live_at
    ).exists()
    # A link to a page imported after the page that links to it still finds it.
    html = client.get(first.url).content.decode()
    assert f'<a href="{later.url}">the rain</a>' in html
    assert '<a href="/news/">the section</a>' in html
    assert "Every drop counts." in html


def test_comments_keep_threads_statuses_and_their_moderation_log(newsroom, tmp_path):
    def snapshot():
        return {
            comment.pk: (
                comment.parent_id, comment.status, comment.created_at, comment.edited_at,
                comment.email, comment.ip_prefix, comment.spam_reasons, comment.body_html,
                [(e.action, e.actor_label, e.actor_id, e.from_status, e.to_status, e.reason,
                  e.created_at) for e in comment.log.order_by("created_at", "pk")],
            )
            for comment in Comment.objects.all()
        }  # fmt: skip

    before = snapshot()
    archive = export(tmp_path / "site.tar.gz")
    wipe_newsroom()
    run_import(archive)

    assert snapshot() == before


def test_running_the_same_import_again_adds_nothing(newsroom, tmp_path):
    archive = export(tmp_path / "site.tar.gz")
    counts = newsroom_counts()

    into_itself = run_import(archive)
    wipe_newsroom()
    first = run_import(archive)
    second = run_import(archive)

    assert "Import complete: 0 records added" in into_itself
    assert "Import complete: 0 records added" not in first
    assert "Import complete: 0 records added" in second
    assert newsroom_counts() == counts
    assert_same_archives(archive, export(tmp_path / "again.tar.gz"))


@pytest.mark.parametrize(("method", "after"), [("import_article", 3), ("import_comment", 4)])
def test_an_interrupted_import_finishes_when_run_again(
    newsroom, tmp_path, monkeypatch, method, after
):
    archive = export(tmp_path / "site.tar.gz")
    counts = newsroom_counts()
    wipe_newsroom()
    original = getattr(Importer, method)
    calls = []

    def failing(self, record):
        if len(calls) == after:
            raise RuntimeError("disk full")
        calls.append(record)
        return original(self, record)

    monkeypatch.setattr(Importer, method, failing)
    with pytest.raises(CommandError) as stopped:
        run_import(archive)
    kind = "articles" if method == "import_article" else "comments"
    partial = newsroom_counts()
    monkeypatch.setattr(Importer, method, original)
    run_import(archive)

    message = str(stopped.value)
    assert f"Import stopped at {kind}.jsonl line {after + 1}: RuntimeError: disk full" in message
    assert "run the same import again" in message
    assert partial[kind] == after
    assert newsroom_counts() == counts
    assert_same_archives(archive, export(tmp_path / "healed.tar.gz"))


def test_a_comment_id_taken_here_is_replaced_and_the_rest_are_kept(newsroom, tmp_path):
    archive = export(tmp_path / "site.tar.gz")
    ids = dict(Comment.objects.values_list("body", "pk"))
    wipe_newsroom()
    taken = ids["Off topic rant."]
    local = add_comment(make_article(section=make_section()), "Already here.", id=taken)

    run_import(archive)

    moved = Comment.objects.get(body="Off topic rant.")
    assert Comment.objects.get(pk=taken) == local
    assert moved.pk != taken
    assert moved.log.filter(action="reject").exists()
    assert all(Comment.objects.get(body=body).pk == pk for body, pk in ids.items() if pk != taken)
    later = add_comment(local.article, "Written after the import.")
    assert later.pk > max(ids.values())


def test_log_entries_of_users_missing_here_keep_the_name(newsroom, tmp_path):
    archive = export(tmp_path / "site.tar.gz")
    wipe_newsroom()
    get_user_model().objects.filter(username=MODERATOR).delete()

    output = run_import(archive)

    assert f"No user '{MODERATOR}' here" in output
    rejected = ModerationLogEntry.objects.get(action="reject")
    assert rejected.actor_id is None and rejected.actor_label == MODERATOR


def test_export_and_import_read_the_primary_and_leave_the_thread_unpinned(tmp_path, monkeypatch):
    from gazette.core import db_router
    from gazette.portability.exporter import Exporter

    make_article(slug="one")
    seen = []
    for cls, method in [(Exporter, "run"), (Importer, "run")]:
        original = getattr(cls, method)

        def spy(self, original=original):
            seen.append(db_router.pinned())
            return original(self)

        monkeypatch.setattr(cls, method, spy)
    db_router.unpin()

    run_import(export(tmp_path / "site.tar.gz"))

    assert seen == [True, True]
    assert not db_router.pinned()
