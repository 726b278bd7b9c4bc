"""What search engines and link previews read in an article's <head>."""

import json
from datetime import datetime, timedelta

import extruct
import pytest
from django.utils import timezone
from lxml import html as lxml_html

from gazette.articles.models import ArticleCorrection, CorrectionKind
from tests.factories import aware, make_article, make_author, make_image, make_section, republish
from tests.seo.conftest import BASE

PUBLISHED = aware(2024, 5, 18, 16, 48)


def get_html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld_of(markup: str) -> dict:
    (item,) = extruct.extract(markup, base_url=BASE, syntaxes=["json-ld"])["json-ld"]
    return item


def opengraph_of(markup: str) -> list[tuple[str, str]]:
    (item,) = extruct.extract(markup, base_url=BASE, syntaxes=["opengraph"])["opengraph"]
    return item["properties"]


def og_values(markup: str, name: str) -> list[str]:
    return [value for key, value in opengraph_of(markup) if key == name]


def meta_names(markup: str) -> dict[str, str]:
    tree = lxml_html.fromstring(markup)
    return {meta.get("name"): meta.get("content") for meta in tree.xpath("//head/meta[@name]")}


def canonical_of(markup: str) -> list[str]:
    return lxml_html.fromstring(markup).xpath("//head/link[@rel='canonical']/@href")


@pytest.fixture
def article(home, settings):
    settings.TIME_ZONE = "Asia/Tehran"
    section = make_section(title="Middle East", slug="middle-east")
    authors = (
        make_author(name="Zoe Zand", slug="zoe-zand"),
        make_author(name="Ali Amini", slug="ali-amini"),
    )
    return make_article(
        section=section,
        slug="rains",
        title="Rains return to Tehran",
        standfirst="The first storm in months fills reservoirs.",
        dateline_place="Tehran",
        language="fa-IR",
        published_at=PUBLISHED,
        authors=authors,
        tags=("weather", "Tehran"),
        lead_image=make_image(title="Storm clouds", size=(1600, 900)),
        lead_image_caption="Clouds over Azadi Tower",
    )


def url_of(article) -> str:
    return f"{BASE}{article.url}"


# --- JSON-LD ------------------------------------------------------------------------------


def test_json_ld_is_a_news_article_with_headline_and_description(client, article):
    data = json_ld_of(get_html(client, article.url))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Rains return to Tehran"
    assert data["description"] == "The first storm in months fills reservoirs."
    assert data["inLanguage"] == "fa-IR"
    assert data["isAccessibleForFree"] is True
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url_of(article)}
    assert data["articleSection"] == "Middle East"
    assert data["keywords"] == ["Tehran", "weather"]


def test_json_ld_dates_carry_the_site_offset_and_equal_the_article(client, article):
    data = json_ld_of(get_html(client, article.url))

    published = datetime.fromisoformat(data["datePublished"])
    modified = datetime.fromisoformat(data["dateModified"])
    assert published == PUBLISHED
    assert data["datePublished"].endswith("+03:30")  # Tehran has kept +03:30 since 2022
    assert modified == article.modified_at
    assert modified.utcoffset() == timedelta(hours=3, minutes=30)


def test_json_ld_names_dateline_and_place_of_writing(client, article):
    data = json_ld_of(get_html(client, article.url))

    assert data["dateline"] == article.dateline == "TEHRAN \N{EM DASH} May 18, 2024 - 20:18"
    assert data["locationCreated"] == {"@type": "Place", "name": "Tehran"}


def test_json_ld_lists_authors_in_byline_order_with_their_pages(client, article):
    data = json_ld_of(get_html(client, article.url))

    assert data["author"] == [
        {"@type": "Person", "name": "Zoe Zand", "url": f"{BASE}/authors/zoe-zand/"},
        {"@type": "Person", "name": "Ali Amini", "url": f"{BASE}/authors/ali-amini/"},
    ]


def test_json_ld_publisher_has_the_site_name_and_shipped_logo(client, article):
    publisher = json_ld_of(get_html(client, article.url))["publisher"]

    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "The Daily Gazette"
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": f"{BASE}/static/seo/publisher-logo.png",
        "width": 600,
        "height": 60,
    }


def test_shipped_logo_is_served_at_its_stated_size(client, article):
    from io import BytesIO

    from django.contrib.staticfiles import finders
    from PIL import Image

    with open(finders.find("seo/publisher-logo.png"), "rb") as handle:
        assert Image.open(BytesIO(handle.read())).size == (600, 60)


def test_configured_publisher_logo_replaces_the_shipped_one(client, article, settings):
    settings.GAZETTE_PUBLISHER_LOGO = "/media/brand/logo.png"

    logo = json_ld_of(get_html(client, article.url))["publisher"]["logo"]

    assert logo == {"@type": "ImageObject", "url": f"{BASE}/media/brand/logo.png"}


def test_json_ld_images_are_absolute_in_three_ratios(client, article):
    images = json_ld_of(get_html(client, article.url))["image"]

    renditions = article.lead_image.get_renditions(
        "fill-1200x675", "fill-1200x900", "fill-1200x1200"
    )
    assert images == [f"{BASE}{rendition.url}" for rendition in renditions.values()]
    sizes = [(rendition.width, rendition.height) for rendition in renditions.values()]
    assert sizes == [(1200, 675), (1200, 900), (900, 900)]  # never upscaled


