"""GET endpoints: the threaded list of an article's approved comments, and counts."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gazette.comments.models import CommentStatus
from tests.comments_api.conftest import (
    ITEM_KEYS,
    approved_comment,
    comment_payload,
    comments_url,
    post_json,
)
from tests.factories import make_article


def walk(items):
    for item in items:
        yield item
        yield from walk(item["replies"])


def test_thread_is_nested_and_paginated_by_top_level_comments(client, open_article):
    first = approved_comment(open_article)
    reply = approved_comment(open_article, parent=first)
    reply_to_reply = approved_comment(open_article, parent=reply)
    second = approved_comment(open_article)
    third = approved_comment(open_article)
    approved_comment(open_article, status=CommentStatus.PENDING)
    approved_comment(open_article, parent=first, status=CommentStatus.SPAM)

    response = client.get(comments_url(open_article), {"page_size": 2})
    assert response.status_code == 200
    data = response.json()
    assert (data["count"], data["threads"], data["page"], data["pages"], data["page_size"]) == (
        5,
        3,
        1,
        2,
        2,
    )
    assert [item["id"] for item in data["results"]] == [first.pk, second.pk]
    top = data["results"][0]
    assert set(top) == ITEM_KEYS
    assert (top["parent"], top["depth"]) == (None, 0)
    assert [(r["id"], r["parent"], r["depth"]) for r in top["replies"]] == [(reply.pk, first.pk, 1)]
    nested = top["replies"][0]["replies"]
    assert [(r["id"], r["parent"], r["depth"]) for r in nested] == [
        (reply_to_reply.pk, reply.pk, 2)
    ]
    assert top["url"].endswith(f"{open_article.url}#comment-{first.pk}")
    assert top["url"].startswith("http")
    assert top["body_html"] == first.body_html
    created = datetime.fromisoformat(top["created_at"])
    assert created.utcoffset() is not None and created == first.created_at
    assert top["edited_at"] is None

    page_two = client.get(comments_url(open_article), {"page_size": 2, "page": 2}).json()
    assert [item["id"] for item in page_two["results"]] == [third.pk]
    assert client.get(comments_url(open_article), {"page_size": 2, "page": 3}).status_code == 404


def test_default_page_size_is_50(client, open_article):
    data = client.get(comments_url(open_article)).json()
    assert (data["page_size"], data["count"], data["pages"], data["results"]) == (50, 0, 1, [])


@pytest.mark.parametrize(
    "query", [{"page": 0}, {"page_size": 0}, {"page_size": 201}, {"page": "x"}]
)
def test_bad_paging_is_422(client, open_article, query):
    response = client.get(comments_url(open_article), query)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_reply_to_a_hidden_comment_is_shown_at_the_top_without_parent(client, open_article):
    hidden = approved_comment(open_article, status=CommentStatus.REMOVED)
    orphan = approved_comment(open_article, parent=hidden)
    data = client.get(comments_url(open_article)).json()
    assert [(item["id"], item["parent"], item["depth"]) for item in data["results"]] == [
        (orphan.pk, None, 0)
    ]


def test_replies_past_the_maximum_depth_stay_at_that_depth(client, open_article, settings):
    settings.GAZETTE_COMMENT_MAX_DEPTH = 1
    top = approved_comment(open_article)
    reply = approved_comment(open_article, parent=top)
    deeper = approved_comment(open_article, parent=reply)
    data = client.get(comments_url(open_article)).json()
    assert [(i["id"], i["parent"], i["depth"]) for i in walk(data["results"])] == [
        (top.pk, None, 0),
        (reply.pk, top.pk, 1),
        (deeper.pk, reply.pk, 1),
    ]


def test_private_fields_are_never_listed(client, open_article, no_limits):
    stored = approved_comment(open_article, email="stored-secret@example.com")
    approved_comment(open_article, parent=stored, email="reply-secret@example.com")
    posted = post_json(client, open_article, comment_payload(email="posted-secret@example.com"))
    assert posted.status_code == 201
    response = client.get(comments_url(open_article))
    text = response.content.decode()
    for secret in (
        "secret@example.com",
        "203.0.113",
        "127.0.0",
        "TestAgent",
        "secret-spam-reason",
        "email",
        "ip_prefix",
        "user_agent",
        "spam",
    ):
        assert secret not in text
    assert all(set(item) == ITEM_KEYS for item in walk(response.json()["results"]))


@pytest.mark.django_db
def test_unknown_or_unpublished_article_is_404(client, home):
    draft = make_article(publish=False)
    approved_comment(draft)
    assert client.get(comments_url(draft)).status_code == 404
    assert client.get("/api/v1/articles/999999/comments").status_code == 404


def test_list_takes_the_same_number_of_queries_for_5_and_50_comments(client, home, open_article):
    small, large = open_article, make_article(section=open_article.get_parent().specific)
    for article, number in ((small, 5), (large, 50)):
        parents = [approved_comment(article) for _ in range(number // 2)]
        for parent in parents[: number - len(parents)]:
            approved_comment(article, parent=parent)
    client.get(comments_url(small))  # warm the site-root cache

    counts = {}
    for article in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(comments_url(article))
        assert response.status_code == 200
        counts[article.pk] = len(queries)
    assert client.get(comments_url(large)).json()["count"] == 50
    # Page restrictions, the article, its comments, the site for its URL.
    assert counts[small.pk] == counts[large.pk] <= 4, counts


def test_counts_for_many_articles_in_one_query(
    client, open_article, premoderated_article, closed_article, django_assert_num_queries
):
    for _ in range(3):
        approved_comment(open_article)
    approved_comment(open_article, status=CommentStatus.PENDING)
    approved_comment(closed_article)
    ids = [open_article.pk, premoderated_article.pk, closed_article.pk, 999_999]
    with django_assert_num_queries(1):
        response = client.get("/api/v1/comments/count", {"article": ids})
    assert response.status_code == 200
    assert response.json() == {
        "counts": {
            str(open_article.pk): 3,
            str(premoderated_article.pk): 0,
            str(closed_article.pk): 1,
            "999999": 0,
        }
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [{}, {"article": list(range(1, 102))}, {"article": "abc"}, {"article": 0}]
)
def test_count_needs_one_to_a_hundred_valid_ids(client, query):
    response = client.get("/api/v1/comments/count", query)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.django_db
def test_count_accepts_a_hundred_ids(client):
    response = client.get("/api/v1/comments/count", {"article": list(range(1, 101))})
    assert response.status_code == 200
    assert len(response.json()["counts"]) == 100


def test_openapi_lists_the_three_operations(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    comments = schema["paths"]["/api/v1/articles/{article_id}/comments"]
    count = schema["paths"]["/api/v1/comments/count"]
    assert {"get", "post"} <= set(comments) and "get" in count
    for operation in (comments["get"], comments["post"], count["get"]):
        assert "comments" in operation["tags"]
    post = comments["post"]
    assert {"201", "202", "400", "403", "404", "415", "429"} <= set(post["responses"])
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert {"author_name", "body", "challenge_token", "challenge_answer"} <= set(body["properties"])
    item = schema["components"]["schemas"]["CommentOut"]["properties"]
    assert "email" not in item and "replies" in item
