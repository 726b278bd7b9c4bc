"""Fixtures for the comments API: articles in each comment mode and a way to post."""

import itertools
import json

import pytest

from gazette.comments.models import Comment, CommentStatus
from tests.comments.helpers import solved_challenge
from tests.factories import make_article, make_section

_bodies = itertools.count(1)
# What every comment in the API carries, and all it carries: no email, address or spam data.
ITEM_KEYS = {
    "id",
    "parent",
    "author_name",
    "body_html",
    "created_at",
    "edited_at",
    "url",
    "depth",
    "replies",
}


def comments_url(article) -> str:
    return f"/api/v1/articles/{article.pk}/comments"


def comment_payload(**fields) -> dict:
    payload = {
        "author_name": "Parvin",
        "body": f"A thoughtful comment number {next(_bodies)}.",
        **solved_challenge(),
    }
    payload.update(fields)
    return payload


def post_json(client, article, payload, **extra):
    return client.post(
        comments_url(article), data=json.dumps(payload), content_type="application/json", **extra
    )


def approved_comment(article, *, parent=None, status=CommentStatus.APPROVED, **fields):
    number = next(_bodies)
    body = fields.pop("body", f"Stored comment {number}")
    return Comment.objects.create(
        article=article,
        parent=parent,
        author_name=fields.pop("author_name", f"Reader {number}"),
        email=fields.pop("email", f"reader{number}@example.com"),
        body=body,
        body_html=f"<p>{body}</p>",
        body_hash=f"hash-{number}",
        status=status,
        ip_prefix="203.0.113.0/24",
        user_agent="TestAgent/1.0",
        spam_reasons=[{"check": "test", "reason": "secret-spam-reason"}],
        **fields,
    )


@pytest.fixture
def no_limits(settings):
    settings.GAZETTE_COMMENT_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = "off"
    settings.GAZETTE_HOLD_FIRST_COMMENTS = False
    return settings


@pytest.fixture
def open_article(db, home):
    return make_article(section=make_section(default_comment_mode="open"))


@pytest.fixture
def premoderated_article(db, home):
    return make_article(section=make_section(default_comment_mode="premoderated"))


@pytest.fixture
def closed_article(db, home):
    return make_article(section=make_section(default_comment_mode="closed"))
