"""The reads every page makes do not grow with the site: on SQLite, no query behind the
navigation, the breaking-news banner, a section page or the related box reads all pages or
all articles. A scan is allowed only of the view restrictions (a handful of rows) or of the
publication-date index read from the newest end, which stops after a page's worth."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from gazette.articles.discovery import related_articles
from gazette.articles.selectors import breaking_news, live_sections, navigation_sections
from gazette.core.pagination import paginate
from tests.factories import make_article, make_section, now

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN"),
]


def full_scans(run) -> list[str]:
    """Every step of the plans of ``run``'s queries that reads a whole table or index, other
    than the allowed ones."""
    with CaptureQueriesContext(connection) as captured:
        run()
    scans = []
    for query in captured:
        if not query["sql"].startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            steps = [row[3] for row in cursor.fetchall()]
        scans += [
            step
            for step in steps
            if step.startswith("SCAN ")
            and "pageviewrestriction" not in step
            and "published_at" not in step
        ]
    return scans


@pytest.fixture
def site(home):
    world, sport = make_section(), make_section()
    later = {"breaking_until": now().replace(year=now().year + 1)}
    articles = [
        make_article(section=section, tags=("oil", f"t{n}"), **(later if n == 0 else {}))
        for n, section in enumerate([world, sport] * 3)
    ]
    return world, articles


def test_navigation_and_sections_start_from_the_sections_table(site):
    assert full_scans(navigation_sections) == []
    assert full_scans(lambda: list(live_sections())) == []


def test_the_breaking_news_banner_reads_the_breaking_until_index(site):
    assert full_scans(breaking_news) == []


def test_a_section_page_reads_only_its_own_articles(site):
    world, _ = site

    def page():
        from gazette.articles.selectors import section_articles

        listing = paginate(RequestFactory().get("/?page=1"), section_articles(world), per_page=2)
        return list(listing), listing.paginator.count

    assert full_scans(page) == []


def test_related_articles_read_only_candidates(site):
    _, articles = site

    assert full_scans(lambda: related_articles(articles[0])) == []
