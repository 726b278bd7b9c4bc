"""The article page and the home page as a reader's browser receives them."""

import json
from urllib.parse import unquote

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from tests.factories import (
    aware,
    make_article,
    make_author,
    make_image,
    make_section,
    republish,
    unpublish,
)

EM_DASH = "\N{EM DASH}"

# Measured on SQLite and PostgreSQL (Wagtail routing, site, nav, section, bylines, tags,
# lead image and its rendition, the comment thread; with the rendition cache warm).
ARTICLE_PAGE_MAX_QUERIES = 21


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def texts(elements) -> list[str]:
    return [element.get_text(" ", strip=True) for element in elements]


# --- The article page -----------------------------------------------------------------------


def test_article_page_links_to_its_section(client, home):
    section = make_section(title="Middle East", slug="middle-east")
    article = make_article(section=section)

    kicker = soup_of(client.get(article.url)).select_one(".article__header .kicker a")

    assert (kicker.get_text(), kicker["href"]) == ("Middle East", "/middle-east/")


def test_article_page_shows_headline_and_standfirst(client, home):
    article = make_article(
        title="Rains return to Tehran", standfirst="The first storm in months fills reservoirs."
    )

    page = soup_of(client.get(article.url))

    assert page.select_one("h1.article__headline").get_text() == "Rains return to Tehran"
    assert page.select_one(".article__standfirst").get_text() == (
        "The first storm in months fills reservoirs."
    )
    assert page.title.get_text() == "Rains return to Tehran · Gazette"


def test_article_page_shows_the_dateline_in_the_site_zone(client, home, settings):
    settings.TIME_ZONE = "Asia/Tehran"
    article = make_article(dateline_place="Tehran", published_at=aware(2022, 5, 18, 16, 48))

    time = soup_of(client.get(article.url)).select_one(".article__dateline time")

    assert time.get_text() == f"TEHRAN {EM_DASH} May 18, 2022 - 21:18"
    assert time["datetime"] == "2022-05-18T21:18:00+04:30"


def test_article_page_lists_bylines_in_order_linking_to_author_pages(client, home):
    ali = make_author(name="Ali Amini", slug="ali-amini")
    zoe = make_author(name="Zoe Zand", slug="zoe-zand")
    mina = make_author(name="Mina Moradi", slug="mina-moradi")
    article = make_article(authors=(zoe, ali, mina))

    bylines = soup_of(client.get(article.url)).select_one(".article__bylines")
    links = bylines.select("a[rel=author]")

    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Zoe Zand", "/authors/zoe-zand/"),
        ("Ali Amini", "/authors/ali-amini/"),
        ("Mina Moradi", "/authors/mina-moradi/"),
    ]
    assert bylines.get_text() == "By Zoe Zand, Ali Amini and Mina Moradi"


def test_article_page_without_bylines_shows_no_by_line(client, home):
    article = make_article(authors=())

    assert soup_of(client.get(article.url)).select_one(".article__bylines") is None


def test_article_page_tags_link_to_tag_pages(client, home):
    article = make_article(tags=("Oil", "Elections"))

    links = soup_of(client.get(article.url)).select(".article__tags a[rel=tag]")

    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Elections", "/tags/elections/"),
        ("Oil", "/tags/oil/"),
    ]


def test_article_page_with_a_punctuation_only_tag_still_renders(client, home):
    article = make_article(tags=("!!!", "Oil"))

    response = client.get(article.url)

    assert response.status_code == 200
    assert "Oil" in texts(BeautifulSoup(response.content, "html.parser").select(".tags li"))


def test_article_page_shows_the_lead_image_with_caption_and_credit(client, home):
    article = make_article(
        lead_image=make_image(title="Square"),
        lead_image_caption="Crowds in Enghelab Square",
        lead_image_credit="Photo: Sara Rezaei",
    )

    figure = soup_of(client.get(article.url)).select_one("figure.article__lead-image")

    image = figure.select_one("img")
    assert image["alt"] == "Crowds in Enghelab Square"
    assert image["src"].startswith("/media/images/")
    assert figure.select_one("figcaption").get_text(" ", strip=True) == (
        "Crowds in Enghelab Square Photo: Sara Rezaei"
    )
    assert figure.select_one("figcaption .credit").get_text() == "Photo: Sara Rezaei"


