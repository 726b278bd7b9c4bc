"""Posting's fast path: the comment, its log entry and the spent nonce are stored once each,
with the model's signals, and the answer is what the declared schema would write."""

import json

import pytest
from django.db import connection, connections
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


@pytest.mark.django_db(transaction=True)
def test_the_comment_and_its_spent_question_commit_together(
    client, open_article, no_limits, monkeypatch
):
    """One commit per comment: the nonce is written in the comment's own transaction."""
    commits = []
    wrapper = type(connections["default"])
    real_commit = wrapper.commit
    monkeypatch.setattr(wrapper, "commit", lambda self: commits.append(1) or real_commit(self))
    payload = comment_payload(body="One commit.")

    response = post_json(client, open_article, payload)

    assert response.status_code == 201, response.content
    assert len(commits) == 1
    assert UsedNonce.objects.count() == 1
    assert Comment.objects.filter(body="One commit.").count() == 1
    replay = post_json(client, open_article, {**payload, "body": "Second try."})
    assert "already used" in replay.json()["errors"]["challenge_answer"][0]
    assert not Comment.objects.filter(body="Second try.").exists()


def test_a_question_answered_meanwhile_stores_nothing(open_article, no_limits, monkeypatch):
    """Two requests with one solved question both pass the answer check (with Redis down,
    or not configured: only the database can tell); the one whose transaction finds the
    nonce spent stores nothing and says so."""
    from gazette.challenge.service import challenge_verify

    monkeypatch.setattr("gazette.challenge.service.nonce_claim", lambda **kwargs: True)
    from gazette.comments.services import ChallengeReplayed
    from tests.comments.helpers import submit

    fields = comment_payload()
    first, second = (
        challenge_verify(
            token=fields["challenge_token"],
            answer=fields["challenge_answer"],
            defer_spend=True,
        )
        for _ in range(2)
    )
    assert first.ok and second.ok

    stored = submit(open_article, "The winner.", challenge=first.deferred)
    with pytest.raises(ChallengeReplayed) as refused:
        submit(open_article, "The loser.", challenge=second.deferred)

    assert stored.comment.pk
    assert refused.value.field == "challenge_answer"
    assert "already used" in str(refused.value.message)
    assert list(Comment.objects.values_list("body", flat=True)) == ["The winner."]
    assert UsedNonce.objects.count() == 1


@pytest.mark.parametrize("refusal", ["rate limit", "hidden parent"])
def test_a_comment_refused_before_it_is_stored_still_spends_its_question(
    client, open_article, no_limits, refusal
):
    if refusal == "rate limit":
        no_limits.GAZETTE_COMMENT_RATE_LIMITS = "1/m"
        assert post_json(client, open_article, comment_payload()).status_code == 201
        payload = comment_payload(body="Refused.")
        expected = 429
    else:
        hidden = approved_comment(open_article, status=CommentStatus.PENDING)
        payload = comment_payload(body="Refused.", parent=hidden.pk)
        expected = 400
    nonces = UsedNonce.objects.count()

    refused = post_json(client, open_article, payload)

    assert refused.status_code == expected, refused.content
    assert UsedNonce.objects.count() == nonces + 1
    no_limits.GAZETTE_COMMENT_RATE_LIMITS = "off"
    retry = post_json(client, open_article, {**payload, "parent": None})
    assert retry.status_code == 400
    assert "already used" in retry.json()["errors"]["challenge_answer"][0]
    assert not Comment.objects.filter(body="Refused.").exists()
