import pytest
from django.test import override_settings

from gazette.comments.admin_queries import QUEUE_PAGE_SIZE
from tests.comments_admin.helpers import make_comment, url
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    """Author names of the rows shown, top to bottom."""
    return [comment.author_name for comment, _text, _actions in response.context["rows"]]


def test_pending_queue_is_the_default_and_lists_only_pending_newest_first(as_moderator):
    article = make_article()
    make_comment(article, author_name="Older", minutes_ago=10)
    make_comment(article, author_name="Newer", minutes_ago=1)
    make_comment(article, author_name="Spammer", status="spam")

    response = as_moderator.get(url("pending"))

    assert response.status_code == 200
    assert listed(response) == ["Newer", "Older"]
    assert article.title in response.text
    assert "203.0.113.0/24" in response.text
    assert "Comments are premoderated." in response.text


@pytest.mark.parametrize("status", ["spam", "approved", "rejected", "removed"])
def test_each_queue_lists_its_status(as_moderator, status):
    article = make_article()
    make_comment(article, author_name="Waiting")
    make_comment(article, author_name="Here", status=status)

    response = as_moderator.get(url("queue", status))

    assert listed(response) == ["Here"]


def test_unknown_queue_is_not_found(as_moderator):
    assert as_moderator.get(url("queue", "deleted")).status_code == 404


def test_queue_shows_an_excerpt_of_a_long_body(as_moderator):
    make_comment(body="word " * 200)

    response = as_moderator.get(url("pending"))

    assert "…" in response.text
    assert "word " * 200 not in response.text


def test_filters_by_article_section_author_ip_and_text(as_moderator):
    section = make_section()
    first = make_article(section=section)
    other = make_article()
    make_comment(
        first, author_name="Alice Smith", body="About the budget", ip_prefix="198.51.100.0/24"
    )
    make_comment(
        other, author_name="Bob Jones", body="About the weather", ip_prefix="203.0.113.0/24"
    )

    def names(**query):
        return listed(as_moderator.get(url("pending"), query))

    assert names(article=first.pk) == ["Alice Smith"]
    assert names(section=section.pk) == ["Alice Smith"]
    assert names(author="jones") == ["Bob Jones"]
    assert names(ip="198.51.") == ["Alice Smith"]
    assert names(q="WEATHER") == ["Bob Jones"]
    assert names(q="alice") == ["Alice Smith"]
    assert sorted(names()) == ["Alice Smith", "Bob Jones"]


def test_queue_is_paginated(as_moderator):
    article = make_article()
    for number in range(QUEUE_PAGE_SIZE + 2):
        make_comment(article, author_name=f"Reader {number}", minutes_ago=number)

    first = as_moderator.get(url("pending"))
    second = as_moderator.get(url("pending"), {"p": 2})

    assert len(listed(first)) == QUEUE_PAGE_SIZE
    assert listed(second) == [f"Reader {QUEUE_PAGE_SIZE}", f"Reader {QUEUE_PAGE_SIZE + 1}"]


def test_menu_shows_the_pending_count(as_moderator):
    make_comment()
    make_comment()
    make_comment(status="approved")

    response = as_moderator.get("/admin/")

    assert "Comments (2)" in response.text
    assert "Pending (2)" in response.text


def test_menu_is_hidden_from_users_who_may_not_moderate(client, outsider):
    make_comment()
    client.force_login(outsider)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "Comments (1)" not in response.text
    assert "waiting for moderation" not in response.text


def test_dashboard_panel_shows_pending_count_and_newest_comments(as_moderator):
    article = make_article()
    for number in range(7):
        make_comment(article, author_name=f"Reader {number}", minutes_ago=number)

    response = as_moderator.get("/admin/")

    assert "7 comments waiting for moderation" in response.text
    assert "Reader 0" in response.text
    assert "Reader 4" in response.text
    assert "Reader 5" not in response.text


@override_settings(LANGUAGE_CODE="en")
def test_dashboard_panel_says_when_nothing_waits(as_moderator):
    response = as_moderator.get("/admin/")

    assert "No comments are waiting for moderation." in response.text


def test_an_unreadable_filter_shows_nothing_rather_than_everything(as_moderator):
    make_comment(author_name="Alice")

    response = as_moderator.get(url("pending"), {"article": "abc"})

    assert listed(response) == []
    assert "Enter a whole number." in response.text
