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


def plans(run) -> dict[str, list[str]]:
    """The plan of each query of ``run`` that reads the article table: SQL → steps."""
    with CaptureQueriesContext(connection) as captured:
        run()
    found = {}
    for query in captured:
        if query["sql"].startswith("SELECT") and "articles_articlepage" in query["sql"]:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                found[query["sql"]] = [row[3] for row in cursor.fetchall()]
    return found


def section_page(section, number=1):
    def run():
        from gazette.articles.selectors import section_articles

        request = RequestFactory().get(f"/?page={number}")
        listing = paginate(request, section_articles(section), per_page=2)
        return list(listing), listing.paginator.count

    return run


@pytest.mark.parametrize("number", [1, 3])
def test_a_section_page_reads_one_range_of_its_section_index(site, number):
    world, _ = site

    found = plans(section_page(world, number))

    assert found
    for steps in found.values():
        article_steps = [step for step in steps if "articles_articlepage " in step + " "]
        # The article table is read through the section index only (not by publication
        # date across sections, not whole), and in its order: nothing to sort.
        assert article_steps, steps
        for step in article_steps:
            assert step.startswith("SEARCH"), steps
            assert "article_section_listed (section_page_id=?)" in step or "(rowid=?)" in step
        assert not any(step.startswith("SCAN") for step in steps), steps
        assert not any("TEMP B-TREE" in step for step in steps), steps


def vm_steps(run) -> int:
    """SQLite virtual machine instructions ``run`` costs: rows and index entries read."""
    steps = 0

    def count():
        nonlocal steps
        steps += 1

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 1)
    try:
        run()
    finally:
        connection.connection.set_progress_handler(None, 1)
    return steps


def test_a_section_page_costs_the_same_whatever_the_other_sections_hold(home):
    world, busy = make_section(), make_section()
    for _ in range(3):
        make_article(section=world)
    run = section_page(world)
    run()
    before = vm_steps(run)

    for _ in range(30):
        make_article(section=busy)

    # (a step or two for a deeper index b-tree at most)
    assert vm_steps(run) <= before + 5


def test_related_articles_read_only_candidates(site):
    _, articles = site

    assert full_scans(lambda: related_articles(articles[0])) == []
