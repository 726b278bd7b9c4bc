"""The sitemap index, the plain sitemaps and the Google News sitemap as crawlers read them."""

from datetime import timedelta

from django.utils import timezone
from lxml import etree

from gazette.articles.models import ArticleCorrection
from gazette.seo import sitemaps
from tests.factories import aware, make_article, make_author, make_section, unpublish
from tests.seo.conftest import BASE

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def locs(tree) -> list[str]:
    return tree.xpath("//sm:url/sm:loc/text()", namespaces=NS)


def lastmods(tree) -> dict[str, str]:
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in tree.iterfind("sm:url", namespaces=NS)
    }


def parse_w3c(value: str):
    from datetime import datetime

    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


# --- The index ----------------------------------------------------------------------------


def test_index_lists_every_sitemap_with_absolute_urls(client, home):
    make_article(authors=(make_author(),), tags=("floods",))

    tree = xml_of(client, "/sitemap.xml")

    assert tree.tag == f"{{{NS['sm']}}}sitemapindex"
    assert tree.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS) == [
        f"{BASE}/sitemap-news.xml",
        f"{BASE}/sitemap-articles.xml",
        f"{BASE}/sitemap-sections.xml",
        f"{BASE}/sitemap-authors.xml",
        f"{BASE}/sitemap-tags.xml",
    ]


def test_index_and_sitemaps_parse_on_an_empty_site(client, home):
    assert len(xml_of(client, "/sitemap.xml").xpath("//sm:sitemap", namespaces=NS)) == 5
    for name in ("articles", "authors", "tags"):
        assert locs(xml_of(client, f"/sitemap-{name}.xml")) == []


def test_unknown_sitemap_is_not_found(client, home):
    assert client.get("/sitemap-nothing.xml").status_code == 404


# --- Articles -------------------------------------------------------------------------------


def test_articles_sitemap_lists_every_published_article_and_no_draft(client, home):
    section = make_section(slug="world")
    make_article(section=section, slug="one")
    make_article(section=section, slug="two")
    make_article(section=section, slug="draft", publish=False)
    gone = unpublish(make_article(section=section, slug="gone"))

    urls = locs(xml_of(client, "/sitemap-articles.xml"))

    assert sorted(urls) == [f"{BASE}/world/one/", f"{BASE}/world/two/"]
    assert f"{BASE}{gone.url}" not in urls


def test_article_lastmod_is_its_latest_correction_or_publication(client, home):
    section = make_section(slug="world")
    plain = make_article(section=section, slug="plain", published_at=aware(2024, 5, 1, 9, 0))
    corrected = make_article(
        section=section, slug="corrected", published_at=aware(2024, 5, 1, 9, 0)
    )
    correction_time = timezone.now() + timedelta(hours=1)
    ArticleCorrection.objects.create(page=corrected, text="Fixed a name.", made_at=correction_time)

    mods = lastmods(xml_of(client, "/sitemap-articles.xml"))

    assert parse_w3c(mods[f"{BASE}/world/plain/"]) == plain.modified_at
    assert parse_w3c(mods[f"{BASE}/world/corrected/"]) == correction_time


