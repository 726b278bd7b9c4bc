"""The site's JSON Feed 1.1, checked field by field (feedparser does not read JSON Feed)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import aware, make_article, make_author, make_image, make_section, republish
from tests.feeds.helpers import fetch_json_feed

pytestmark = pytest.mark.django_db

RFC_3339_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")


def test_json_feed_has_the_required_top_level_fields(client, home, settings):
    settings.GAZETTE_BASE_URL = "https://news.example.org"
    settings.GAZETTE_SITE_NAME = "The Daily"

    feed = fetch_json_feed(client)

    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "The Daily"
    assert feed["home_page_url"] == "https://news.example.org/"
    assert feed["feed_url"] == "https://news.example.org/feeds/json/"
    assert feed["language"] == "en"
    assert feed["items"] == []


def test_json_items_are_published_articles_newest_first(client):
    section = make_section()
    old = make_article(section=section, published_at=timezone.now() - timedelta(hours=3))
    new = make_article(section=section, published_at=timezone.now() - timedelta(hours=1))
    make_article(section=section, publish=False)

    items = fetch_json_feed(client)["items"]

    assert [item["title"] for item in items] == [new.title, old.title]


def test_json_item_fields(client, settings):
    settings.GAZETTE_BASE_URL = "https://news.example.org"
    section = make_section(title="World", slug="world")
    author = make_author(name="Sara Ahmadi", slug="sara")
    article = make_article(
        section=section,
        slug="story",
        standfirst="What happened.",
        authors=(author,),
        tags=("Iran",),
        published_at=aware(2026, 3, 1, 9, 30, zone="Asia/Tehran"),
        lead_image=make_image(),
    )

    [item] = fetch_json_feed(client)["items"]

    day = article.first_published_at.date().isoformat()
    assert item["id"] == f"tag:news.example.org,{day}:article:{article.pk}"
    assert item["url"] == "https://news.example.org/world/story/"
    assert item["summary"] == "What happened."
    assert item["content_text"] == "What happened."
    assert "content_html" not in item
    assert item["date_published"] == "2026-03-01T06:00:00+00:00"
    assert RFC_3339_WITH_OFFSET.match(item["date_modified"])
    assert item["authors"] == [
        {"name": "Sara Ahmadi", "url": "https://news.example.org/authors/sara/"}
    ]
    assert item["tags"] == ["Iran", "World"]
    assert item["language"] == "en"
    assert item["image"].startswith("https://news.example.org/media/")


def test_json_full_text_gives_content_html(client, settings):
    settings.GAZETTE_FEED_FULL_TEXT = True
    make_article(standfirst="Summary.", paragraphs=("All of it.",))

    [item] = fetch_json_feed(client)["items"]

    assert "content_text" not in item
    assert "<p>All of it.</p>" in item["content_html"]
    assert item["content_html"].startswith("<p>Summary.</p>")


def test_json_dates_carry_the_site_time_zone_offset(client, settings):
    settings.TIME_ZONE = "Asia/Tehran"
    make_article(published_at=aware(2026, 3, 1, 6, 0))

    [item] = fetch_json_feed(client)["items"]

    assert item["date_published"] == "2026-03-01T09:30:00+03:30"


def test_json_id_is_stable_across_republishing(client):
    article = make_article(title="First")
    before = fetch_json_feed(client)["items"][0]["id"]

    republish(article, title="Second")
    [item] = fetch_json_feed(client)["items"]

    assert item["title"] == "Second"
    assert item["id"] == before


def test_json_keeps_persian_text_and_hostile_text_as_data(client):
    make_article(title="<script>x</script> خبر", standfirst="متن", language="fa")

    response = client.get("/feeds/json/")
    [item] = fetch_json_feed(client)["items"]

    assert item["title"] == "<script>x</script> خبر"
    assert item["language"] == "fa"
    assert "متن".encode() in response.content
