"""The reader's search page: what it finds, in what order, and how it copes with odd input."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article, make_author, unpublish


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def found(client, query: str, **params) -> list[str]:
    page = soup_of(client.get("/search/", {"q": query, **params}))
    return [h.get_text(strip=True) for h in page.select(".list .card__headline")]


def box_value(response) -> str:
    return soup_of(response).select_one("main input[name=q]")["value"]


# --- What it finds --------------------------------------------------------------------------


def test_finds_an_article_by_a_headline_word(client, home):
    make_article(title="Parliament passes the budget")
    make_article(title="Rain expected on Friday")

    assert found(client, "budget") == ["Parliament passes the budget"]


def test_finds_an_article_by_a_word_of_its_body(client, home):
    make_article(title="Market report", paragraphs=("Saffron prices rose sharply.",))
    make_article(title="Weather", paragraphs=("Sunny.",))

    assert found(client, "saffron") == ["Market report"]


def test_finds_an_article_by_its_standfirst(client, home):
    make_article(title="Market report", standfirst="Pistachio exports doubled.")

    assert found(client, "pistachio") == ["Market report"]


def test_finds_an_article_by_its_byline(client, home):
    reporter = make_author(name="Shirin Ebadizadeh", slug="shirin")
    make_article(title="Court ruling", authors=(reporter,))
    make_article(title="Other story")

    assert found(client, "Ebadizadeh") == ["Court ruling"]


def test_finds_an_article_by_its_tag(client, home):
    make_article(title="Qanat restoration", tags=("heritage",))
    make_article(title="Other story", tags=("sport",))

    assert found(client, "heritage") == ["Qanat restoration"]


def test_finds_an_article_by_a_tag_added_when_republishing(client, home):
    article = make_article(title="Qanat restoration", tags=("water",))
    draft = article.get_latest_revision_as_object()
    draft.tags.set(["heritage"])
    draft.save_revision().publish()

    assert found(client, "water") == []

    assert found(client, "heritage") == ["Qanat restoration"]


def test_every_word_must_match(client, home):
    make_article(title="Budget vote delayed")
    make_article(title="Budget passes")

    assert found(client, "budget delayed") == ["Budget vote delayed"]


def test_finds_persian_text(client, home):
    make_article(title="بودجه تصویب شد", language="fa")
    make_article(title="Budget passes")

    assert found(client, "بودجه") == ["بودجه تصویب شد"]


def test_headline_match_ranks_above_a_body_only_match(client, home):
    make_article(title="Weather round-up", paragraphs=("Later, an earthquake shook the coast.",))
    make_article(title="Earthquake shakes the coast", paragraphs=("Buildings swayed.",))

    assert found(client, "earthquake") == ["Earthquake shakes the coast", "Weather round-up"]


def test_drafts_are_not_found(client, home):
    make_article(title="Draft about budget", publish=False)
    make_article(title="Published about budget")

    assert found(client, "budget") == ["Published about budget"]


def test_unpublished_articles_are_not_found(client, home):
    unpublish(make_article(title="Withdrawn budget story"))

    assert found(client, "budget") == []


def test_results_are_paginated_keeping_the_query(client, home, settings):
    settings.GAZETTE_PAGE_SIZE = 2
    for number in range(5):
        make_article(title=f"Budget story {number}")

    first = soup_of(client.get("/search/", {"q": "budget"}))
    assert len(first.select(".list .card__headline")) == 2
    next_link = first.select_one("a[rel=next]")["href"]
    assert "q=budget" in next_link and "page=2" in next_link

    pages = [found(client, "budget", page=n) for n in (1, 2, 3)]
    assert sorted(sum(pages, [])) == [f"Budget story {n}" for n in range(5)]
    assert found(client, "budget", page=99) == pages[2]


def test_pages_run_on_from_headline_matches_to_body_matches(client, home, settings):
    settings.GAZETTE_PAGE_SIZE = 2
    for number in range(3):
        make_article(title=f"Budget story {number}")
    for number in range(2):
        make_article(title=f"Other story {number}", paragraphs=("The budget, again.",))

    pages = [found(client, "budget", page=n) for n in (1, 2, 3)]

    assert [len(page) for page in pages] == [2, 2, 1]
    flat = sum(pages, [])
    assert sorted(flat[:3]) == [f"Budget story {n}" for n in range(3)]
    assert sorted(flat[3:]) == ["Other story 0", "Other story 1"]


def test_a_page_that_is_not_a_number_is_not_found(client, home):
    make_article(title="Budget")

    assert client.get("/search/", {"q": "budget", "page": "abc"}).status_code == 404


def test_no_match_says_so(client, home):
    make_article(title="Budget")

    page = soup_of(client.get("/search/", {"q": "zebra"}))
    assert page.select(".list .card__headline") == []
    assert "No articles match" in page.get_text()


# --- The search box and odd input -----------------------------------------------------------


def test_empty_query_shows_the_box_and_no_results(client, home):
    make_article(title="Budget")

    for params in ({}, {"q": ""}, {"q": "   "}):
        page = soup_of(client.get("/search/", params))
        assert page.select_one("main input[name=q]")["value"] == ""
        assert page.select(".list") == []


def test_the_query_stays_in_the_box(client, home):
    assert box_value(client.get("/search/", {"q": "budget vote"})) == "budget vote"


HOSTILE = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    'budget" OR "1"="1',
    "budget\x00vote",
    "\x00",
    "NEAR(budget vote) AND NOT *",
    "budget*",
    "%",
    "%s %(x)s {0}",
    "\\",
    "😀 emoji ünïcödé",
    "می‌خواهم بودجه",
    "\u202eevil\u202c",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_a_page_without_running_markup(client, home, query):
    make_article(title="Budget vote", tags=("budget",))

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "\x00" not in body
    assert box_value(response) == " ".join(query.replace("\x00", " ").split())


def test_hostile_query_in_the_raw_url_gives_a_page(client, home):
    response = client.get("/search/?q=%3Cscript%3E%00%27%22&page=1")

    assert response.status_code == 200
    assert b"<script>" not in response.content


def test_a_huge_query_is_cut_short_and_still_gives_a_page(client, home):
    make_article(title="Budget vote")

    response = client.get("/search/", {"q": "budget " + "x" * 10_000})

    assert response.status_code == 200
    assert box_value(response) == "budget"
    assert found(client, "budget " + "x" * 10_000) == ["Budget vote"]


def test_a_huge_single_word_is_cut_to_200_characters(client, home):
    response = client.get("/search/", {"q": "x" * 10_000})

    assert response.status_code == 200
    assert box_value(response) == "x" * 200


def test_many_words_still_give_a_page(client, home):
    make_article(title="Budget vote")

    response = client.get("/search/", {"q": " ".join(["budget"] * 150)})

    assert response.status_code == 200
    assert found(client, " ".join(["budget"] * 150)) == ["Budget vote"]


def test_finds_an_article_under_its_author_new_name(client, home):
    reporter = make_author(name="Old Name", slug="reporter")
    make_article(title="Court ruling", authors=(reporter,))

    reporter.name = "Parisa Nazari"
    reporter.save()

    assert found(client, "Nazari") == ["Court ruling"]
    assert found(client, "Old") == []
