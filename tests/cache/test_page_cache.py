"""The full-page cache: what it serves, to whom, under which key, with which headers."""

import email.utils
import time

import pytest

from gazette.cache.store import get_store
from tests.cache.helpers import read_twice, wsgi_request
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home):
    section = make_section(home=home, title="World", slug="world")
    return make_article(
        section=section,
        title="Rivers rise in the north",
        slug="rivers-rise",
        authors=(make_author(name="Sara Ahmadi", slug="sara-ahmadi"),),
        tags=("floods",),
    )


def test_second_anonymous_read_is_a_hit_with_the_same_body(article):
    first, second = read_twice(article.url)
    assert (first.status, first.cache) == (200, "miss")
    assert (second.status, second.cache) == (200, "hit")
    assert second.body == first.body
    assert "Rivers rise in the north" in second.text
    assert int(second.headers["age"]) >= 0
    assert second.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "path",
    ["/", "/world/", "/tags/floods/", "/authors/sara-ahmadi/", "/feeds/rss/", "/feeds/atom/",
     "/feeds/json/", "/feeds/section/world/rss/", "/sitemap.xml", "/corrections/"],
)
def test_listings_feeds_and_sitemaps_are_cached(article, path):
    first, second = read_twice(path)
    assert first.status == 200, first.text[:300]
    assert (first.cache, second.cache) == ("miss", "hit")
    assert second.body == first.body


def test_archive_is_cached(article):
    year = article.published_at.year
    first, second = read_twice(f"/archive/{year}/")
    assert (first.cache, second.cache) == ("miss", "hit")


def test_cached_page_holds_no_per_reader_secret(article):
    _, second = read_twice(article.url)
    assert second.cache == "hit"
    assert "csrfmiddlewaretoken" not in second.text
    assert "challenge_token" not in second.text or 'value=""' in second.text
    assert "set-cookie" not in second.headers


def test_session_cookie_bypasses_the_cache_and_is_private(article, django_user_model, client):
    wsgi_request(article.url)  # warm the cache for anonymous readers
    staff = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-12345678")
    client.force_login(staff)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    answer = wsgi_request(article.url, headers={"Cookie": cookie})
    assert answer.cache == "bypass"
    assert "private" in answer.headers["cache-control"]
    assert "surrogate-key" not in answer.headers


def test_other_cookies_do_not_bypass(article):
    wsgi_request(article.url)
    answer = wsgi_request(article.url, headers={"Cookie": "csrftoken=abc; theme=dark"})
    assert answer.cache == "hit"


@pytest.mark.parametrize("path", ["/admin/login/", "/api/v1/articles", "/search/?q=rivers"])
def test_admin_api_and_search_are_never_stored(article, path):
    first, second = read_twice(path)
    assert second.cache in {"bypass", "miss"}
    assert first.cache in {"bypass", "miss"}


def test_post_is_never_served_from_the_cache(article):
    wsgi_request(article.url)
    answer = wsgi_request(article.url, method="POST")
    assert answer.cache == "bypass"


def test_tracking_parameters_share_the_key_and_real_ones_do_not(article):
    wsgi_request("/world/")
    assert wsgi_request("/world/?utm_source=mail&fbclid=x").cache == "hit"
    assert wsgi_request("/world/?page=2").cache == "miss"
    assert wsgi_request("/world/?page=2").cache == "hit"