def test_article_page_without_a_lead_image_has_no_figure(client, home):
    article = make_article(lead_image=None)

    assert soup_of(client.get(article.url)).select_one("figure.article__lead-image") is None


def test_article_page_shows_body_paragraphs_and_pull_quote_in_order(client, home):
    article = make_article(
        body=[
            ("paragraph", RichText("<p>The first paragraph.</p>")),
            (
                "pull_quote",
                {"quote": "We have waited years for this rain.", "attribution": "A farmer"},
            ),
            ("paragraph", RichText("<p>The <b>second</b> paragraph.</p>")),
        ]
    )

    body = soup_of(client.get(article.url)).select_one(".article__body")

    assert texts(body.find_all(["p", "figcaption"])) == [
        "The first paragraph.",
        "We have waited years for this rain.",
        "A farmer",
        "The second paragraph.",
    ]
    quote = body.select_one("figure.pull-quote")
    assert quote.select_one("blockquote").get_text(strip=True) == (
        "We have waited years for this rain."
    )
    assert body.select_one("b").get_text() == "second"


def test_persian_article_page_is_right_to_left(client, home):
    article = make_article(language="fa", title="باران به تهران بازگشت")

    html = soup_of(client.get(article.url)).html

    assert (html["lang"], html["dir"]) == ("fa", "rtl")


def test_english_article_page_is_left_to_right(client, home):
    article = make_article(language="en")

    html = soup_of(client.get(article.url)).html

    assert (html["lang"], html["dir"]) == ("en", "ltr")


def test_site_chrome_of_a_persian_article_keeps_the_site_language(client, home):
    article = make_article(language="fa")

    page = soup_of(client.get(article.url))

    assert (page.select_one("header.site-header")["dir"], page.select_one("footer")["dir"]) == (
        "ltr",
        "ltr",
    )


def test_headline_with_markup_is_shown_as_text_not_run(client, home):
    article = make_article(
        title="<script>alert('x')</script> Budget passes",
        standfirst="<img src=x onerror=alert(1)>",
    )

    response = client.get(article.url)
    page = soup_of(response)

    assert page.select_one("h1.article__headline").get_text() == (
        "<script>alert('x')</script> Budget passes"
    )
    data_blocks = page.find_all("script", type="application/ld+json")
    assert all(json.loads(block.string) for block in data_blocks)
    assert "<script" not in "".join(block.string for block in data_blocks)
    code = [script for script in page.find_all("script") if script not in data_blocks]
    assert [script for script in code if "alert" in script.text] == []
    assert page.select("img[onerror]") == []
    assert page.select_one(".article__standfirst").get_text() == "<img src=x onerror=alert(1)>"
    assert b"&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Budget passes" in response.content


def test_unpublished_article_is_not_found(client, home):
    article = make_article()
    url = article.url
    unpublish(article)

    assert client.get(url).status_code == 404


def test_draft_article_is_not_found(client, home):
    section = make_section(slug="world")

    make_article(section=section, slug="not-yet", publish=False)

    assert client.get("/world/not-yet/").status_code == 404


def test_article_page_query_count_does_not_grow_with_bylines_and_tags(
    client, home, django_assert_max_num_queries
):
    section = make_section()
    image = make_image()
    few = make_article(section=section, lead_image=image, authors=(make_author(),), tags=("a",))
    many = make_article(
        section=section,
        lead_image=image,
        authors=tuple(make_author() for _ in range(8)),
        tags=tuple(f"tag {n}" for n in range(8)),
    )
    client.get(few.url)  # fills the rendition and site caches, as any earlier visit would

    counts = []
    for article in (few, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.url).status_code == 200
        counts.append(len(queries))
    with django_assert_max_num_queries(ARTICLE_PAGE_MAX_QUERIES):
        response = client.get(many.url)

    assert counts[0] == counts[1]
    assert len(soup_of(response).select("a[rel=author]")) == 8


