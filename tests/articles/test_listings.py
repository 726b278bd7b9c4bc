"""Section, author and tag listings: which articles, in what order, and at what query cost."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    aware,
    make_article,
    make_author,
    make_image,
    make_section,
    unpublish,
)

# Measured on SQLite and PostgreSQL with a warm rendition cache; see the tests below.
SECTION_PAGE_MAX_QUERIES = 18
HOME_PAGE_MAX_QUERIES = 33  # with one section
AUTHOR_PAGE_MAX_QUERIES = 14
TAG_PAGE_MAX_QUERIES = 14


def headlines(response) -> list[str]:
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in page.select(".list .card__headline")]


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# --- Section pages --------------------------------------------------------------------------


def test_section_lists_its_articles_newest_first(client, home):
    section = make_section(slug="world")
    make_article(section=section, title="Tuesday", published_at=aware(2024, 5, 7, 9, 0))
    make_article(section=section, title="Thursday", published_at=aware(2024, 5, 9, 9, 0))
    make_article(section=section, title="Monday", published_at=aware(2024, 5, 6, 9, 0))
    make_article(section=section, title="Thursday noon", published_at=aware(2024, 5, 9, 12, 0))

    assert headlines(client.get("/world/")) == ["Thursday noon", "Thursday", "Tuesday", "Monday"]


def test_section_orders_by_publication_time_not_by_creation(client, home):
    section = make_section(slug="world")
    make_article(
        section=section, title="Written first, published last", published_at=aware(2024, 5, 9)
    )
    make_article(section=section, title="Imported archive story", published_at=aware(2010, 1, 1))

    assert headlines(client.get("/world/")) == [
        "Written first, published last",
        "Imported archive story",
    ]


def test_section_leaves_out_drafts_and_unpublished_articles(client, home):
    section = make_section(slug="world")
    make_article(section=section, title="Published")
    make_article(section=section, title="Draft", publish=False)
    unpublish(make_article(section=section, title="Withdrawn"))

    assert headlines(client.get("/world/")) == ["Published"]


def test_section_leaves_out_other_sections_articles(client, home):
    world = make_section(slug="world")
    make_article(section=world, title="In World")
    make_article(section=make_section(slug="sport"), title="In Sport")

    assert headlines(client.get("/world/")) == ["In World"]


def test_empty_section_says_so(client, home):
    make_section(slug="world")

    response = client.get("/world/")

    assert headlines(response) == []
    assert "No articles in this section yet." in response.content.decode()


def test_unpublished_section_is_not_found(client, home):
    unpublish(make_section(slug="world"))

    assert client.get("/world/").status_code == 404


# --- Author pages ---------------------------------------------------------------------------


def test_author_page_lists_the_authors_articles_newest_first(client, home):
    leila = make_author(name="Leila Karimi", slug="leila-karimi", bio="Covers energy.")
    other = make_author()
    make_article(title="Older", authors=(leila,), published_at=aware(2024, 5, 1))
    make_article(title="Co-written", authors=(other, leila), published_at=aware(2024, 5, 3))
    make_article(title="Newest", authors=(leila,), published_at=aware(2024, 5, 5))
    make_article(title="Someone else's", authors=(other,), published_at=aware(2024, 5, 4))
    make_article(title="Draft", authors=(leila,), publish=False)

    response = client.get("/authors/leila-karimi/")

    assert headlines(response) == ["Newest", "Co-written", "Older"]
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("h1").get_text() == "Leila Karimi"
    assert "Covers energy." in page.select_one("header.listing-header").get_text()


def test_author_without_articles_says_so(client, home):
    make_author(slug="new-hire")

    response = client.get("/authors/new-hire/")

    assert "No articles by this author yet." in response.content.decode()


def test_unknown_author_is_not_found(client, home):
    assert client.get("/authors/nobody/").status_code == 404


def test_author_with_a_persian_slug_has_a_page(client, home):
    author = make_author(name="لیلا کریمی", slug="لیلا-کریمی")
    make_article(title="گزارش", authors=(author,))

    assert headlines(client.get(f"/authors/{quote('لیلا-کریمی')}/")) == ["گزارش"]


# --- Tag pages ------------------------------------------------------------------------------


def test_tag_page_lists_tagged_articles_newest_first(client, home):
    make_article(title="Older", tags=("Oil",), published_at=aware(2024, 5, 1))
    make_article(title="Newest", tags=("Oil", "Iran"), published_at=aware(2024, 5, 5))
    make_article(title="Untagged", published_at=aware(2024, 5, 6))
    make_article(title="Other tag", tags=("Gas",), published_at=aware(2024, 5, 7))
    make_article(title="Draft", tags=("Oil",), publish=False)

    response = client.get("/tags/oil/")

    assert headlines(response) == ["Newest", "Older"]
    assert BeautifulSoup(response.content, "html.parser").select_one("h1").get_text() == "Oil"


def test_unknown_tag_is_not_found(client, home):
    make_article(tags=("Oil",))

    assert client.get("/tags/nothing-here/").status_code == 404


def test_persian_tag_link_on_an_article_leads_to_its_tag_page(client, home):
    article = make_article(title="انتخابات", tags=("انتخابات ریاست جمهوری",))

    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    href = page.select_one(".article__tags a[rel=tag]")["href"]
    response = client.get(href)

    assert href == "/tags/" + quote("انتخابات-ریاست-جمهوری") + "/"
    assert headlines(response) == ["انتخابات"]
    assert BeautifulSoup(response.content, "html.parser").select_one("h1").get_text() == (
        "انتخابات ریاست جمهوری"
    )


def test_persian_tag_page_answers_at_its_unicode_address(client, home):
    make_article(title="نفت", tags=("نفت",))

    assert headlines(client.get("/tags/نفت/")) == ["نفت"]


@pytest.mark.parametrize("url", ["/authors/%00/", "/tags/%00/", "/tags/oil%00/"])
def test_author_or_tag_address_with_a_nul_character_is_refused(client, home, url):
    make_article(tags=("Oil",), authors=(make_author(),))

    response = client.get(url)
    assert response.status_code == 400  # refused before any database sees it
    assert b"NUL" in response.content or b"null" in response.content.lower()


# --- Query counts ---------------------------------------------------------------------------


def add_articles(section, count, author=None):
    """``count`` articles, each with its own lead image, two bylines and two tags."""
    for _ in range(count):
        first, second = author or make_author(), make_author()
        make_article(
            section=section,
            lead_image=make_image(),
            authors=(first, second),
            tags=("shared", f"by {second.slug}"),
        )


def warm_query_count(client, url) -> int:
    """Queries for ``url`` once the rendition and site caches hold what a visit put there."""
    client.get(url)
    return query_count(client, url)


def test_section_page_query_count_does_not_grow_with_articles(
    client, home, django_assert_max_num_queries
):
    section = make_section(slug="world")
    add_articles(section, 3)
    with_three = warm_query_count(client, "/world/")

    add_articles(section, 9)
    with_twelve = warm_query_count(client, "/world/")
    with django_assert_max_num_queries(SECTION_PAGE_MAX_QUERIES):
        response = client.get("/world/")

    assert with_three == with_twelve
    assert len(headlines(response)) == 12


def test_section_page_query_count_does_not_grow_with_articles_on_a_cold_cache(client, home):
    section = make_section(slug="world")
    add_articles(section, 3)
    client.get("/world/")  # the renditions exist; only the cache is emptied below
    cache.clear()
    with_three = query_count(client, "/world/")

    add_articles(section, 9)
    client.get("/world/")
    cache.clear()
    with_twelve = query_count(client, "/world/")

    assert with_three == with_twelve


def test_home_page_query_count_does_not_grow_with_articles(
    client, home, django_assert_max_num_queries
):
    section = make_section()
    add_articles(section, 3)
    with_three = warm_query_count(client, "/")

    add_articles(section, 9)
    with_twelve = warm_query_count(client, "/")
    with django_assert_max_num_queries(HOME_PAGE_MAX_QUERIES):
        assert client.get("/").status_code == 200

    assert with_three == with_twelve


def test_home_page_query_count_does_not_grow_with_sections(client, home):
    add_articles(make_section(), 2)
    with_one_section = warm_query_count(client, "/")

    for _ in range(3):
        add_articles(make_section(), 2)
    with_four_sections = warm_query_count(client, "/")

    assert with_one_section == with_four_sections


@pytest.mark.parametrize(
    ("url", "bound"),
    [("/authors/leila/", AUTHOR_PAGE_MAX_QUERIES), ("/tags/shared/", TAG_PAGE_MAX_QUERIES)],
)
def test_author_and_tag_page_query_counts_do_not_grow_with_articles(
    client, home, django_assert_max_num_queries, url, bound
):
    leila = make_author(slug="leila")
    section = make_section()
    add_articles(section, 3, author=leila)
    with_three = warm_query_count(client, url)

    add_articles(section, 9, author=leila)
    with_twelve = warm_query_count(client, url)
    with django_assert_max_num_queries(bound):
        response = client.get(url)

    assert with_three == with_twelve
    assert len(headlines(response)) == 12