def test_article_without_image_has_no_image_and_a_small_twitter_card(client, home):
    article = make_article()

    markup = get_html(client, article.url)

    assert "image" not in json_ld_of(markup)
    assert og_values(markup, "og:image") == []
    assert meta_names(markup)["twitter:card"] == "summary"
    assert "twitter:image" not in meta_names(markup)


def test_json_ld_lists_corrections_with_their_dates(client, article):
    assert "correction" not in json_ld_of(get_html(client, article.url))
    made_at = aware(2024, 5, 19, 8, 0)
    ArticleCorrection.objects.create(
        page=article, text="An earlier version misnamed the dam.", made_at=made_at
    )
    ArticleCorrection.objects.create(
        page=article, kind=CorrectionKind.UPDATE, text="Rain stopped.", made_at=made_at
    )

    data = json_ld_of(get_html(client, article.url))

    (correction,) = data["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == "An earlier version misnamed the dam."
    assert datetime.fromisoformat(correction["datePublished"]) == made_at


def test_republished_article_keeps_its_original_date_published(client, article):
    republish(article, title="Rains return to Tehran, again")

    data = json_ld_of(get_html(client, article.url))

    assert data["headline"] == "Rains return to Tehran, again"
    assert datetime.fromisoformat(data["datePublished"]) == PUBLISHED
    assert datetime.fromisoformat(data["dateModified"]) > timezone.now() - timedelta(minutes=1)


# --- OpenGraph, Twitter, canonical --------------------------------------------------------


def test_opengraph_describes_the_article(client, article):
    markup = get_html(client, article.url)
    properties = dict(opengraph_of(markup))
    image = article.lead_image.get_rendition("fill-1200x675")

    assert properties["og:type"] == "article"
    assert properties["og:title"] == "Rains return to Tehran"
    assert properties["og:description"] == "The first storm in months fills reservoirs."
    assert properties["og:url"] == url_of(article)
    assert properties["og:site_name"] == "The Daily Gazette"
    assert properties["og:locale"] == "fa_IR"
    assert properties["og:image"] == f"{BASE}{image.url}"
    assert properties["og:image:width"] == "1200"
    assert properties["og:image:height"] == "675"
    assert properties["og:image:alt"] == "Clouds over Azadi Tower"
    assert datetime.fromisoformat(properties["article:published_time"]) == PUBLISHED
    assert datetime.fromisoformat(properties["article:modified_time"]) == article.modified_at
    assert properties["article:section"] == "Middle East"
    assert og_values(markup, "article:tag") == ["Tehran", "weather"]
    assert og_values(markup, "article:author") == [
        f"{BASE}/authors/zoe-zand/",
        f"{BASE}/authors/ali-amini/",
    ]


def test_twitter_card_is_large_with_an_image(client, article):
    names = meta_names(get_html(client, article.url))
    image = article.lead_image.get_rendition("fill-1200x675")

    assert names["twitter:card"] == "summary_large_image"
    assert names["twitter:title"] == "Rains return to Tehran"
    assert names["twitter:description"] == "The first storm in months fills reservoirs."
    assert names["twitter:image"] == f"{BASE}{image.url}"


def test_article_has_one_absolute_canonical_link(client, article):
    assert canonical_of(get_html(client, article.url)) == [f"{BASE}/middle-east/rains/"]


def test_other_pages_have_a_canonical_link_and_basic_opengraph(client, article):
    markup = get_html(client, "/authors/zoe-zand/?page=1")

    assert canonical_of(markup) == [f"{BASE}/authors/zoe-zand/"]
    properties = dict(opengraph_of(markup))
    assert properties["og:title"] == "Zoe Zand"
    assert properties["og:url"] == f"{BASE}/authors/zoe-zand/"
    assert properties["og:site_name"] == "The Daily Gazette"
    assert extruct.extract(markup, base_url=BASE, syntaxes=["json-ld"])["json-ld"] == []


def test_section_and_home_pages_name_themselves(client, article):
    section = dict(opengraph_of(get_html(client, "/middle-east/")))
    home = dict(opengraph_of(get_html(client, "/")))

    assert (section["og:title"], section["og:url"]) == ("Middle East", f"{BASE}/middle-east/")
    assert (home["og:title"], home["og:url"]) == ("The Daily Gazette", f"{BASE}/")


# --- Escaping -------------------------------------------------------------------------------

HOSTILE = "</script><script>alert(1)</script> <!--<script> \"quoted\" & 'apostrophes'"


def test_hostile_headline_cannot_break_out_of_the_json_ld_script(client, home):
    article = make_article(title=HOSTILE, standfirst=HOSTILE, tags=(HOSTILE[:90],))

    markup = get_html(client, article.url)

    scripts = lxml_html.fromstring(markup).xpath("//script")
    # The JSON-LD and the comments script: nothing the headline could have injected.
    assert [(script.get("type"), script.get("src")) for script in scripts] == [
        ("application/ld+json", None),
        (None, "/static/comments/comments.js"),
    ]
    assert [script.text for script in scripts if "alert" in (script.text or "")] == [
        scripts[0].text
    ]
    data = json.loads(scripts[0].text)
    assert data["headline"] == HOSTILE
    assert data["description"] == HOSTILE
    assert json_ld_of(markup)["headline"] == HOSTILE
    assert dict(opengraph_of(markup))["og:title"] == HOSTILE
    assert meta_names(markup)["twitter:title"] == HOSTILE


def test_not_found_page_claims_no_canonical_address(client, home):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert canonical_of(response.content.decode()) == []