# --- The home page --------------------------------------------------------------------------


def lead_headline(response) -> str:
    return soup_of(response).select_one("section.lead .card__headline").get_text(strip=True)


def test_home_page_leads_with_the_newest_article(client, home):
    section = make_section()
    make_article(section=section, title="Older", published_at=aware(2024, 5, 1, 9, 0))
    make_article(section=section, title="Newest", published_at=aware(2024, 5, 3, 9, 0))
    make_article(section=section, title="Middle", published_at=aware(2024, 5, 2, 9, 0))

    assert lead_headline(client.get("/")) == "Newest"


def test_home_page_leads_with_the_chosen_lead_article(client, home):
    section = make_section()
    chosen = make_article(section=section, title="Chosen", published_at=aware(2024, 5, 1))
    make_article(section=section, title="Newest", published_at=aware(2024, 5, 3))
    home.lead_article = chosen
    home.save_revision().publish()

    assert lead_headline(client.get("/")) == "Chosen"


def test_home_page_falls_back_to_the_newest_when_the_chosen_lead_is_unpublished(client, home):
    section = make_section()
    chosen = make_article(section=section, title="Chosen", published_at=aware(2024, 5, 1))
    make_article(section=section, title="Newest", published_at=aware(2024, 5, 3))
    home.lead_article = chosen
    home.save_revision().publish()
    unpublish(chosen)

    assert lead_headline(client.get("/")) == "Newest"


def test_home_page_shows_a_block_per_section_with_its_newest_articles(client, home):
    world = make_section(title="World", slug="world")
    sport = make_section(title="Sport", slug="sport")
    make_section(title="Empty", slug="empty")
    make_article(section=world, title="World lead", published_at=aware(2024, 5, 9))
    make_article(section=world, title="World two", published_at=aware(2024, 5, 2))
    make_article(section=world, title="World three", published_at=aware(2024, 5, 3))
    make_article(section=sport, title="Sport one", published_at=aware(2024, 5, 4))

    page = soup_of(client.get("/"))

    blocks = {
        block.select_one("h2 a").get_text(): (
            block.select_one("h2 a")["href"],
            texts(block.select(".card__headline")),
        )
        for block in page.select("section.section-block")
    }
    assert blocks == {
        "World": ("/world/", ["World three", "World two"]),
        "Sport": ("/sport/", ["Sport one"]),
    }


def test_home_page_section_block_shows_at_most_four_articles(client, home):
    section = make_section(title="World")
    for day in range(1, 8):
        make_article(section=section, title=f"Day {day}", published_at=aware(2024, 5, day))

    block = soup_of(client.get("/")).select_one("section.section-block")

    assert texts(block.select(".card__headline")) == ["Day 6", "Day 5", "Day 4", "Day 3"]


def test_home_page_with_nothing_published_says_so(client, home):
    make_article(publish=False)

    page = soup_of(client.get("/"))

    assert page.select_one("section.lead") is None
    assert "Nothing published yet." in page.select_one("section.latest").get_text()


def test_home_page_lists_persian_cards_right_to_left(client, home):
    make_article(language="fa", title="خبر")

    card = soup_of(client.get("/")).select_one("section.lead article.card")

    assert (card["lang"], card["dir"]) == ("fa", "rtl")


def test_home_page_card_link_follows_a_renamed_slug(client, home):
    article = make_article(section=make_section(slug="world"), slug="old-slug")
    republish(article, slug="new-slug")

    link = soup_of(client.get("/")).select_one("section.lead .card__headline a")

    assert unquote(link["href"]) == "/world/new-slug/"
    assert client.get(link["href"]).status_code == 200