def test_articles_sitemap_is_paged_at_its_limit(client, home, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    section = make_section(slug="world")
    for number in range(3):
        make_article(section=section, slug=f"a{number}", published_at=aware(2024, 5, number + 1))

    index = xml_of(client, "/sitemap.xml").xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    first = locs(xml_of(client, "/sitemap-articles.xml"))
    second = locs(xml_of(client, "/sitemap-articles.xml?p=2"))

    assert f"{BASE}/sitemap-articles.xml?p=2" in index
    assert f"{BASE}/sitemap-articles.xml?p=3" not in index
    assert first == [f"{BASE}/world/a2/", f"{BASE}/world/a1/"]
    assert second == [f"{BASE}/world/a0/"]
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404


def test_default_limit_is_fifty_thousand():
    for sitemap in sitemaps.SITEMAPS.values():
        assert sitemap.limit == 50_000


# --- Sections, authors, tags ------------------------------------------------------------------


def test_sections_sitemap_lists_live_sections(client, home):
    make_section(slug="world")
    unpublish(make_section(slug="hidden"))

    assert locs(xml_of(client, "/sitemap-sections.xml")) == [f"{BASE}/world/"]


def test_authors_sitemap_lists_only_authors_with_published_articles(client, home):
    writer = make_author(slug="writer")
    drafter = make_author(slug="drafter")
    make_author(slug="idle")
    make_article(authors=(writer,), published_at=aware(2024, 5, 1, 9, 0))
    make_article(authors=(writer,), published_at=aware(2024, 5, 2, 9, 0))
    make_article(authors=(drafter,), publish=False)

    tree = xml_of(client, "/sitemap-authors.xml")

    assert locs(tree) == [f"{BASE}/authors/writer/"]
    assert parse_w3c(lastmods(tree)[f"{BASE}/authors/writer/"]) == aware(2024, 5, 2, 9, 0)


def test_tags_sitemap_lists_only_tags_on_published_articles(client, home):
    make_article(tags=("floods", "rain"))
    make_article(tags=("secret",), publish=False)

    assert locs(xml_of(client, "/sitemap-tags.xml")) == [
        f"{BASE}/tags/floods/",
        f"{BASE}/tags/rain/",
    ]


# --- Google News ------------------------------------------------------------------------------


def news_entries(client) -> list[dict]:
    tree = xml_of(client, "/sitemap-news.xml")
    assert tree.tag == f"{{{NS['sm']}}}urlset"
    entries = []
    for url in tree.iterfind("sm:url", namespaces=NS):
        news = url.findall("news:news", namespaces=NS)
        assert len(news) == 1
        entries.append(
            {
                "loc": url.findtext("sm:loc", namespaces=NS),
                "name": news[0].findtext("news:publication/news:name", namespaces=NS),
                "language": news[0].findtext("news:publication/news:language", namespaces=NS),
                "date": news[0].findtext("news:publication_date", namespaces=NS),
                "title": news[0].findtext("news:title", namespaces=NS),
            }
        )
    return entries


def test_news_sitemap_has_only_articles_of_the_last_two_days(client, home):
    section = make_section(slug="world")
    now = timezone.now()
    make_article(section=section, slug="fresh", published_at=now - timedelta(days=1))
    make_article(section=section, slug="stale", published_at=now - timedelta(days=3))
    make_article(section=section, slug="draft", publish=False)

    assert [entry["loc"] for entry in news_entries(client)] == [f"{BASE}/world/fresh/"]


def test_news_entry_names_publication_language_original_date_and_title(client, home, settings):
    settings.TIME_ZONE = "Asia/Tehran"
    published = timezone.now().replace(microsecond=0) - timedelta(hours=5)
    article = make_article(title="Rains & floods <return>", language="fa", published_at=published)
    # A later correction changes lastmod, never the news publication date.
    ArticleCorrection.objects.create(page=article, text="Fixed.", made_at=timezone.now())

    (entry,) = news_entries(client)

    assert entry["name"] == "The Daily Gazette"
    assert entry["language"] == "fa"
    assert entry["title"] == "Rains & floods <return>"
    assert parse_w3c(entry["date"]) == published
    assert entry["date"].endswith("+03:30")


def test_news_language_is_the_primary_subtag_except_chinese(client, home):
    assert sitemaps.news_language("pt-BR") == "pt"
    assert sitemaps.news_language("en") == "en"
    assert sitemaps.news_language("zh-Hans") == "zh-cn"
    assert sitemaps.news_language("zh-CN") == "zh-cn"
    assert sitemaps.news_language("zh-Hant") == "zh-tw"
    assert sitemaps.news_language("zh-TW") == "zh-tw"


def test_news_sitemap_is_newest_first_and_capped(client, home, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_MAX_URLS", 2)
    section = make_section(slug="world")
    now = timezone.now()
    for hours in (3, 1, 2):
        make_article(section=section, slug=f"h{hours}", published_at=now - timedelta(hours=hours))

    assert [entry["loc"] for entry in news_entries(client)] == [
        f"{BASE}/world/h1/",
        f"{BASE}/world/h2/",
    ]


def test_news_cap_is_one_thousand():
    assert sitemaps.NEWS_MAX_URLS == 1000


def test_empty_news_sitemap_is_valid_xml(client, home):
    make_article(published_at=timezone.now() - timedelta(days=5))

    assert news_entries(client) == []
