"""Routing pages: sections and articles found by URL in one query, the same answers as
Wagtail's own walk down the tree, and the site, navigation, banner and restriction check
kept between requests until a change purges them."""

import pytest
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from gazette.articles import routing
from tests.factories import (
    ensure_home,
    make_article,
    make_author,
    make_section,
    now,
    republish,
    unpublish,
)


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


def test_between_requests_an_article_page_reads_only_its_comments(client, committed_home):
    story = make_article(section=make_section(slug="world"), lead_image=committed_image())
    client.get(story.url)
    with CaptureQueriesContext(connection) as kept:
        assert client.get(story.url).status_code == 200
    with transaction.atomic(), CaptureQueriesContext(connection) as fresh:
        assert client.get(story.url).status_code == 200
    # The site, the restriction check, the navigation, the banner, the article with its
    # section, bylines, tags and corrections, and the related box are kept between
    # requests; inside a transaction nothing kept is read.
    assert len(kept) == 1, [query["sql"][:70] for query in kept]
    assert 'FROM "comments_comment" c' in kept[0]["sql"]  # the page of comments
    assert len(fresh) == 11, [query["sql"][:70] for query in fresh]


# --- what a process keeps of a routed article, and what drops it ---


def committed_image():
    from wagtail.models import Collection

    from tests.factories import make_image

    if not Collection.objects.exists():  # flushed by an earlier transactional test
        Collection.add_root(name="Root")
    return make_image()


def page_of(client, url) -> str:
    answer = client.get(url)
    return answer.content.decode() if answer.status_code == 200 else str(answer.status_code)


@pytest.fixture
def story(committed_home):
    world = make_section(title="World", slug="world")
    author = make_author(name="Sara Ahmadi", slug="sara-ahmadi")
    return make_article(
        section=world,
        slug="rivers-rise",
        title="Rivers rise",
        authors=(author,),
        tags=("floods",),
        paragraphs=("Water everywhere.",),
        lead_image=committed_image(),
    )


def test_a_kept_article_is_built_afresh_for_each_request(story):
    root = routing.site_root(RequestFactory().get("/"))
    first = routing.routed_page(root, "world/rivers-rise/")
    with CaptureQueriesContext(connection) as captured:
        second = routing.routed_page(root, "world/rivers-rise/")
    assert len(captured) == 0
    assert first == second and first is not second
    assert first.section is not second.section
    assert first.ordered_bylines[0] is not second.ordered_bylines[0]
    assert [tag.name for tag in second.tags.all()] == ["floods"]
    assert second.lead_image.pk == story.lead_image_id
    assert second.body[0].value.source == "<p>Water everywhere.</p>"


def test_an_edited_article_shows_at_once(client, story):
    assert "Water everywhere." in page_of(client, story.url)

    from wagtail.rich_text import RichText

    republish(story, title="Rivers burst", body=[("paragraph", RichText("<p>Towns flooded.</p>"))])

    page = page_of(client, story.url)
    assert "Rivers burst" in page and "Towns flooded." in page
    assert "Water everywhere." not in page


def test_a_new_slug_moves_the_article(client, story):
    page_of(client, story.url)

    moved = republish(story, slug="rivers-burst")

    old = client.get("/world/rivers-rise/")
    assert (old.status_code, old["Location"]) == (301, moved.url), "Wagtail's redirect"
    assert "Rivers rise" in page_of(client, moved.url)


def test_an_unpublished_article_is_gone_at_once(client, story):
    page_of(client, story.url)
    unpublish(story)
    assert page_of(client, story.url) == "404"


def test_an_article_published_where_nothing_was_is_found(client, committed_home):
    world = make_section(slug="world")
    assert page_of(client, "/world/late-news/") == "404"
    make_article(section=world, slug="late-news", title="Late news")
    assert "Late news" in page_of(client, "/world/late-news/")


def test_the_section_author_tags_corrections_and_image_of_a_kept_article_follow_changes(
    client, story
):
    from taggit.models import Tag

    from gazette.articles.models import ArticleCorrection

    page_of(client, story.url)

    section = story.get_parent().specific
    section.title = "Around the World"
    section.save_revision().publish()
    assert ">Around the World</a></p>" in page_of(client, story.url)

    author = story.ordered_bylines[0]
    author.name = "Sara Ahmadi-Rad"
    author.save()
    assert ">Sara Ahmadi-Rad</a></p>" in page_of(client, story.url)

    tag = Tag.objects.get(slug="floods")
    tag.name = "Floods and droughts"
    tag.save()
    assert 'rel="tag" href="/tags/floods/">Floods and droughts</a>' in page_of(client, story.url)

    draft = type(story).objects.get(pk=story.pk).get_latest_revision_as_object()
    draft.corrections.add(ArticleCorrection(kind="correction", text="It was the Karun."))
    draft.tags.add("rescue")
    draft.save_revision().publish()
    page = page_of(client, story.url)
    assert "It was the Karun." in page and 'href="/tags/rescue/"' in page

    image = committed_image()
    republish(story, lead_image=image)
    page = page_of(client, story.url)
    stem = image.file.name.rsplit("/", 1)[-1].split(".")[0]
    assert f"/images/{stem}.2" in page.split('class="article__lead-image"')[1].split("</figure>")[0]


def test_a_comment_approval_keeps_the_article_and_shows_the_comment(client, story):
    from gazette.comments.services import comment_approve
    from tests.comments.helpers import submit

    comment = submit(story, "The bridge held.").comment
    page_of(client, story.url)

    comment_approve(comment=comment)

    with CaptureQueriesContext(connection) as captured:
        assert "The bridge held." in page_of(client, story.url)
    assert len(captured) == 1, [query["sql"][:70] for query in captured]
