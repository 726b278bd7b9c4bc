"""POST /api/v1/articles/<id>/comments: the JSON twin of the HTML comment form."""

import json

import pytest
from django.test import Client

from gazette.challenge.service import challenge_verify
from gazette.comments.models import Comment, CommentStatus
from gazette.comments.views import edit_cookie_name
from tests.challenge.helpers import QUESTION, solve
from tests.comments_api.conftest import (
    ITEM_KEYS,
    approved_comment,
    comment_payload,
    comments_url,
    post_json,
)
from tests.factories import make_article


def test_published_comment_is_201_stored_once_and_listed(client, open_article, no_limits):
    payload = comment_payload(body="Well *reported*.", email="parvin@example.com")
    response = post_json(client, open_article, payload)

    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == ITEM_KEYS | {"status"}
    assert data["status"] == "approved"
    assert data["author_name"] == "Parvin"
    assert "<em>reported</em>" in data["body_html"]
    assert data["parent"] is None and data["depth"] == 0 and data["replies"] == []
    assert data["url"].endswith(f"{open_article.url}#comment-{data['id']}")
    assert "parvin@example.com" not in response.content.decode()
    assert Comment.objects.filter(body="Well *reported*.").count() == 1
    assert Comment.objects.get(pk=data["id"]).status == CommentStatus.APPROVED
    assert "no-store" in response["Cache-Control"]
    assert response.cookies[edit_cookie_name(data["id"])]["httponly"]

    listed = client.get(comments_url(open_article)).json()
    assert [item["id"] for item in listed["results"]] == [data["id"]]
    assert listed["count"] == 1


def test_reply_is_returned_at_its_depth(client, open_article, no_limits):
    parent = approved_comment(open_article)
    response = post_json(client, open_article, comment_payload(parent=parent.pk))
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == parent.pk
    assert response.json()["depth"] == 1


def test_premoderated_comment_is_202_and_not_listed(client, premoderated_article, no_limits):
    response = post_json(client, premoderated_article, comment_payload(body="Wait for me."))

    assert response.status_code == 202, response.content
    assert response.json() == {"status": "pending", "message": "Your comment awaits moderation."}
    assert "no-store" in response["Cache-Control"]
    comment = Comment.objects.get(body="Wait for me.")
    assert comment.status == CommentStatus.PENDING
    assert response.cookies[edit_cookie_name(comment.pk)].value
    listed = client.get(comments_url(premoderated_article)).json()
    assert listed["results"] == [] and listed["count"] == 0


def test_first_comment_is_held_when_configured(client, open_article, settings):
    settings.GAZETTE_HOLD_FIRST_COMMENTS = True
    assert post_json(client, open_article, comment_payload()).status_code == 202


def test_closed_article_is_403_and_spends_nothing(client, closed_article, no_limits):
    payload = comment_payload()
    response = post_json(client, closed_article, payload)
    assert response.status_code == 403
    assert response.json()["detail"] == "Comments on this article are closed."
    assert not Comment.objects.exists()
    assert challenge_verify(token=payload["challenge_token"], answer=payload["challenge_answer"]).ok


@pytest.mark.django_db
def test_unknown_or_unpublished_article_is_404(client, home, no_limits):
    draft = make_article(publish=False)
    for article_id in (draft.pk, 999_999):
        response = client.post(
            f"/api/v1/articles/{article_id}/comments",
            data=json.dumps(comment_payload()),
            content_type="application/json",
        )
        assert response.status_code == 404
        assert "detail" in response.json()


def test_field_errors_are_400_keyed_by_field_and_keep_the_question(client, open_article, no_limits):
    payload = comment_payload(author_name="", body="   ", email="not an email")
    response = post_json(client, open_article, payload)

    assert response.status_code == 400
    data = response.json()
    assert data["detail"]
    assert set(data["errors"]) == {"author_name", "body", "email"}
    assert all(
        isinstance(message, str) for messages in data["errors"].values() for message in messages
    )
    assert data.get("challenge") is None  # the question sent is still answerable
    assert not Comment.objects.exists()

    fixed = {**payload, "author_name": "Parvin", "body": "Now with text.", "email": ""}
    assert post_json(client, open_article, fixed).status_code == 201


def test_wrong_types_are_field_errors(client, open_article, no_limits):
    response = post_json(client, open_article, comment_payload(author_name=["x"], parent=True))
    assert response.status_code == 400
    assert {"author_name", "parent"} <= set(response.json()["errors"])


def test_numeric_answer_is_accepted(client, open_article, no_limits):
    payload = comment_payload()
    payload["challenge_answer"] = int(payload["challenge_answer"])
    assert post_json(client, open_article, payload).status_code == 201


