"""RSS 2.0 and Atom 1.0 feeds of articles, as a feed reader parses them."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.articles.models import ArticleCorrection, ArticlePage
from tests.factories import aware, make_article, make_author, make_section, republish, unpublish
from tests.feeds.helpers import parse_feed, path_of, titles

pytestmark = pytest.mark.django_db

FORMATS = ("rss", "atom")


def dated(hours_ago: int, **fields):
    return make_article(published_at=timezone.now() - timedelta(hours=hours_ago), **fields)


@pytest.mark.parametrize("fmt", FORMATS)
def test_site_feed_lists_published_articles_newest_first(client, fmt):
    section = make_section()
    old = dated(5, section=section, title="Old news")
    new = dated(1, section=section, title="Fresh news")
    middle = dated(3, section=section, title="Middle news")
    make_article(section=section, title="A draft", publish=False)
    gone = dated(2, section=section, title="Taken down")
    unpublish(gone)

    parsed = parse_feed(client, f"/feeds/{fmt}/")

    assert titles(parsed) == [new.title, middle.title, old.title]
    assert parsed.feed.title == "Gazette"
    assert parsed.feed.language == "en"


@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_holds_at_most_the_configured_number_of_items(client, settings, fmt):
    settings.GAZETTE_FEED_ITEMS = 2
    section = make_section()
    articles = [dated(hours, section=section) for hours in (4, 3, 2, 1)]

    parsed = parse_feed(client, f"/feeds/{fmt}/")

    assert titles(parsed) == [articles[3].title, articles[2].title]


@pytest.mark.parametrize("fmt", FORMATS)
def test_entry_has_link_id_dates_authors_and_categories(client, settings, fmt):
    settings.GAZETTE_BASE_URL = "https://news.example.org"
    section = make_section(title="World", slug="world")
    first = make_author(name="Sara Ahmadi")
    second = make_author(name="John Doe")
    article = make_article(
        section=section,
        slug="big-story",
        authors=(first, second),
        tags=("Elections", "Iran"),
        published_at=aware(2026, 3, 1, 9, 30, zone="Asia/Tehran"),
    )

    [entry] = parse_feed(client, f"/feeds/{fmt}/").entries

    assert entry.link == "https://news.example.org/world/big-story/"
    day = article.first_published_at.date().isoformat()
    assert entry.id == f"tag:news.example.org,{day}:article:{article.pk}"
    assert entry.published_parsed[:5] == (2026, 3, 1, 6, 0)  # 09:30 in Tehran is 06:00 UTC
    assert [author.name for author in entry.authors] == ["Sara Ahmadi", "John Doe"]
    assert {tag.term for tag in entry.tags} == {"Elections", "Iran", "World"}
    assert entry.summary == article.standfirst


def test_rss_dates_are_rfc_822_with_an_offset_and_atom_dates_rfc_3339(client):
    make_article(published_at=aware(2026, 3, 1, 9, 30, zone="Asia/Tehran"))

    rss = client.get("/feeds/rss/").content.decode()
    atom = client.get("/feeds/atom/").content.decode()

    assert "<pubDate>Sun, 01 Mar 2026 06:00:00 +0000</pubDate>" in rss
    assert "<published>2026-03-01T06:00:00+00:00</published>" in atom
    assert re.search(
        r"<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d</updated>", atom
    )


def test_rss_guid_is_not_a_permalink(client):
    make_article()

    rss = client.get("/feeds/rss/").content.decode()

    assert re.search(r'<guid isPermaLink="false">tag:[^<]+:article:\d+</guid>', rss)


@pytest.mark.parametrize("fmt", FORMATS)
def test_entry_id_stays_the_same_after_republishing_and_back_dating(client, fmt):
    article = make_article(title="First version")
    before = parse_feed(client, f"/feeds/{fmt}/").entries[0].id

    republish(article, title="Second version", published_at=aware(2020, 1, 1))
    [entry] = parse_feed(client, f"/feeds/{fmt}/").entries

    assert entry.title == "Second version"
    assert entry.id == before


def test_atom_updated_moves_when_a_correction_is_added(client):
    two_days_ago = timezone.now() - timedelta(days=2)
    article = make_article(published_at=two_days_ago)
    # As if published two days ago, so the correction is the newest change.
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=two_days_ago, last_published_at=two_days_ago
    )
    before = parse_feed(client, "/feeds/atom/").entries[0]
    made_at = timezone.now().replace(microsecond=0)

    ArticleCorrection.objects.create(
        page=article, kind="correction", made_at=made_at, text="The mayor's name was misspelt."
    )
    parsed = parse_feed(client, "/feeds/atom/")
    [after] = parsed.entries

    assert before.updated_parsed < after.updated_parsed
    assert after.updated_parsed == made_at.utctimetuple()
    assert after.published_parsed == before.published_parsed
    assert parsed.feed.updated_parsed == made_at.utctimetuple()


@pytest.mark.parametrize("fmt", FORMATS)
def test_summary_by_default_and_full_text_when_configured(client, settings, fmt):
    make_article(standfirst="Short summary.", paragraphs=("The whole story, told.",))

    [summary_entry] = parse_feed(client, f"/feeds/{fmt}/").entries
    settings.GAZETTE_FEED_FULL_TEXT = True
    [full_entry] = parse_feed(client, f"/feeds/{fmt}/").entries

    assert summary_entry.summary == "Short summary."
    assert "The whole story" not in str(summary_entry)
    full_html = full_entry.content[0].value if fmt == "atom" else full_entry.description
    assert "Short summary." in full_html
    assert "<p>The whole story, told.</p>" in full_html


def test_atom_full_text_keeps_the_standfirst_as_summary(client, settings):
    settings.GAZETTE_FEED_FULL_TEXT = True
    make_article(standfirst="Short summary.", paragraphs=("Body.",))

    [entry] = parse_feed(client, "/feeds/atom/").entries

    assert entry.summary == "Short summary."
    assert entry.content[0].type == "text/html"


@pytest.mark.parametrize("fmt", FORMATS)
def test_persian_article_keeps_its_text_and_language(client, settings, fmt):
    settings.GAZETTE_FEED_FULL_TEXT = True
    headline = "انتخابات در تهران"
    make_article(
        title=headline,
        slug="انتخابات",
        standfirst="رای‌دهندگان صبح زود آمدند.",
        paragraphs=("متن کامل گزارش.",),
        language="fa",
        tags=("سیاست",),
    )

    [entry] = parse_feed(client, f"/feeds/{fmt}/").entries

    assert entry.title == headline
    assert "%D8%A7" in entry.link  # the Persian slug, percent-encoded as a URI
    assert "متن کامل گزارش." in (entry.content[0].value if fmt == "atom" else entry.description)
    assert "سیاست" in {tag.term for tag in entry.tags}
    if fmt == "atom":
        assert entry.content[0].language == "fa"


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_headline_and_standfirst_are_escaped(client, fmt):
    make_article(title="<script>alert(1)</script> Breaking", standfirst="<b>bold</b> & more")

    response = client.get(f"/feeds/{fmt}/")
    [entry] = parse_feed(client, f"/feeds/{fmt}/").entries

    assert b"<script>" not in response.content
    assert b"&lt;script&gt;" in response.content
    assert "Breaking" in entry.title
    assert "<b>" not in entry.summary


@pytest.mark.parametrize("fmt", FORMATS)
def test_section_feed_lists_only_that_section(client, fmt):
    world = make_section(title="World", slug="world")
    sport = make_section(title="Sport", slug="sport")
    older = dated(3, section=world)
    newer = dated(1, section=world)
    dated(2, section=sport)
    make_article(section=world, publish=False)

    parsed = parse_feed(client, f"/feeds/section/world/{fmt}/")

    assert titles(parsed) == [newer.title, older.title]
    assert parsed.feed.title == "Gazette: World"
    assert path_of(parsed.feed.link) == "/world/"


@pytest.mark.parametrize("fmt", FORMATS)
def test_tag_feed_lists_only_tagged_articles(client, fmt):
    section = make_section()
    older = dated(3, section=section, tags=("Climate", "Energy"))
    newer = dated(1, section=section, tags=("Climate",))
    dated(2, section=section, tags=("Sport",))
    make_article(section=section, tags=("Climate",), publish=False)

    parsed = parse_feed(client, f"/feeds/tag/climate/{fmt}/")

    assert titles(parsed) == [newer.title, older.title]
    assert parsed.feed.title == "Gazette: #Climate"


@pytest.mark.parametrize("fmt", FORMATS)
def test_author_feed_lists_only_their_articles(client, fmt):
    section = make_section()
    sara = make_author(name="Sara", slug="sara")
    other = make_author()
    older = dated(3, section=section, authors=(sara,))
    newer = dated(1, section=section, authors=(other, sara))
    dated(2, section=section, authors=(other,))
    make_article(section=section, authors=(sara,), publish=False)

    parsed = parse_feed(client, f"/feeds/author/sara/{fmt}/")

    assert titles(parsed) == [newer.title, older.title]
    assert path_of(parsed.feed.link) == "/authors/sara/"


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/section/nowhere/rss/",
        "/feeds/section/nowhere/atom/",
        "/feeds/tag/nowhere/rss/",
        "/feeds/tag/nowhere/atom/",
        "/feeds/author/nobody/rss/",
        "/feeds/author/nobody/atom/",
    ],
)
def test_unknown_slugs_are_404(client, home, url):
    assert client.get(url).status_code == 404


def test_unpublished_section_has_no_feed(client):
    section = make_section(slug="closed-desk")
    unpublish(section)

    assert client.get("/feeds/section/closed-desk/rss/").status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_site_feed_is_still_valid(client, home, fmt):
    parsed = parse_feed(client, f"/feeds/{fmt}/")

    assert parsed.entries == []


def test_feed_content_types(client, home):
    assert client.get("/feeds/rss/")["Content-Type"].startswith("application/rss+xml")
    assert client.get("/feeds/atom/")["Content-Type"].startswith("application/atom+xml")


def test_site_feed_query_count_does_not_grow_with_articles(client, django_assert_max_num_queries):
    section = make_section()
    author = make_author()
    for hours in range(6):
        dated(hours, section=section, authors=(author,), tags=("A", "B"))

    with django_assert_max_num_queries(12):
        parse_feed(client, "/feeds/atom/")
