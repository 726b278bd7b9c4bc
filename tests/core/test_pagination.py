"""``?page=`` never breaks a listing: past either end gives the nearest page, junk is a 404."""

import re

import pytest
from django.http import Http404
from django.test import RequestFactory

from gazette.core.pagination import paginate
from tests.factories import aware, make_article, make_author, make_section

ITEMS = list(range(1, 6))  # 5 items, 2 per page: [1, 2], [3, 4], [5]


def page_of(query: str, items=ITEMS, **kwargs):
    return paginate(RequestFactory().get(f"/?{query}"), items, per_page=2, **kwargs)


def test_no_page_parameter_gives_the_first_page():
    page = page_of("")

    assert (page.number, list(page)) == (1, [1, 2])


def test_a_page_in_range_is_returned_as_asked():
    page = page_of("page=2")

    assert (page.number, list(page)) == (2, [3, 4])


@pytest.mark.parametrize("number", ["4", "999", "99999999999999999999"])
def test_a_page_past_the_end_gives_the_last_page(number):
    page = page_of(f"page={number}")

    assert (page.number, list(page)) == (3, [5])


@pytest.mark.parametrize("number", ["0", "-1", "-999"])
def test_a_page_before_the_start_gives_the_first_page(number):
    page = page_of(f"page={number}")

    assert (page.number, list(page)) == (1, [1, 2])


@pytest.mark.parametrize("junk", ["abc", "1.5", "1e3", "", "%00", "9" * 5000])
def test_a_page_that_is_not_a_whole_number_is_not_found(junk):
    with pytest.raises(Http404):
        page_of(f"page={junk}")


def test_any_page_of_an_empty_listing_is_the_empty_first_page():
    page = page_of("page=7", items=[])

    assert (page.number, list(page)) == (1, [])


def test_page_size_defaults_to_the_setting(settings):
    settings.GAZETTE_PAGE_SIZE = 3

    page = paginate(RequestFactory().get("/?page=2"), ITEMS)

    assert list(page) == [4, 5]


def test_the_parameter_name_can_be_changed():
    page = page_of("p=2&page=abc", param="p")

    assert list(page) == [3, 4]


# --- Through the pages readers visit --------------------------------------------------------


@pytest.fixture
def five_articles_per_listing(home, settings):
    """Five articles, newest first "Story 5" … "Story 1", two per page, on every listing.

    Returns the URL of each listing. The home page leads with Story 5 and pages the other four.
    """
    settings.GAZETTE_PAGE_SIZE = 2
    section = make_section(title="World", slug="world")
    author = make_author(name="Leila Karimi", slug="leila-karimi")
    for day in range(1, 6):
        make_article(
            section=section,
            title=f"Story {day}",
            authors=(author,),
            tags=("elections",),
            published_at=aware(2024, 6, day, 12, 0),
        )
    return {
        "home": "/",
        "section": "/world/",
        "author": "/authors/leila-karimi/",
        "tag": "/tags/elections/",
    }


# What each listing shows on its first and last page (the home page's lead is shown apart).
FIRST_PAGE = {
    "home": ["Story 4", "Story 3"],
    "section": ["Story 5", "Story 4"],
    "author": ["Story 5", "Story 4"],
    "tag": ["Story 5", "Story 4"],
}
LAST_PAGE = {
    "home": (2, ["Story 2", "Story 1"]),
    "section": (3, ["Story 1"]),
    "author": (3, ["Story 1"]),
    "tag": (3, ["Story 1"]),
}
LISTINGS = ["home", "section", "author", "tag"]


def listed_headlines(response) -> list[str]:
    html = response.content.decode()
    if 'class="latest"' in html:  # the home page: only the paged "Latest" list
        html = html.split('class="latest"', 1)[1]
    return re.findall(r'class="card__headline"><a href="[^"]*">([^<]*)</a>', html)


@pytest.mark.parametrize("listing", LISTINGS)
def test_page_999_of_a_listing_shows_its_last_page(client, five_articles_per_listing, listing):
    response = client.get(five_articles_per_listing[listing], {"page": "999"})

    last, headlines = LAST_PAGE[listing]
    assert response.status_code == 200
    assert listed_headlines(response) == headlines
    assert f"Page {last} of {last}" in response.content.decode()


@pytest.mark.parametrize("number", ["0", "-1"])
@pytest.mark.parametrize("listing", LISTINGS)
def test_page_zero_or_negative_of_a_listing_shows_its_first_page(
    client, five_articles_per_listing, listing, number
):
    response = client.get(five_articles_per_listing[listing], {"page": number})

    assert response.status_code == 200
    assert listed_headlines(response) == FIRST_PAGE[listing]
    assert "Page 1 of" in response.content.decode()


@pytest.mark.parametrize("junk", ["abc", "1.5"])
@pytest.mark.parametrize("listing", LISTINGS)
def test_page_that_is_not_a_whole_number_is_a_404_on_every_listing(
    client, five_articles_per_listing, listing, junk
):
    response = client.get(five_articles_per_listing[listing], {"page": junk})

    assert response.status_code == 404


def test_home_page_shows_the_lead_story_on_its_first_page_only(client, five_articles_per_listing):
    first = client.get("/", {"page": "0"}).content.decode()
    last = client.get("/", {"page": "999"}).content.decode()

    assert 'class="lead"' in first and "Story 5" in first
    assert 'class="lead"' not in last


def test_pagination_links_lead_to_the_neighbouring_pages(client, five_articles_per_listing):
    html = client.get("/world/", {"page": "2"}).content.decode()

    assert 'rel="prev" href="?page=1"' in html
    assert 'rel="next" href="?page=3"' in html