def test_body_over_the_limit_is_a_body_error(client, open_article, no_limits):
    no_limits.GAZETTE_COMMENT_MAX_LENGTH = 20
    payload = comment_payload(body="x" * 21)
    response = post_json(client, open_article, payload)
    assert response.status_code == 400
    assert response.json()["errors"]["body"] == [
        "Comments can be at most 20 characters; this one has 21."
    ]
    assert response.json()["challenge"] is None, "no new question: the first was not spent"
    payload["body"] = "x" * 20
    assert post_json(client, open_article, payload).status_code == 201


def test_wrong_answer_is_400_with_a_fresh_challenge_and_burns_the_token(
    client, open_article, no_limits
):
    payload = comment_payload()
    right = payload["challenge_answer"]
    payload["challenge_answer"] = str(int(right) + 1)
    response = post_json(client, open_article, payload)

    assert response.status_code == 400
    data = response.json()
    assert data["errors"]["challenge_answer"] == [
        "That answer is not right. Here is a new question."
    ]
    fresh = data["challenge"]
    assert QUESTION.fullmatch(fresh["question"])
    assert fresh["token"] != payload["challenge_token"]
    assert fresh["expires_at"]
    assert not Comment.objects.exists()

    # The old token is spent, even with the right answer now.
    retry = post_json(client, open_article, {**payload, "challenge_answer": right})
    assert retry.status_code == 400
    assert "already used" in retry.json()["errors"]["challenge_answer"][0]

    # The fresh question works, with the same text.
    answer = str(solve(fresh["question"]))
    no_limits.GAZETTE_CHALLENGE_MIN_SECONDS = 0
    again = post_json(
        client,
        open_article,
        {**payload, "challenge_token": fresh["token"], "challenge_answer": answer},
    )
    assert again.status_code == 201, again.content
    assert Comment.objects.get().body == payload["body"]


def test_replayed_token_is_refused(client, open_article, no_limits):
    payload = comment_payload()
    assert post_json(client, open_article, payload).status_code == 201
    replay = post_json(client, open_article, {**payload, "body": "Another text."})
    assert replay.status_code == 400
    assert "already used" in replay.json()["errors"]["challenge_answer"][0]
    assert replay.json()["challenge"]["token"]
    assert Comment.objects.count() == 1


def test_missing_token_gets_a_challenge(client, open_article, no_limits):
    payload = comment_payload()
    del payload["challenge_token"], payload["challenge_answer"]
    response = post_json(client, open_article, payload)
    assert response.status_code == 400
    assert "challenge_answer" in response.json()["errors"]
    assert response.json()["challenge"]["question"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_other_content_types_are_415(client, open_article, no_limits, content_type):
    response = client.post(
        comments_url(open_article), data=json.dumps(comment_payload()), content_type=content_type
    )
    assert response.status_code == 415
    assert "JSON" in response.json()["detail"]
    assert not Comment.objects.exists()


def test_multipart_form_is_415(client, open_article, no_limits):
    response = client.post(comments_url(open_article), data=comment_payload())
    assert response.status_code == 415


@pytest.mark.parametrize("body", ["{", "not json", "[1, 2]", '"text"', "\xff"])
def test_invalid_json_or_non_object_is_400(client, open_article, no_limits, body):
    response = client.post(comments_url(open_article), data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_rate_limit_is_429_with_retry_after(client, open_article, no_limits):
    no_limits.GAZETTE_COMMENT_RATE_LIMITS = "2/m"
    for _ in range(2):
        assert post_json(client, open_article, comment_payload()).status_code == 201
    response = post_json(client, open_article, comment_payload(body="One too many."))

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "too quickly" in response.json()["detail"]
    assert response.json()["challenge"]["token"]
    assert not Comment.objects.filter(body="One too many.").exists()


def test_spam_reject_is_400_with_the_public_reason(client, open_article, no_limits):
    response = post_json(client, open_article, comment_payload(website="http://spam.example"))
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Your comment was not accepted: A field meant to stay empty was filled in."
    )
    assert client.get(comments_url(open_article)).json()["count"] == 0


def test_reply_to_a_hidden_comment_is_a_parent_error(client, open_article, no_limits):
    hidden = approved_comment(open_article, status=CommentStatus.PENDING)
    response = post_json(client, open_article, comment_payload(parent=hidden.pk))
    assert response.status_code == 400
    assert "parent" in response.json()["errors"]


def test_api_needs_no_csrf_token(open_article, no_limits):
    strict = Client(enforce_csrf_checks=True)
    assert post_json(strict, open_article, comment_payload()).status_code == 201


def test_json_with_a_charset_is_accepted(client, open_article, no_limits):
    response = client.post(
        comments_url(open_article),
        data=json.dumps(comment_payload()).encode(),
        content_type="application/json; charset=utf-8",
    )
    assert response.status_code == 201, response.content


def test_oversized_body_is_413(client, open_article, no_limits):
    no_limits.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post_json(client, open_article, comment_payload(body="x" * 2000))
    assert response.status_code == 413
    assert not Comment.objects.exists()
