"""Posting's fast path: the comment, its log entry and the spent nonce are stored once each,
with the model's signals, and the answer is what the declared schema would write."""

import json

import pytest
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext

from gazette.challenge.models import UsedNonce
from gazette.comments.api import JSON_CONTENT_TYPE
from gazette.comments.models import Comment, CommentStatus, ModerationLogEntry
from gazette.comments.serializers import CommentPostedOut
from gazette.comments.threads import SEGMENT
from gazette.comments.views import edit_cookie_name
from tests.comments.bulk import bulk_comments
from tests.comments_api.conftest import approved_comment, comment_payload, post_json

pytestmark = pytest.mark.django_db


def test_a_published_comment_is_stored_once_with_its_log_entry_and_spent_nonce(
    client, open_article, no_limits, django_capture_on_commit_callbacks, monkeypatch
):
    purged = []
    monkeypatch.setattr("gazette.cache.purge.purge_now", purged.append)
    nonces = UsedNonce.objects.count()
    payload = comment_payload(body="Stored *once*.")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_json(client, open_article, payload)

    assert response.status_code == 201, response.content
    stored = Comment.objects.get(body="Stored *once*.")
    assert response.json()["id"] == stored.pk
    assert stored.status == CommentStatus.APPROVED
    assert stored.thread and stored.path == stored.thread and len(stored.thread) == SEGMENT
    assert stored.spam_reasons == [] and stored.ip_prefix == "127.0.0.0/24"
    entries = ModerationLogEntry.objects.filter(comment=stored)
    assert [(e.action, e.actor_label, e.to_status) for e in entries] == [
        ("submit", "reader", CommentStatus.APPROVED)
    ]
    assert UsedNonce.objects.count() == nonces + 1
    # The article's pages are purged once the transaction has committed.
    assert callbacks and [f"comments-{open_article.pk}" in tags for tags in purged] == [True]

    again = post_json(client, open_article, payload)
    assert again.status_code == 400 and again.json()["challenge"]
    assert Comment.objects.filter(body="Stored *once*.").count() == 1


def test_the_201_answer_is_the_schema_s_own_rendering_with_its_headers(
    client, open_article, no_limits
):
    parent = approved_comment(open_article)

    response = post_json(client, open_article, comment_payload(parent=parent.pk))

    assert response.status_code == 201
    data = response.json()
    rendered = json.dumps(CommentPostedOut.model_validate(data).model_dump())
    assert response.content == rendered.encode()
    assert response["Content-Type"] == JSON_CONTENT_TYPE
    assert response["Cache-Control"] == "no-store"
    assert response.cookies[edit_cookie_name(data["id"])]["httponly"]
    assert (data["parent"], data["depth"], data["status"]) == (parent.pk, 1, "approved")


def test_a_held_comment_is_202_and_stored_once(client, premoderated_article, no_limits):
    response = post_json(client, premoderated_article, comment_payload(body="Held once."))

    assert response.status_code == 202
    assert response["Cache-Control"] == "no-store"
    held = Comment.objects.get(body="Held once.")
    assert held.status == CommentStatus.PENDING
    assert response.cookies[edit_cookie_name(held.pk)]
    assert ModerationLogEntry.objects.filter(comment=held).count() == 1


def test_storing_sends_the_model_signals(client, open_article, no_limits):
    seen = []

    def before(sender, instance, **kwargs):
        seen.append(("pre", sender, instance.pk))

    def after(sender, instance, created, **kwargs):
        seen.append(("post", sender, instance.pk, created))

    pre_save.connect(before)
    post_save.connect(after)
    try:
        response = post_json(client, open_article, comment_payload())
    finally:
        pre_save.disconnect(before)
        post_save.disconnect(after)

    comment_id = response.json()["id"]
    entry = ModerationLogEntry.objects.get(comment_id=comment_id)
    assert ("pre", Comment, None) in seen and ("post", Comment, comment_id, True) in seen
    assert ("post", ModerationLogEntry, entry.pk, True) in seen


def test_posting_costs_the_same_queries_on_a_long_conversation(client, section_pair, no_limits):
    quiet, busy = section_pair
    bulk_comments(busy, threads=300, replies=300)
    post_json(client, quiet, comment_payload())  # warms the site-root cache

    counts = []
    for article in (quiet, busy):
        with CaptureQueriesContext(connection) as queries:
            assert post_json(client, article, comment_payload()).status_code == 201
        counts.append(len(queries))
        assert not [q for q in queries if '"wagtailcore_site"' in q["sql"]]
        assert len([q for q in queries if '"wagtailcore_page"' in q["sql"]]) == 1

    assert counts[0] == counts[1]


@pytest.fixture
def section_pair(open_article):
    from tests.factories import make_article

    return open_article, make_article(section=open_article.get_parent().specific)
