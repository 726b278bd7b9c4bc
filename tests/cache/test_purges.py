"""Every change purges what shows it: change, then the next anonymous request shows the change.

Each test warms the cache, checks that the second read is a hit (so a stale page *would* be
served), makes the change the way editors, moderators or the scheduler make it, and reads
again. Commit callbacks run for real: purges wait for the transaction like in production.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from gazette.cache.store import get_store
from gazette.comments.services import comment_approve, comment_edit, comment_remove
from tests.cache.helpers import wsgi_request
from tests.comments.helpers import submit
from tests.factories import make_article, make_author, make_section, republish, unpublish

pytestmark = pytest.mark.django_db


def warm(*paths: str) -> None:
    for path in paths:
        first = wsgi_request(path)
        assert first.status == 200, (path, first.status)
        assert wsgi_request(path).cache == "hit", path


@pytest.fixture
def newsroom(home):
    section = make_section(home=home, title="World", slug="world")
    author = make_author(name="Sara Ahmadi", slug="sara-ahmadi")
    article = make_article(
        section=section, title="Rivers rise", slug="rivers-rise", authors=(author,),
        tags=("floods", "weather"),
    )
    return section, author, article


def listing_paths(article):
    year = article.published_at.year
    return [
        article.url, "/", "/world/", "/tags/floods/", "/authors/sara-ahmadi/",
        f"/archive/{year}/", "/feeds/rss/", "/feeds/atom/", "/feeds/json/",
        "/feeds/section/world/atom/", "/feeds/tag/floods/rss/", "/feeds/author/sara-ahmadi/rss/",
        "/sitemap-news.xml",
    ]


def test_editing_an_article_purges_its_page_listings_feeds_and_sitemaps(
    newsroom, django_capture_on_commit_callbacks
):
    _, _, article = newsroom
    paths = listing_paths(article)
    warm(*paths)
    with django_capture_on_commit_callbacks(execute=True):
        republish(article, title="Rivers burst their banks")
    for path in paths:
        answer = wsgi_request(path)
        assert answer.cache == "miss", path
        assert "Rivers burst their banks" in answer.text, path
        assert "Rivers rise<" not in answer.text, path


def test_publishing_a_new_article_shows_on_every_listing(
    newsroom, django_capture_on_commit_callbacks
):
    section, author, article = newsroom
    paths = listing_paths(article)[1:]
    warm(*paths)
    with django_capture_on_commit_callbacks(execute=True):
        make_article(section=section, title="Dams hold", authors=(author,), tags=("floods",))
    for path in paths:
        assert "Dams hold" in wsgi_request(path).text, path


def test_unpublishing_removes_the_article_everywhere(newsroom, django_capture_on_commit_callbacks):
    _, _, article = newsroom
    url = article.url
    paths = listing_paths(article)[1:]
    warm(url, *paths)
    with django_capture_on_commit_callbacks(execute=True):
        unpublish(article)
    assert wsgi_request(url).status == 404
    for path in paths:
        assert "Rivers rise" not in wsgi_request(path).text, path


def test_a_removed_tag_no_longer_lists_the_article(newsroom, django_capture_on_commit_callbacks):
    _, _, article = newsroom
    warm("/tags/weather/")
    assert "Rivers rise" in wsgi_request("/tags/weather/").text
    draft = type(article).objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.tags.set(["floods"])
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert "Rivers rise" not in wsgi_request("/tags/weather/").text


def test_a_related_article_appears_on_pages_sharing_its_tag(
    newsroom, django_capture_on_commit_callbacks
):
    _, _, article = newsroom
    other_section = make_section(title="Science", slug="science")
    warm(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_article(section=other_section, title="Why floods grow", tags=("floods",))
    assert "Why floods grow" in wsgi_request(article.url).text


@pytest.mark.parametrize("action", ["approve", "remove", "edit"])
def test_comment_moderation_purges_the_article_and_its_comment_feed(
    newsroom, action, django_capture_on_commit_callbacks
):
    _, _, article = newsroom
    with django_capture_on_commit_callbacks(execute=True):
        comment = submit(article, "The bridge held all night.").comment
        if action != "approve":
            comment_approve(comment=comment)
    feed = f"/feeds/article/{article.pk}/comments/"
    warm(article.url, feed, "/")
    with django_capture_on_commit_callbacks(execute=True):
        if action == "approve":
            comment_approve(comment=comment)
        elif action == "remove":
            comment_remove(comment=comment, reason="off topic")
        else:
            comment_edit(comment=comment, body="The bridge held until dawn.", reason="typo")
    page, comments_feed = wsgi_request(article.url), wsgi_request(feed)
    assert page.cache == comments_feed.cache == "miss"
    if action == "approve":
        assert "The bridge held all night." in page.text
        assert "The bridge held all night." in comments_feed.text
        assert "1 comment" in wsgi_request("/").text  # the most-commented box counts it
    elif action == "remove":
        assert "The bridge held all night." not in page.text
        assert "The bridge held all night." not in comments_feed.text
    else:
        assert "The bridge held until dawn." in page.text
        assert "The bridge held until dawn." in comments_feed.text


def test_a_comment_purges_only_its_own_article(newsroom, django_capture_on_commit_callbacks):
    section, _, article = newsroom
    other = make_article(section=section, title="Unrelated")
    warm(article.url, other.url)
    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=submit(article, "First!").comment)
    assert wsgi_request(other.url).cache == "hit"
    assert wsgi_request(article.url).cache == "miss"


def test_renaming_an_author_purges_their_page_and_bylines(
    newsroom, django_capture_on_commit_callbacks
):
    _, author, article = newsroom
    warm("/authors/sara-ahmadi/", article.url)
    author.name = "Sara Ahmadi-Rad"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    assert "Sara Ahmadi-Rad" in wsgi_request("/authors/sara-ahmadi/").text
    assert "Sara Ahmadi-Rad" in wsgi_request(article.url).text


def test_renaming_a_section_purges_the_navigation_everywhere(
    newsroom, django_capture_on_commit_callbacks
):
    section, _, article = newsroom
    warm(article.url, "/", "/tags/floods/")
    with django_capture_on_commit_callbacks(execute=True):
        section.title = "Around the World"
        section.save_revision().publish()
    for path in (article.url, "/", "/tags/floods/"):
        assert "Around the World" in wsgi_request(path).text, path


def test_breaking_news_reaches_every_cached_page(newsroom, django_capture_on_commit_callbacks):
    section, _, article = newsroom
    warm(article.url, "/tags/floods/")
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            section=section,
            title="Quake strikes the capital",
            breaking_until=timezone.now() + timedelta(hours=1),
        )
    for path in (article.url, "/tags/floods/"):
        assert "Quake strikes the capital" in wsgi_request(path).text, path


def test_scheduled_publication_purges_when_the_job_publishes(
    home, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    from gazette.scheduler.jobs import publish_scheduled

    section = make_section(home=home, title="World", slug="world")
    article = make_article(section=section, title="Embargoed report", publish=False)
    revision = article.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(seconds=5)
    revision.save()
    warm("/world/")
    with django_capture_on_commit_callbacks(execute=True):
        publish_scheduled(now=timezone.now())
    assert Page.objects.get(pk=article.pk).live
    assert "Embargoed report" in wsgi_request("/world/").text


def test_purge_command(newsroom):
    _, _, article = newsroom
    warm(article.url, "/")
    call_command("purge_cache", f"article-{article.pk}")
    assert wsgi_request(article.url).cache == "miss"
    call_command("purge_cache", "--all")
    assert wsgi_request("/").cache == "miss"


class Recorder:
    calls: list = []

    def purge(self, tags):
        Recorder.calls.append(tags)


def test_purgers_hear_the_same_tags(newsroom, settings, django_capture_on_commit_callbacks):
    _, _, article = newsroom
    settings.GAZETTE_CACHE_PURGERS = ["tests.cache.test_purges.Recorder"]
    Recorder.calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        republish(article, title="Rivers burst")
    assert Recorder.calls, "the purger was called"
    tags = set(Recorder.calls[-1])
    assert {f"article-{article.pk}", "home", "feeds", "sitemaps", "tag-floods"} <= tags


def test_a_purge_during_rendering_wins(newsroom):
    """The page rendered before a purge must not be served after it, however late it is
    stored: the store compares the clock read before rendering with the tags' stamps."""
    _, _, article = newsroom
    store = get_store()
    from gazette.cache.store import Entry

    clock = store.clock()
    store.purge([f"article-{article.pk}"])  # lands while the stale page is "rendering"
    now = timezone.now().timestamp()
    stale = Entry("200 OK", (), b"stale", ("all", f"article-{article.pk}"), clock, now, now + 60,
                  '"x"', None)
    store.set("key", stale)
    assert store.get("key") is None
    fresh = Entry("200 OK", (), b"fresh", ("all", f"article-{article.pk}"), store.clock(), now,
                  now + 60, '"y"', None)
    store.set("key", fresh)
    assert store.get("key").body == b"fresh"


def test_a_held_comment_purges_nothing(newsroom, django_capture_on_commit_callbacks):
    """A comment waiting for moderation changes no page a reader sees; a busy article stays
    cached while readers post to it."""
    _, _, article = newsroom
    warm(article.url, "/")
    with django_capture_on_commit_callbacks(execute=True):
        result = submit(article, "Held for a moderator.")
    assert result.comment.status == "pending"
    assert wsgi_request(article.url).cache == "hit"
    assert wsgi_request("/").cache == "hit"
