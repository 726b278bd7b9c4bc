"""Routing pages: sections and articles found by URL in one query, the same answers as
Wagtail's own walk down the tree, and the site, navigation, banner and restriction check
kept between requests until a change purges them."""

import pytest
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from gazette.articles import routing
from tests.factories import ensure_home, make_article, make_section, now, republish, unpublish


def wagtail_route(path: str):
    """The page Wagtail's own routing finds for ``path``, or None for a 404."""
    found = Page.route_for_request(RequestFactory().get(path), path)
    return found[0].specific if found else None


@pytest.mark.django_db
def test_the_direct_route_finds_what_wagtail_finds(home):
    world = make_section(title="World", slug="world")
    science = make_section(title="Science", slug="science")
    story = make_article(section=world, slug="rivers-rise")
    make_article(section=science, slug="rivers-rise")  # the same slug elsewhere
    draft = make_article(section=world, slug="draft", publish=False)
    gone = unpublish(make_article(section=world, slug="gone"))
    root = routing.site_root(RequestFactory().get("/"))

    assert routing.direct_route(root, "world/") == wagtail_route("/world/") == world
    assert routing.direct_route(root, "world/rivers-rise/") == story
    assert wagtail_route("/world/rivers-rise/") == story
    for path in ("world/draft/", "world/gone/", "world/nothing/", "science/nope/", "elsewhere/"):
        assert routing.direct_route(root, path) is None, path
    assert wagtail_route(draft.url_path.removeprefix(home.url_path[:-1])) is None
    assert gone.live is False
    # Deeper paths are not sections or articles: Wagtail's own route answers them.
    assert routing.direct_route(root, "world/rivers-rise/more/") is None


@pytest.mark.django_db
def test_pages_answer_as_before(client, home):
    world = make_section(title="World", slug="world")
    story = make_article(section=world, slug="rivers-rise", title="Rivers rise")
    make_article(section=world, slug="draft", publish=False)

    assert client.get("/").status_code == 200
    assert client.get("/world/").status_code == 200
    assert "Rivers rise" in client.get(story.url).content.decode()
    assert client.get("/world/draft/").status_code == 404
    assert client.get("/world/nothing/").status_code == 404
    assert client.get("/nowhere/").status_code == 404
    assert client.get("/world/rivers-rise").status_code == 301, "the slash is appended"


@pytest.mark.django_db
def test_an_article_costs_one_routing_query(client, home):
    story = make_article(section=make_section(slug="world"), slug="rivers-rise")
    root = routing.site_root(RequestFactory().get("/"))
    with CaptureQueriesContext(connection) as captured:
        assert routing.direct_route(root, "world/rivers-rise/") == story
    assert len(captured) == 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN")
def test_the_route_reads_the_pages_sharing_the_slug_not_a_whole_level(home):
    make_article(section=make_section(slug="world"), slug="rivers-rise")
    root = routing.site_root(RequestFactory().get("/"))
    with CaptureQueriesContext(connection) as captured:
        routing.direct_route(root, "world/rivers-rise/")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + captured[0]["sql"])
        steps = [row[3] for row in cursor.fetchall()]
    page_step = next(step for step in steps if "wagtailcore_page" in step)
    assert "slug" in page_step, steps


@pytest.mark.django_db
def test_a_private_section_still_asks_for_its_password(client, home):
    private = make_section(slug="members")
    story = make_article(section=private, slug="inside")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    answer = client.get(story.url)
    assert answer.status_code == 200
    assert 'name="password"' in answer.content.decode()
    assert "no-cache" in answer["Cache-Control"]


# Memos are kept only outside transactions: these tests commit, as requests do.


@pytest.fixture
def committed_home(transactional_db):
    return ensure_home()


def test_a_view_restriction_added_later_applies_at_once(client, committed_home):
    members = make_section(slug="members")
    story = make_article(section=members, slug="inside", title="Members only")
    assert "Members only" in client.get(story.url).content.decode()
    assert routing.has_view_restrictions() is False
    assert routing.has_view_restrictions() is False  # now kept: no query decides it

    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    answer = client.get(story.url).content.decode()
    assert "Members only" not in answer.split("<form")[0]
    assert 'name="password"' in answer
    PageViewRestriction.objects.all().delete()
    assert "Members only" in client.get(story.url).content.decode()


def test_the_navigation_and_banner_follow_publishing(client, committed_home):
    make_section(title="World", slug="world")
    assert ">World</a>" in client.get("/").content.decode()
    science = make_section(title="Science", slug="science")

    page = client.get("/").content.decode()
    assert ">Science</a>" in page, "publishing a section purges the kept navigation"

    story = make_article(section=science, title="Comet seen", breaking_until=None)
    assert 'class="breaking' not in client.get("/").content.decode()
    republish(story, breaking_until=now().replace(year=now().year + 1))
    assert "Comet seen" in client.get("/world/").content.decode().split("<main")[0]
    republish(story, breaking_until=None)
    assert 'class="breaking' not in client.get("/world/").content.decode()

    unpublish(science)
    with CaptureQueriesContext(connection) as first:
        assert ">Science</a>" not in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    assert len(second) < len(first), "kept again once read"


def test_between_requests_an_article_page_reads_only_its_own_data(client, committed_home):
    story = make_article(section=make_section(slug="world"))
    client.get(story.url)
    with CaptureQueriesContext(connection) as kept:
        assert client.get(story.url).status_code == 200
    with transaction.atomic(), CaptureQueriesContext(connection) as fresh:
        assert client.get(story.url).status_code == 200
    # Inside a transaction the memos are not read: the site, the restriction check, the
    # navigation, the banner and the related box cost a query each again.
    assert len(fresh) - len(kept) == 5, [query["sql"][:70] for query in kept]
