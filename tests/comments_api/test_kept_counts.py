"""The comment list keeps an article's counts between requests, and every change a reader
could see (a comment posted, approved, removed, held, edited) drops them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gazette.comments.models import CommentStatus
from gazette.comments.services import (
    comment_approve,
    comment_edit,
    comment_mark_spam,
    comment_reject,
    comment_remove,
    comment_restore,
)
from tests.comments_api.conftest import (
    approved_comment,
    comment_payload,
    comments_url,
    post_json,
)
from tests.factories import ensure_home, make_article, make_section

# Memos are kept only outside transactions: these tests commit, as requests do.
pytestmark = pytest.mark.usefixtures("no_limits")


@pytest.fixture
def story(transactional_db):
    ensure_home()
    return make_article(section=make_section(default_comment_mode="open"))


def listed(client, article, **query) -> dict:
    answer = client.get(comments_url(article), query)
    assert answer.status_code == 200, answer.content
    return answer.json()


def shape(data: dict) -> tuple:
    return data["count"], data["threads"], data["pages"]


def test_counts_are_read_once(client, story):
    for _ in range(3):
        approved_comment(story)
    assert shape(listed(client, story, page_size=2)) == (3, 3, 2)

    with CaptureQueriesContext(connection) as captured:
        again = listed(client, story, page_size=2)
    assert shape(again) == (3, 3, 2)
    (query,) = [q["sql"] for q in captured if "comments_comment" in q["sql"]]
    assert "AS total" in query and "COUNT(*) AS total" not in query


def test_each_change_a_reader_sees_updates_the_counts(client, story):
    first = approved_comment(story)
    reply = approved_comment(story, parent=first)
    listed(client, story)  # counts kept: 2 comments, 1 thread

    assert post_json(client, story, comment_payload()).status_code == 201
    assert shape(listed(client, story, page_size=1)) == (3, 2, 2)

    comment_remove(comment=first)  # its reply now opens a thread of its own
    assert shape(listed(client, story, page_size=1)) == (2, 2, 2)

    comment_restore(comment=first)
    assert shape(listed(client, story, page_size=1)) == (3, 2, 2)

    comment_reject(comment=reply)
    assert shape(listed(client, story, page_size=1)) == (2, 2, 2)

    held = approved_comment(story, status=CommentStatus.PENDING)
    listed(client, story)
    comment_approve(comment=held)
    assert shape(listed(client, story, page_size=1)) == (3, 3, 3)

    comment_mark_spam(comment=held)
    assert shape(listed(client, story, page_size=1)) == (2, 2, 2)

    comment_edit(comment=first, body="Changed my mind.")
    data = listed(client, story, page_size=1)
    assert shape(data) == (2, 2, 2)
    assert "Changed my mind." in data["results"][0]["body_html"]
