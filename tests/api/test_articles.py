"""``/api/v1/articles`` and ``/api/v1/articles/{id}``."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.rich_text import RichText

from gazette.articles.models import CommentMode
from tests.factories import (
    aware,
    make_article,
    make_author,
    make_image,
    make_section,
    unpublish,
)

LIST_URL = "/api/v1/articles"
EM_DASH = "\N{EM DASH}"
ARTICLE_FIELDS = {
    "id",
    "url",
    "headline",
    "standfirst",
    "dateline",
    "bylines",
    "section",
    "tags",
    "language",
    "comment_mode",
}
PAGE_FIELDS = {"count", "page", "pages", "page_size", "next", "previous", "results"}
# Measured on SQLite and PostgreSQL: count, page of articles, bylines, tags, sections, site.
LIST_MAX_QUERIES = 10


def get_json(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def headlines(data) -> list[str]:
    return [article["headline"] for article in data["results"]]


@pytest.fixture
def newsroom(home):
    """Two sections, two authors, a few tags; five published articles and one of each kind
    of article the API must not show."""
    world = make_section(title="World", slug="world")
    sport = make_section(title="Sport", slug="sport")
    leila = make_author(name="Leila Karimi", slug="leila")
    omid = make_author(name="Omid Rahimi", slug="omid")
    make_article(
        section=world,
        title="W1",
        authors=(leila,),
        tags=("Oil",),
        published_at=aware(2024, 5, 1),
    )
    make_article(
        section=world,
        title="W2",
        authors=(omid, leila),
        tags=("Oil", "Iran"),
        published_at=aware(2024, 5, 2),
    )
    make_article(
        section=world, title="W3", authors=(omid,), tags=("Iran",), published_at=aware(2024, 5, 3)
    )
    make_article(
        section=sport, title="S1", authors=(leila,), tags=("Oil",), published_at=aware(2024, 5, 4)
    )
    make_article(section=sport, title="S2", published_at=aware(2024, 5, 5))
    make_article(section=world, title="Draft", authors=(leila,), tags=("Oil",), publish=False)
    unpublish(make_article(section=world, title="Withdrawn", authors=(leila,), tags=("Oil",)))
    return {"world": world, "sport": sport, "leila": leila, "omid": omid}


# --- The list -------------------------------------------------------------------------------


def test_list_returns_published_articles_newest_first_with_paging_fields(client, newsroom):
    data = get_json(client, LIST_URL)

    assert set(data) == PAGE_FIELDS
    assert headlines(data) == ["S2", "S1", "W3", "W2", "W1"]
    assert (data["count"], data["page"], data["pages"], data["page_size"]) == (5, 1, 1, 20)
    assert (data["next"], data["previous"]) == (None, None)


def test_list_pages_through_articles_with_next_and_previous_links(client, newsroom):
    first = get_json(client, LIST_URL, {"page_size": 2})
    second = get_json(client, first["next"])
    third = get_json(client, second["next"])

    assert [headlines(page) for page in (first, second, third)] == [
        ["S2", "S1"],
        ["W3", "W2"],
        ["W1"],
    ]
    assert [(page["page"], page["pages"], page["count"]) for page in (first, second, third)] == [
        (1, 3, 5),
        (2, 3, 5),
        (3, 3, 5),
    ]
    assert first["next"] == "http://testserver/api/v1/articles?page_size=2&page=2"
    assert first["previous"] is None
    assert get_json(client, second["previous"]) == first
    assert third["next"] is None


def test_paging_links_keep_the_filters(client, newsroom):
    data = get_json(client, LIST_URL, {"tag": "oil", "page_size": 1})

    assert data["next"] == "http://testserver/api/v1/articles?tag=oil&page_size=1&page=2"


def test_page_past_the_end_is_not_found_with_a_detail(client, newsroom):
    data = get_json(client, LIST_URL, {"page": 4, "page_size": 2}, status=404)

    assert data["detail"] == "Page 4 is past the last page (3)."


def test_empty_list_has_one_empty_page(client, home):
    data = get_json(client, LIST_URL)

    assert (data["count"], data["pages"], data["results"]) == (0, 1, [])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"section": "world"}, ["W3", "W2", "W1"]),
        ({"section": "sport"}, ["S2", "S1"]),
        ({"tag": "oil"}, ["S1", "W2", "W1"]),
        ({"tag": "iran"}, ["W3", "W2"]),
        ({"author": "leila"}, ["S1", "W2", "W1"]),
        ({"author": "omid"}, ["W3", "W2"]),
        ({"section": "world", "tag": "oil"}, ["W2", "W1"]),
        ({"section": "world", "author": "omid"}, ["W3", "W2"]),
        ({"tag": "oil", "author": "leila"}, ["S1", "W2", "W1"]),
        ({"tag": "iran", "author": "leila"}, ["W2"]),
        ({"section": "sport", "tag": "oil", "author": "leila"}, ["S1"]),
        ({"section": "sport", "tag": "iran", "author": "leila"}, []),
    ],
)
def test_list_filters_by_section_tag_and_author(client, newsroom, params, expected):
    data = get_json(client, LIST_URL, params)

    assert headlines(data) == expected
    assert data["count"] == len(expected)


def test_unknown_section_is_not_found_with_a_detail(client, newsroom):
    data = get_json(client, LIST_URL, {"section": "weather"}, status=404)

    assert data == {"detail": "No section with slug 'weather'."}


def test_unpublished_section_is_not_found(client, newsroom):
    unpublish(newsroom["sport"])

    get_json(client, LIST_URL, {"section": "sport"}, status=404)


def test_unknown_tag_or_author_gives_an_empty_list(client, newsroom):
    assert get_json(client, LIST_URL, {"tag": "weather"})["results"] == []
    assert get_json(client, LIST_URL, {"author": "nobody"})["results"] == []


def test_persian_tag_slug_filters_the_list(client, home):
    make_article(title="نفت", tags=("نفت ایران",))
    make_article(title="Other")

    assert headlines(get_json(client, LIST_URL, {"tag": "نفت-ایران"})) == ["نفت"]


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"page": "0"}, "page: Input should be greater than or equal to 1"),
        ({"page": "-1"}, "page: Input should be greater than or equal to 1"),
        ({"page": "abc"}, "page: Input should be a valid integer"),
        ({"page": "1.5"}, "page: Input should be a valid integer"),
        ({"page_size": "0"}, "page_size: Input should be greater than or equal to 1"),
        ({"page_size": "1000"}, "page_size: Input should be less than or equal to 100"),
        ({"page_size": "abc"}, "page_size: Input should be a valid integer"),
    ],
)
def test_bad_paging_parameters_are_rejected_with_a_detail(client, newsroom, params, detail):
    data = get_json(client, LIST_URL, params, status=422)

    assert data["detail"].startswith(detail)


def test_page_size_up_to_the_maximum_is_accepted(client, newsroom):
    assert get_json(client, LIST_URL, {"page_size": 100})["page_size"] == 100


def test_page_size_limit_follows_the_setting(client, newsroom, settings):
    settings.GAZETTE_API_MAX_PAGE_SIZE = 3

    default = get_json(client, LIST_URL)
    too_big = get_json(client, LIST_URL, {"page_size": 4}, status=422)

    assert (default["page_size"], len(default["results"]), default["pages"]) == (3, 3, 2)
    assert too_big == {"detail": "page_size: Input should be less than or equal to 3"}


def test_page_size_above_100_is_allowed_when_the_setting_allows_it(client, newsroom, settings):
    settings.GAZETTE_API_MAX_PAGE_SIZE = 500

    assert get_json(client, LIST_URL, {"page_size": 250})["page_size"] == 250


@pytest.mark.parametrize("name", ["section", "tag", "author"])
def test_filter_that_cannot_be_a_slug_is_rejected_with_a_detail(client, home, name):
    data = get_json(client, LIST_URL, {name: "oil\x00"}, status=422)

    assert (
        data["detail"] == f"{name}: Not a slug: use letters, digits, hyphens and underscores only"
    )


@pytest.mark.parametrize(
    "query",
    [
        "section=%00",
        "tag=%00",
        "author=%00",
        "section=world%00",
        "tag=oil%0A",
        "section=" + "x" * 10_000,
        "tag=" + "%D9%86" * 3000,
        "author=" + "a" * 256,
        "page=1e9",
        "page=99999999999999999999",
        "page=1000000",
        "page=%00",
        "page=",
        "page_size=-5",
        "page_size=1e2",
        "page_size=",
        "section=%F0%9F%94%A5",
        "section=<script>",
        "tag=a&tag=b&tag=%00",
        "section[]=world",
        "page=1&page=abc",
        "%00=%00",
        "section=world&section=sport",
        "tag=../../etc/passwd",
        "author=%27%20OR%201=1--",
    ],
)
def test_bad_query_strings_never_cause_a_server_error(client, home, query):
    make_article(
        section=make_section(slug="world"), tags=("Oil",), authors=(make_author(slug="a"),)
    )
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.json()["detail"]


def test_list_query_count_does_not_grow_with_articles(client, home, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            make_article(
                section=section,
                lead_image=make_image(),
                authors=(make_author(), make_author()),
                tags=("shared", f"tag {make_author().slug}"),
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST_URL).status_code == 200
        return len(captured)

    section = make_section()
    add(3)
    client.get(LIST_URL)
    with_three = queries()
    add(9)
    with_twelve = queries()
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        data = get_json(client, LIST_URL)

    assert with_three == with_twelve
    assert len(data["results"]) == 12


# --- What every article carries -------------------------------------------------------------


def test_list_article_carries_every_field_the_issue_names(client, home, settings):
    settings.TIME_ZONE = "Asia/Tehran"
    world = make_section(title="World", slug="world", default_comment_mode=CommentMode.OPEN)
    zoe = make_author(name="Zoe Zand", slug="zoe")
    ali = make_author(name="Ali Amini", slug="ali")
    article = make_article(
        section=world,
        slug="rains-return",
        title="Rains return",
        standfirst="Reservoirs fill.",
        dateline_place="Tehran",
        published_at=aware(2022, 5, 18, 16, 48),
        authors=(zoe, ali),
        tags=("Weather", "Iran"),
        language="fa",
    )

    (item,) = get_json(client, LIST_URL)["results"]

    assert ARTICLE_FIELDS <= set(item)
    assert "body_html" not in item
    assert item == {
        "id": article.pk,
        "url": "http://testserver/world/rains-return/",
        "headline": "Rains return",
        "standfirst": "Reservoirs fill.",
        "dateline": {
            "place": "Tehran",
            "published_at": "2022-05-18T21:18:00+04:30",
            "display": f"TEHRAN {EM_DASH} May 18, 2022 - 21:18",
        },
        "bylines": [
            {"name": "Zoe Zand", "slug": "zoe", "url": "http://testserver/authors/zoe/"},
            {"name": "Ali Amini", "slug": "ali", "url": "http://testserver/authors/ali/"},
        ],
        "section": {
            "id": world.pk,
            "title": "World",
            "slug": "world",
            "url": "http://testserver/world/",
        },
        "tags": [
            {"name": "Iran", "slug": "iran", "url": "http://testserver/tags/iran/"},
            {"name": "Weather", "slug": "weather", "url": "http://testserver/tags/weather/"},
        ],
        "language": "fa",
        "direction": "rtl",
        "comment_mode": "open",
    }


def test_article_urls_in_the_api_answer_with_the_article(client, newsroom):
    (item,) = get_json(client, LIST_URL, {"page_size": 1})["results"]

    page = client.get(item["url"])

    assert page.status_code == 200
    assert item["headline"] in page.content.decode()


def test_comment_mode_set_on_the_article_wins_over_the_section(client, home):
    section = make_section(default_comment_mode=CommentMode.OPEN)
    article = make_article(section=section, comment_mode=CommentMode.CLOSED)

    assert get_json(client, f"{LIST_URL}/{article.pk}")["comment_mode"] == "closed"


def test_tag_without_a_slug_is_listed_without_a_link(client, home):
    article = make_article(tags=("!!!", "Oil"))

    tags = get_json(client, f"{LIST_URL}/{article.pk}")["tags"]

    assert tags == [
        {"name": "!!!", "slug": "", "url": None},
        {"name": "Oil", "slug": "oil", "url": "http://testserver/tags/oil/"},
    ]


# --- One article ----------------------------------------------------------------------------


def test_detail_returns_the_article_with_its_body_as_html(client, home):
    article = make_article(
        body=[
            ("paragraph", RichText("<p>First <b>paragraph</b>.</p>")),
            ("pull_quote", {"quote": "Rain at last.", "attribution": "A farmer"}),
        ],
        tags=("Oil",),
        authors=(make_author(),),
    )

    data = get_json(client, f"{LIST_URL}/{article.pk}")

    assert ARTICLE_FIELDS | {"body_html"} <= set(data)
    assert data["id"] == article.pk
    assert "<p>First <b>paragraph</b>.</p>" in data["body_html"]
    assert '<figure class="pull-quote">' in data["body_html"]
    assert "<blockquote><p>Rain at last.</p></blockquote>" in data["body_html"]
    assert "<figcaption>A farmer</figcaption>" in data["body_html"]


def test_detail_and_list_describe_an_article_alike(client, newsroom):
    (listed,) = get_json(client, LIST_URL, {"page_size": 1, "page": 4})["results"]

    detail = get_json(client, f"{LIST_URL}/{listed['id']}")

    assert {key: value for key, value in detail.items() if key != "body_html"} == listed


def test_detail_returns_a_headline_with_markup_as_plain_text(client, home):
    article = make_article(title="<script>alert(1)</script>")

    assert get_json(client, f"{LIST_URL}/{article.pk}")["headline"] == "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("zone", "instant"),
    [
        ("Asia/Tehran", aware(2022, 5, 18, 16, 48)),
        ("America/New_York", aware(2024, 1, 15, 12, 0)),
        ("America/New_York", aware(2024, 7, 15, 12, 0)),
        ("Europe/London", aware(2024, 3, 31, 0, 59)),
        ("Europe/London", aware(2024, 3, 31, 1, 0)),
        ("UTC", aware(2024, 7, 15, 12, 0)),
    ],
)
def test_dateline_published_at_carries_the_site_zone_offset(client, home, settings, zone, instant):
    settings.TIME_ZONE = zone
    article = make_article(published_at=instant)

    dateline = get_json(client, f"{LIST_URL}/{article.pk}")["dateline"]
    published_at = datetime.fromisoformat(dateline["published_at"])

    assert published_at == instant
    assert published_at.utcoffset() == instant.astimezone(ZoneInfo(zone)).utcoffset()
    assert dateline["display"].endswith(instant.astimezone(ZoneInfo(zone)).strftime("%H:%M"))


def test_dateline_published_at_stays_in_the_site_zone_when_another_zone_is_active(
    client, home, settings
):
    settings.TIME_ZONE = "Asia/Tehran"
    article = make_article(dateline_place="Tehran", published_at=aware(2022, 5, 18, 16, 48))

    with timezone.override("America/New_York"):
        dateline = get_json(client, f"{LIST_URL}/{article.pk}")["dateline"]

    assert dateline["published_at"] == "2022-05-18T21:18:00+04:30"
    assert dateline["display"] == f"TEHRAN {EM_DASH} May 18, 2022 - 21:18"


def test_unpublished_article_is_not_found_with_a_detail(client, home):
    article = make_article()
    unpublish(article)

    data = get_json(client, f"{LIST_URL}/{article.pk}", status=404)

    assert data == {"detail": f"No published article with id {article.pk}."}


def test_draft_article_is_not_found(client, home):
    article = make_article(publish=False)

    get_json(client, f"{LIST_URL}/{article.pk}", status=404)


def test_missing_article_is_not_found(client, home):
    get_json(client, f"{LIST_URL}/424242", status=404)


def test_section_is_not_an_article(client, home):
    section = make_section()

    get_json(client, f"{LIST_URL}/{section.pk}", status=404)


@pytest.mark.parametrize(
    "article_id", ["99999999999999999999", "9223372036854775808", "0", "-1", "abc", "1.5", "%00"]
)
def test_impossible_article_id_is_a_client_error(client, home, article_id):
    response = client.get(f"{LIST_URL}/{article_id}")

    assert 400 <= response.status_code < 500


def test_largest_possible_article_id_is_simply_not_found(client, home):
    get_json(client, f"{LIST_URL}/9223372036854775807", status=404)
