"""``GET /api/v1/articles/<id>/comments`` on large conversations: pages of whole threads,
read a page at a time, with links to the article page that shows each comment."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gazette.comments.models import CommentStatus
from gazette.comments.selectors import comment_page_number
from tests.comments.bulk import bulk_comments, comment_row
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return make_section(default_comment_mode="open")


@pytest.fixture
def article(section):
    return make_article(section=section)


def listing(client, article, **query):
    response = client.get(f"/api/v1/articles/{article.pk}/comments", query)
    assert response.status_code == 200, response.content
    return response.json()


def walk(items):
    for item in items:
        yield item
        yield from walk(item["replies"])


def test_a_page_of_threads_carries_each_thread_whole(client, article):
    made = bulk_comments(article, threads=3, replies=30)
    roots = made[:3]

    first = listing(client, article, page_size=1)
    second = listing(client, article, page_size=1, page=2)

    assert (first["count"], first["threads"], first["pages"]) == (33, 3, 3)
    assert [item["id"] for item in first["results"]] == [roots[0].pk]
    assert len(first["results"][0]["replies"]) == 10
    assert [item["id"] for item in second["results"]] == [roots[1].pk]
    assert {reply["parent"] for reply in second["results"][0]["replies"]} == {roots[1].pk}


def test_top_level_comments_under_one_hidden_comment_are_each_on_one_page(client, article):
    removed = comment_row(article, at=_minutes(0), status=CommentStatus.REMOVED)
    removed.save()
    orphans = []
    for minute in (1, 2):
        orphan = comment_row(article, at=_minutes(minute), parent=removed)
        orphan.save()
        orphans.append(orphan)
    answer = comment_row(article, at=_minutes(3), parent=orphans[0])
    answer.save()
    later = comment_row(article, at=_minutes(4))
    later.save()

    pages = [listing(client, article, page_size=1, page=n) for n in (1, 2, 3)]

    assert [[item["id"] for item in page["results"]] for page in pages] == [
        [orphans[0].pk],
        [orphans[1].pk],
        [later.pk],
    ]
    assert [reply["id"] for reply in pages[0]["results"][0]["replies"]] == [answer.pk]
    assert pages[0]["results"][0]["parent"] is None
    assert (pages[0]["count"], pages[0]["threads"], pages[0]["pages"]) == (4, 3, 3)


def test_each_comment_links_to_the_article_page_that_shows_it(client, article, settings):
    settings.GAZETTE_COMMENTS_PER_PAGE = 4
    made = bulk_comments(article, threads=5, replies=5)
    by_id = {comment.pk: comment for comment in made}

    data = listing(client, article, page_size=2, page=2)

    items = list(walk(data["results"]))
    assert items
    pages_seen = set()
    for item in items:
        page = comment_page_number(by_id[item["id"]])
        pages_seen.add(page)
        query = f"?comments={page}" if page > 1 else ""
        assert item["url"].endswith(f"{article.url}{query}#comment-{item['id']}")
    assert pages_seen - {1}, "some comments of this page are past the first article page"


def test_a_page_past_the_last_is_404_and_names_the_last(client, article):
    bulk_comments(article, threads=3)

    response = client.get(f"/api/v1/articles/{article.pk}/comments", {"page": 3, "page_size": 2})

    assert response.status_code == 404
    assert "(2)" in response.json()["detail"]


def test_an_article_without_comments_has_one_empty_page(client, article):
    data = listing(client, article)

    assert (data["count"], data["threads"], data["pages"], data["results"]) == (0, 0, 1, [])


def test_the_list_costs_the_same_queries_for_50_and_5000_comments(client, section):
    small, large = make_article(section=section), make_article(section=section)
    bulk_comments(small, threads=40, replies=10)
    bulk_comments(large, threads=4000, replies=1000)
    listing(client, small)  # warms the site-root cache, as any earlier request would

    counts = {}
    for article in (small, large):
        with CaptureQueriesContext(connection) as queries:
            data = listing(client, article)
        counts[article.pk] = len(queries)
        comments = [q for q in queries if '"comments_comment"' in q["sql"]]
        assert len(comments) == 1, "one query reads the page's comments and the counts"

    assert data["count"] == 5000 and data["threads"] == 4000 and len(data["results"]) == 50
    # Page restrictions, the article, the page's comments with the counts, the site.
    assert counts[small.pk] == counts[large.pk] <= 4, counts


def test_a_later_page_costs_what_the_first_does(client, article):
    bulk_comments(article, threads=120, replies=30)
    listing(client, article)

    counts = []
    for page in (1, 3):
        with CaptureQueriesContext(connection) as queries:
            data = listing(client, article, page=page)
        counts.append(len(queries))

    assert [item["id"] for item in data["results"]]
    assert counts[0] == counts[1]


def _minutes(minutes: int):
    return timezone.now() - timedelta(days=1) + timedelta(minutes=minutes)
