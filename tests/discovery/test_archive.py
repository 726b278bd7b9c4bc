"""The date archive: /archive/<yyyy>/[<mm>/[<dd>/]] in the site's time zone."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import aware, make_article, unpublish


def headlines(response) -> list[str]:
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in page.select(".list .card__headline")]


@pytest.fixture
def articles(home):
    make_article(title="New year", published_at=aware(2022, 1, 1, 0, 30))
    make_article(title="May morning", published_at=aware(2022, 5, 18, 8, 0))
    make_article(title="May evening", published_at=aware(2022, 5, 18, 19, 0))
    make_article(title="Next day", published_at=aware(2022, 5, 19, 9, 0))
    make_article(title="Last year", published_at=aware(2021, 12, 31, 23, 0))
    make_article(title="Draft", published_at=aware(2022, 5, 18, 10, 0), publish=False)
    unpublish(make_article(title="Withdrawn", published_at=aware(2022, 5, 18, 11, 0)))


def test_year_lists_its_articles_newest_first(client, articles):
    assert headlines(client.get("/archive/2022/")) == [
        "Next day",
        "May evening",
        "May morning",
        "New year",
    ]


def test_year_links_to_its_months_with_articles(client, articles):
    page = BeautifulSoup(client.get("/archive/2022/").content, "html.parser")

    links = [a["href"] for a in page.select(".archive-months a")]

    assert links == ["/archive/2022/01/", "/archive/2022/05/"]


def test_month_lists_its_articles(client, articles):
    assert headlines(client.get("/archive/2022/05/")) == ["Next day", "May evening", "May morning"]


def test_day_lists_its_articles(client, articles):
    assert headlines(client.get("/archive/2022/05/18/")) == ["May evening", "May morning"]


def test_empty_period_says_so(client, articles):
    response = client.get("/archive/2019/02/")

    assert headlines(response) == []
    assert b"Nothing was published then." in response.content


def test_days_follow_the_site_time_zone(client, home, settings):
    settings.TIME_ZONE = "Asia/Tehran"
    make_article(
        title="Tehran evening", published_at=aware(2022, 5, 18, 21, 18, zone="Asia/Tehran")
    )
    make_article(title="Tehran after midnight", published_at=aware(2022, 5, 18, 21, 0))

    assert headlines(client.get("/archive/2022/05/18/")) == ["Tehran evening"]
    assert headlines(client.get("/archive/2022/05/19/")) == ["Tehran after midnight"]


def test_a_utc_new_year_eve_belongs_to_the_next_year_in_tehran(client, home, settings):
    settings.TIME_ZONE = "Asia/Tehran"
    make_article(title="Eve", published_at=aware(2021, 12, 31, 22, 0))

    assert headlines(client.get("/archive/2021/")) == []
    assert headlines(client.get("/archive/2022/01/01/")) == ["Eve"]


def test_archive_is_paginated(client, home, settings):
    settings.GAZETTE_PAGE_SIZE = 2
    for day in range(1, 6):
        make_article(title=f"Day {day}", published_at=aware(2022, 3, day, 12))

    assert headlines(client.get("/archive/2022/03/", {"page": 3})) == ["Day 1"]
    assert client.get("/archive/2022/03/", {"page": "x"}).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/archive/2022/13/",
        "/archive/2022/00/",
        "/archive/2022/04/31/",
        "/archive/2023/02/29/",
        "/archive/2022/05/00/",
        "/archive/0000/",
        "/archive/0000/01/01/",
        "/archive/22/",
        "/archive/abcd/",
        "/archive/2022/5/",
        "/archive/2022/05/1x/",
        "/archive/٢٠٢٢/",
    ],
)
def test_dates_that_do_not_exist_are_not_found(client, home, url):
    assert client.get(url).status_code == 404


def test_a_leap_day_and_the_last_day_of_the_calendar_exist(client, home):
    assert client.get("/archive/2024/02/29/").status_code == 200
    assert client.get("/archive/9999/12/31/").status_code == 200
    assert client.get("/archive/9999/").status_code == 200
