"""What an article page costs in queries, uncached: the same whatever the number of bylines,
tags, related articles or approved comments, on any page of comments, once the image
renditions exist. The first view after an image is added makes its renditions; the next
costs what every other page does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from gazette.articles.selectors import breaking_news, navigation_sections
from tests.comments.bulk import bulk_comments
from tests.factories import make_article, make_author, make_image, make_section, now

# Measured on SQLite and PostgreSQL with renditions warm, inside the test's transaction,
# where no memo is read: the site, whether any page is private, the article by its URL
# with its lead image, bylines, tags, the article's section, its page of comments (one
# query, total included), corrections, the navigation, the breaking-news banner, the
# related box and its cards' renditions.
# It was 19 while Wagtail walked the tree and read ancestors and restrictions on every page;
# between requests the site, the restriction check, navigation and banner are memos
# (test_routing.py counts that page). The lead image was a query of its own before it was
# read with the article.
ARTICLE_PAGE_MAX_QUERIES = 12

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home, settings):
    """Every page uncached and one lead image per article, as a newsroom's would be."""
    settings.GAZETTE_PAGE_CACHE = False


def queries(client, url, **query) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured)


def warm_count(client, article, **query) -> int:
    """Queries of a view after a first one made the renditions, as any earlier reader would."""
    queries(client, article.url, **query)
    return queries(client, article.url, **query)


def alone(**fields):
    """An article in a section of its own, with no tags shared: nothing related to it."""
    return make_article(
        section=make_section(default_comment_mode="open"), lead_image=make_image(), **fields
    )


def test_one_or_three_bylines_cost_the_same(client):
    few = alone(authors=(make_author(),))
    many = alone(authors=tuple(make_author() for _ in range(3)))

    assert warm_count(client, few) == warm_count(client, many) <= ARTICLE_PAGE_MAX_QUERIES
    assert client.get(many.url).content.decode().count('rel="author"') == 3


def test_one_or_eight_tags_cost_the_same(client):
    few = alone(tags=("solo",))
    many = alone(tags=tuple(f"own tag {n}" for n in range(8)))

    assert warm_count(client, few) == warm_count(client, many) <= ARTICLE_PAGE_MAX_QUERIES
    assert client.get(many.url).content.decode().count('rel="tag"') == 8


def test_related_articles_cost_one_query_for_all_their_pictures(client):
    lonely = alone()
    section = make_section()
    one = make_article(section=section, lead_image=make_image(), tags=("pair",))
    make_article(section=make_section(), lead_image=make_image(), tags=("pair",))
    popular = make_article(section=section, lead_image=make_image(), tags=("crowd",))
    for _ in range(6):
        make_article(section=make_section(), lead_image=make_image(), tags=("crowd",))

    counts = [warm_count(client, article) for article in (lonely, one, popular)]

    assert counts[1] == counts[2] <= ARTICLE_PAGE_MAX_QUERIES
    # With nothing related there are no cards, so no renditions of them to read.
    assert counts[0] == counts[1] - 1
    assert client.get(popular.url).content.decode().count('class="card') >= 4


def test_related_articles_without_pictures_cost_nothing_more(client):
    lonely = alone()
    popular = alone(tags=("crowd",))
    for _ in range(6):
        make_article(section=make_section(), tags=("crowd",))

    assert warm_count(client, lonely) == warm_count(client, popular)


def test_0_50_or_600_approved_comments_cost_the_same_on_every_page(client, settings):
    settings.GAZETTE_COMMENTS_PER_PAGE = 200
    silent, busy, huge = alone(), alone(), alone()
    bulk_comments(busy, threads=40, replies=10)
    bulk_comments(huge, threads=480, replies=120)

    baseline = warm_count(client, silent)

    assert warm_count(client, busy) == baseline <= ARTICLE_PAGE_MAX_QUERIES
    for page in ("1", "2", "3", "abc"):
        assert warm_count(client, huge, comments=page) == baseline, page
    shown = client.get(huge.url, {"comments": 3}).content.decode().count('class="comment"')
    assert shown == 200


def test_a_page_number_past_the_end_costs_two_more_queries(client):
    huge = alone()
    bulk_comments(huge, threads=300)

    assert warm_count(client, huge, comments=9) == warm_count(client, huge) + 2


def test_cold_renditions_are_made_once_then_the_page_costs_what_it_did(client):
    article = alone()
    for _ in range(3):
        make_article(section=article.get_parent().specific, lead_image=make_image())

    cold = queries(client, article.url)
    warm = queries(client, article.url)

    assert cold > warm, "the first view makes the renditions of the lead image and cards"
    assert queries(client, article.url) == warm <= ARTICLE_PAGE_MAX_QUERIES


def test_restricted_sections_stay_out_of_the_navigation_and_the_banner(client):
    open_section = make_section(title="Open")
    private = make_section(title="Members")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    breaking = {"breaking_until": now().replace(year=now().year + 1)}
    shown = make_article(section=open_section, title="For all", **breaking)
    make_article(section=private, title="Members only, and newer", **breaking)

    assert [section.title for section in navigation_sections()] == ["Open"]
    assert breaking_news() == shown
