"""The "Most commented" box on the front page."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.utils import timezone

from gazette.articles.discovery import most_commented
from gazette.comments.models import Comment
from tests.factories import aware, make_article, unpublish


def comment_on(article, count=1, *, status="approved", days_ago=1):
    for number in range(count):
        Comment.objects.create(
            article=article,
            author_name=f"Reader {number}",
            body="Well said.",
            body_html="<p>Well said.</p>",
            body_hash="x",
            status=status,
            created_at=timezone.now() - timedelta(days=days_ago),
        )


def titles(articles) -> list[str]:
    return [article.title for article in articles]


def test_orders_by_recent_approved_comments(home):
    comment_on(make_article(title="One"), 1)
    comment_on(make_article(title="Three"), 3)
    comment_on(make_article(title="Two"), 2)

    assert titles(most_commented()) == ["Three", "Two", "One"]


def test_ties_go_to_the_newer_article(home):
    comment_on(make_article(title="Older", published_at=aware(2024, 1, 1)), 2)
    comment_on(make_article(title="Newer", published_at=aware(2024, 6, 1)), 2)

    assert titles(most_commented()) == ["Newer", "Older"]


def test_only_approved_comments_count(home):
    busy_with_spam = make_article(title="Spammed")
    comment_on(busy_with_spam, 5, status="spam")
    comment_on(busy_with_spam, 5, status="pending")
    comment_on(busy_with_spam, 1)
    comment_on(make_article(title="Discussed"), 2)

    assert titles(most_commented()) == ["Discussed", "Spammed"]


def test_only_comments_of_the_last_days_count(home):
    comment_on(make_article(title="Old debate"), 9, days_ago=8)
    comment_on(make_article(title="This week"), 1, days_ago=6)

    assert titles(most_commented(days=7)) == ["This week"]
    assert titles(most_commented(days=10)) == ["Old debate", "This week"]


def test_articles_without_recent_comments_and_unpublished_ones_are_left_out(home):
    make_article(title="Quiet")
    withdrawn = make_article(title="Withdrawn")
    comment_on(withdrawn, 4)
    unpublish(withdrawn)

    assert most_commented() == []


def test_at_most_limit_articles_with_their_counts(home):
    for number in range(7):
        comment_on(make_article(title=f"Story {number}"), number + 1)

    top = most_commented(limit=5)

    assert len(top) == 5
    assert [article.recent_comments for article in top] == [7, 6, 5, 4, 3]


def test_front_page_shows_the_box(client, home):
    comment_on(make_article(title="Discussed"), 2)

    html = BeautifulSoup(client.get("/").content, "html.parser")
    box = html.select_one("section.popular")

    assert [a.get_text(strip=True) for a in box.select("li a")] == ["Discussed"]
    assert "2 comments" in box.get_text()


def test_front_page_hides_the_box_when_nothing_was_commented(client, home):
    make_article(title="Quiet")

    html = BeautifulSoup(client.get("/").content, "html.parser")

    assert html.select_one("section.popular") is None
