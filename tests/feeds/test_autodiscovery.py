"""``<link rel="alternate">`` tags in every page's head, pointing at feeds that work."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from tests.factories import make_article, make_author, make_section
from tests.feeds.helpers import path_of

pytestmark = pytest.mark.django_db

SITE_FEEDS = {
    ("application/rss+xml", "/feeds/rss/"),
    ("application/atom+xml", "/feeds/atom/"),
    ("application/feed+json", "/feeds/json/"),
}


def feed_links(client, url: str) -> set[tuple[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    head = BeautifulSoup(response.content, "html.parser").head
    return {
        (link["type"], path_of(link["href"]))
        for link in head.find_all("link", rel="alternate")
        if link.get("type")
        in {"application/rss+xml", "application/atom+xml", "application/feed+json"}
    }


def assert_all_work(client, links):
    for _type, path in links:
        assert client.get(path).status_code == 200, path


def test_home_page_advertises_the_site_feeds(client, home):
    make_article()

    links = feed_links(client, "/")

    assert links == SITE_FEEDS
    assert_all_work(client, links)


def test_section_page_adds_the_section_feeds(client):
    section = make_section(slug="world")
    make_article(section=section)

    links = feed_links(client, section.url)

    assert links == SITE_FEEDS | {
        ("application/rss+xml", "/feeds/section/world/rss/"),
        ("application/atom+xml", "/feeds/section/world/atom/"),
    }
    assert_all_work(client, links)


def test_tag_page_adds_the_tag_feeds(client):
    make_article(tags=("Climate",))

    links = feed_links(client, "/tags/climate/")

    assert links == SITE_FEEDS | {
        ("application/rss+xml", "/feeds/tag/climate/rss/"),
        ("application/atom+xml", "/feeds/tag/climate/atom/"),
    }
    assert_all_work(client, links)


def test_author_page_adds_the_author_feeds(client):
    author = make_author(slug="sara")
    make_article(authors=(author,))

    links = feed_links(client, "/authors/sara/")

    assert links == SITE_FEEDS | {
        ("application/rss+xml", "/feeds/author/sara/rss/"),
        ("application/atom+xml", "/feeds/author/sara/atom/"),
    }
    assert_all_work(client, links)


def test_article_page_adds_its_comments_feed(client):
    article = make_article()

    links = feed_links(client, article.url)

    assert links == SITE_FEEDS | {
        ("application/atom+xml", f"/feeds/article/{article.pk}/comments/")
    }
    assert_all_work(client, links)


def test_titles_are_escaped_in_the_head(client):
    section = make_section(title='World "&" <b>More</b>', slug="world")
    article = make_article(section=section, title='Say "hi" <script>')

    html = client.get(article.url).content.decode()

    alternates = [line for line in html.splitlines() if 'rel="alternate"' in line]
    assert not any("<script>" in line or "<b>" in line for line in alternates)
    assert 'title="Comments on “Say &quot;hi&quot; &lt;script&gt;”"' in html


def test_links_are_valid_html_without_self_closing_slashes(client, home):
    html = client.get("/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml" title="Gazette (RSS)" href=' in html
    assert "/>" not in "".join(line for line in html.splitlines() if 'rel="alternate"' in line)


def test_page_without_page_tag_or_author_gets_only_the_site_feeds(client, home):
    make_article()

    assert feed_links(client, "/corrections/") == SITE_FEEDS


@pytest.mark.parametrize(
    "context",
    [
        {},
        {"page": None},
        {"page": "a string"},
        {"page": 3, "tag": "not a tag", "author": object()},
    ],
)
def test_template_never_raises_on_odd_context(home, context):
    html = Template('{% include "feeds/autodiscovery.html" %}').render(Context(context))

    assert html.count('rel="alternate"') == 3


def test_generic_page_object_of_a_section_still_gets_section_feeds(home):
    from wagtail.models import Page

    section = make_section(slug="world")
    generic = Page.objects.get(pk=section.pk)

    html = Template('{% include "feeds/autodiscovery.html" %}').render(Context({"page": generic}))

    assert "/feeds/section/world/rss/" in html


def test_links_cost_no_database_queries(django_assert_num_queries):
    section = make_section(slug="world")
    article = make_article(section=section, tags=("Climate",))
    author = make_author(slug="sara")
    tag = article.tags.get()
    template = Template('{% include "feeds/autodiscovery.html" %}')

    with django_assert_num_queries(0):
        for context in ({"page": section}, {"page": article}, {"tag": tag}, {"author": author}):
            template.render(Context(context))
