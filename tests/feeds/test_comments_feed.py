"""The Atom feed of an article's approved comments."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.comments.models import Comment, CommentStatus
from tests.comments.helpers import submit
from tests.factories import make_article, make_section, unpublish
from tests.feeds.helpers import parse_feed, titles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _comments_without_limits(settings):
    settings.GAZETTE_COMMENT_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = "off"
    settings.GAZETTE_HOLD_FIRST_COMMENTS = False


def comment(article, name, status=CommentStatus.APPROVED, minutes_ago=0, body="<p>Hi</p>"):
    return Comment.objects.create(
        article=article,
        author_name=name,
        body=body,
        body_html=body,
        status=status,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_lists_only_approved_comments_newest_first(client, settings):
    settings.GAZETTE_BASE_URL = "https://news.example.org"
    article = make_article(section=make_section(slug="world"), slug="story")
    older = comment(article, "Ana", minutes_ago=10)
    newer = comment(article, "Bob", minutes_ago=1)
    for status in (CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.SPAM):
        comment(article, f"Hidden {status}", status=status)
    comment(make_article(), "Elsewhere")

    parsed = parse_feed(client, f"/feeds/article/{article.pk}/comments/")

    assert titles(parsed) == ["Comment by Bob", "Comment by Ana"]
    assert [entry.link for entry in parsed.entries] == [
        f"https://news.example.org/world/story/#comment-{newer.pk}",
        f"https://news.example.org/world/story/#comment-{older.pk}",
    ]
    assert parsed.entries[0].author == "Bob"
    assert parsed.entries[0].summary == "<p>Hi</p>"
    assert parsed.entries[0].id.endswith(f":comment:{newer.pk}")
    assert article.title in parsed.feed.title


def test_comment_submitted_through_the_service_appears_with_its_html(client):
    article = make_article(section=make_section(default_comment_mode="open"))
    result = submit(article, "Well *reported*, thanks.", name="Leila")
    assert result.comment.status == CommentStatus.APPROVED

    [entry] = parse_feed(client, f"/feeds/article/{article.pk}/comments/").entries

    assert entry.title == "Comment by Leila"
    assert entry.summary == result.comment.body_html


def test_hostile_commenter_name_is_escaped(client):
    article = make_article()
    comment(article, "<script>alert(1)</script>")

    response = client.get(f"/feeds/article/{article.pk}/comments/")
    [entry] = parse_feed(client, f"/feeds/article/{article.pk}/comments/").entries

    assert b"<script>" not in response.content
    assert entry.title == "Comment by <script>alert(1)</script>"


def test_unpublished_draft_and_missing_articles_have_no_comments_feed(client):
    draft = make_article(publish=False)
    taken_down = make_article()
    comment(taken_down, "Ana")
    unpublish(taken_down)

    assert client.get(f"/feeds/article/{draft.pk}/comments/").status_code == 404
    assert client.get(f"/feeds/article/{taken_down.pk}/comments/").status_code == 404
    assert client.get("/feeds/article/999999/comments/").status_code == 404


def test_a_section_is_not_an_article(client):
    section = make_section()

    assert client.get(f"/feeds/article/{section.pk}/comments/").status_code == 404


def test_article_without_comments_has_an_empty_valid_feed(client):
    article = make_article()

    assert parse_feed(client, f"/feeds/article/{article.pk}/comments/").entries == []