def test_host_is_part_of_the_key(article, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    wsgi_request(article.url)
    assert wsgi_request(article.url, headers={"Host": "localhost"}).cache == "miss"


def test_head_is_answered_from_the_cache_without_a_body(article):
    wsgi_request(article.url)
    answer = wsgi_request(article.url, method="HEAD")
    assert answer.cache == "hit"
    assert answer.body == b""


def test_not_found_is_not_stored(home):
    first, second = read_twice("/no-such-page/")
    assert first.status == second.status == 404
    assert second.cache == "miss"


def test_switched_off_nothing_is_stored_but_http_headers_stay(article, settings):
    settings.GAZETTE_PAGE_CACHE = False
    first, second = read_twice(article.url)
    assert (first.cache, second.cache) == ("bypass", "bypass")
    assert "public" in second.headers["cache-control"]
    settings.GAZETTE_PAGE_CACHE = True
    assert wsgi_request(article.url).cache == "miss", "nothing was stored while it was off"


# --- HTTP caching headers ---


def test_public_page_headers(article, settings):
    settings.GAZETTE_HTTP_S_MAXAGE = 300
    settings.GAZETTE_HTTP_MAX_AGE = 60
    settings.GAZETTE_HTTP_STALE_WHILE_REVALIDATE = 45
    answer = wsgi_request(article.url)
    directives = {part.strip() for part in answer.headers["cache-control"].split(",")}
    assert {"public", "max-age=60", "s-maxage=300", "stale-while-revalidate=45"} <= directives
    keys = answer.headers["surrogate-key"].split()
    assert {f"article-{article.pk}", f"comments-{article.pk}", "chrome", "all"} <= set(keys)
    assert f"section-{article.get_parent().pk}" in keys
    assert "tag-floods" in keys
    assert answer.headers["cache-tag"].split(",") == keys
    assert answer.headers["etag"].startswith('"') and len(answer.headers["etag"]) == 34
    assert email.utils.parsedate_to_datetime(answer.headers["last-modified"])


@pytest.mark.parametrize("warm", [False, True], ids=["through-django", "from-the-cache"])
def test_if_none_match_gets_304(article, warm):
    etag = wsgi_request(article.url).headers["etag"]
    if not warm:
        get_store().clear()
    answer = wsgi_request(article.url, headers={"If-None-Match": etag})
    assert answer.status == 304
    assert answer.body == b""
    assert answer.headers["etag"] == etag
    other = wsgi_request(article.url, headers={"If-None-Match": '"something-else"'})
    assert other.status == 200


def test_if_modified_since_gets_304_from_the_cache(article):
    first = wsgi_request(article.url)
    later = email.utils.formatdate(time.time() + 5, usegmt=True)
    answer = wsgi_request(article.url, headers={"If-Modified-Since": later})
    assert answer.status == 304
    earlier = email.utils.formatdate(time.time() - 3600, usegmt=True)
    assert wsgi_request(article.url, headers={"If-Modified-Since": earlier}).status == 200
    assert first.headers["last-modified"]


def test_breaking_news_bounds_how_long_pages_are_kept(home, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.GAZETTE_PAGE_CACHE_SECONDS = 600
    make_article(title="Quake strikes", breaking_until=timezone.now() + timedelta(seconds=90))
    answer = wsgi_request("/")
    assert "Quake strikes" in answer.text
    directives = dict(
        part.strip().partition("=")[::2] for part in answer.headers["cache-control"].split(",")
    )
    assert 0 < int(directives["s-maxage"]) <= 90


def test_closing_comments_bound_how_long_the_article_is_kept(home, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.GAZETTE_PAGE_CACHE_SECONDS = 3600
    section = make_section(home=home, close_comments_after_days=1)
    article = make_article(
        section=section, published_at=timezone.now() - timedelta(days=1) + timedelta(seconds=120)
    )
    directives = dict(
        part.strip().partition("=")[::2]
        for part in wsgi_request(article.url).headers["cache-control"].split(",")
    )
    assert 0 < int(directives["s-maxage"]) <= 120


@pytest.mark.django_db(transaction=True)
def test_readers_arriving_together_wait_for_one_render(home, monkeypatch):
    import threading

    from django.db import connection

    from gazette.articles.models import ArticlePage

    article = make_article(title="Everyone wants this one")
    renders = []
    original = ArticlePage.get_context

    def slow_context(self, request, *args, **kwargs):
        renders.append(threading.get_ident())
        time.sleep(0.5)  # widens the window in which the other readers arrive
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "get_context", slow_context)
    start = threading.Barrier(6)
    answers = []

    def read():
        start.wait()
        try:
            answers.append(wsgi_request(article.url))
        finally:
            connection.close()

    readers = [threading.Thread(target=read) for _ in range(6)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert len(renders) == 1, "one render served all six readers"
    assert sorted(answer.cache for answer in answers) == ["hit"] * 5 + ["miss"]
    assert len({answer.body for answer in answers}) == 1
