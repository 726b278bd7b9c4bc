"""A section's listing and count come from each article's stored section and copy of
``live`` (``ArticlePage.section_page``, ``listed``): whatever moves, copies, publishes,
unpublishes or restricts an article, the section page lists what Wagtail's own
``child_of(section).live().public()`` would, in publication order, and counts the same."""

from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, PageViewRestriction, Revision

from gazette.articles.models import ArticlePage, SectionPage
from gazette.articles.selectors import section_articles
from gazette.core.pagination import paginate
from tests.factories import aware, make_article, make_section, republish, unpublish

pytestmark = pytest.mark.django_db


def wagtail_listing(section) -> list[int]:
    """What Wagtail itself finds: the section's live, public article children."""
    pages = ArticlePage.objects.child_of(section).live().public()
    return list(pages.order_by("-published_at", "-pk").values_list("pk", flat=True))


def listing(section) -> list[int]:
    return [article.pk for article in section_articles(section)]


def assert_listed_as_wagtail_would(*sections):
    for section in sections:
        expected = wagtail_listing(section)
        assert listing(section) == expected
        assert section_articles(section).count() == len(expected)


def stale_rows() -> list[tuple]:
    """Articles whose stored section or ``listed`` differs from the tree and ``live``."""
    stale = []
    for article in ArticlePage.objects.all():
        parent = article.get_parent()
        section_id = parent.pk if SectionPage.objects.filter(pk=parent.pk).exists() else None
        if (article.section_page_id, article.listed) != (section_id, article.live):
            stale.append((article.pk, article.section_page_id, article.listed))
    return stale


@pytest.fixture
def world(home):
    return make_section(slug="world")


@pytest.fixture
def sport(home):
    return make_section(slug="sport")


def test_a_draft_is_stored_in_its_section_and_listed_once_published(world):
    draft = make_article(section=world, publish=False)
    assert (draft.section_page_id, draft.listed) == (world.pk, False)
    assert listing(world) == []

    draft.get_latest_revision().publish()

    assert ArticlePage.objects.get(pk=draft.pk).listed is True
    assert listing(world) == [draft.pk]
    assert stale_rows() == []


def test_an_article_moved_to_another_section_leaves_one_listing_for_the_other(world, sport):
    story = make_article(section=world)
    make_article(section=world)

    Page.objects.get(pk=story.pk).move(sport, pos="last-child")

    assert ArticlePage.objects.get(pk=story.pk).section_page_id == sport.pk
    assert story.pk not in listing(world) and listing(sport) == [story.pk]
    assert ArticlePage.objects.get(pk=story.pk).section == sport
    assert_listed_as_wagtail_would(world, sport)
    assert stale_rows() == []


def test_publishing_a_revision_saved_before_a_move_keeps_the_new_section(world, sport):
    story = make_article(section=world)
    revision = ArticlePage.objects.get(pk=story.pk).save_revision()
    Page.objects.get(pk=story.pk).move(sport, pos="last-child")

    Revision.objects.get(pk=revision.pk).publish()

    assert ArticlePage.objects.get(pk=story.pk).section_page_id == sport.pk
    assert ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object().section == sport
    assert_listed_as_wagtail_would(world, sport)


def test_a_copy_in_another_section_is_listed_there(world, sport):
    story = make_article(section=world)

    copy = story.copy(to=sport, update_attrs={"slug": "copied"}, keep_live=True)

    assert ArticlePage.objects.get(pk=copy.pk).section_page_id == sport.pk
    assert listing(sport) == [copy.pk] and listing(world) == [story.pk]
    assert stale_rows() == []


@pytest.mark.parametrize(
    "take_down",
    [
        pytest.param(unpublish, id="the editor's unpublish"),
        pytest.param(lambda page: Page.objects.filter(pk=page.pk).unpublish(), id="as plain Page"),
        pytest.param(
            lambda page: UnpublishPageAction(
                Page.objects.get(pk=page.pk), set_expired=True
            ).execute(skip_permission_checks=True),
            id="expiry",
        ),
    ],
)
def test_an_unpublished_article_leaves_the_listing_and_the_count(world, take_down):
    gone, kept = make_article(section=world), make_article(section=world)

    take_down(gone)

    assert ArticlePage.objects.get(pk=gone.pk).listed is False
    assert listing(world) == [kept.pk]
    assert section_articles(world).count() == 1
    assert stale_rows() == []


def test_a_section_unpublished_with_its_articles_lists_none_of_them(world):
    make_article(section=world)
    make_article(section=world)

    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")

    UnpublishPageAction(world, user=editor, include_descendants=True).execute()

    assert not ArticlePage.objects.filter(section_page=world, listed=True).exists()
    assert stale_rows() == []


def test_a_republished_article_comes_back(world):
    story = make_article(section=world)
    unpublish(story)

    republish(story, title="Back again")

    assert listing(world) == [story.pk]
    assert stale_rows() == []


def test_a_private_section_lists_nothing_as_wagtail_public_does(world, sport):
    make_article(section=world)
    make_article(section=sport)
    PageViewRestriction.objects.create(
        page=world, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert listing(world) == [] and section_articles(world).count() == 0
    assert_listed_as_wagtail_would(world, sport)
    assert len(listing(sport)) == 1


def test_a_private_article_is_left_out_of_its_section_listing_and_count(world):
    private, public = make_article(section=world), make_article(section=world)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert listing(world) == [public.pk]
    assert section_articles(world).count() == 1
    assert_listed_as_wagtail_would(world)


def test_every_page_of_a_long_listing_holds_what_wagtail_would(world, sport):
    for day in range(1, 8):
        make_article(section=world, published_at=aware(2024, 5, day, 9, 0))
        make_article(section=sport, published_at=aware(2024, 5, day, 10, 0))
    unpublish(ArticlePage.objects.filter(section_page=world).order_by("pk")[2])
    expected = wagtail_listing(world)
    assert len(expected) == 6

    shown = []
    for number in (1, 2, 3):
        page = paginate(RequestFactory().get(f"/?page={number}"), section_articles(world), 2)
        assert page.paginator.count == 6
        shown += [article.pk for article in page]

    assert shown == expected


def test_a_later_page_reads_its_rows_by_id(world):
    for day in range(1, 6):
        make_article(section=world, published_at=aware(2024, 5, day))

    with CaptureQueriesContext(connection) as queries:
        page = paginate(RequestFactory().get("/?page=2"), section_articles(world), 2)
        titles = [article.title for article in page]

    assert len(titles) == 2
    # the count, the page's ids, its rows by id, their renditions; and the restriction
    # check, which between requests is a memo
    assert len(queries) <= 5


def test_the_section_of_a_stored_article_is_read_by_its_id(world):
    story = ArticlePage.objects.get(pk=make_article(section=world).pk)

    with CaptureQueriesContext(connection) as queries:
        assert story.section == world

    assert len(queries) == 1
    assert f'"page_ptr_id" = {world.pk}' in queries[0]["sql"].replace("IN (", "= ")


def test_an_unsaved_article_finds_its_section_in_the_tree(world):
    # A preview of an article not yet created: placed under the section, never saved.
    preview = ArticlePage(title="Preview", slug="preview")
    preview.depth = world.depth + 1
    preview.path = world.path + "ZZZZ"

    assert preview.section_page_id is None
    assert preview.section == world


def test_imported_articles_are_stored_in_their_sections(world, sport, tmp_path):
    make_article(section=world, slug="kept")
    make_article(section=sport, slug="draft", publish=False)
    archive = tmp_path / "site.tar.gz"
    call_command("export", str(archive), stdout=StringIO())
    for section in SectionPage.objects.all():
        section.delete()

    call_command("import", str(archive), stdout=StringIO())

    imported = {article.slug: article for article in ArticlePage.objects.all()}
    assert imported["kept"].section.slug == "world" and imported["kept"].listed
    assert imported["draft"].section.slug == "sport" and not imported["draft"].listed
    assert stale_rows() == []
    assert_listed_as_wagtail_would(*SectionPage.objects.all())


class StatementsOnly:
    """What the migrations' data steps use of a schema editor, usable inside the test's
    transaction (SQLite's schema editor is not)."""

    connection = connection

    def quote_name(self, name: str) -> str:
        return connection.ops.quote_name(name)

    def execute(self, sql: str, params=()) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_the_migration_fills_existing_rows(world, sport):
    make_article(section=world)
    make_article(section=sport)
    make_article(section=sport, publish=False)
    ArticlePage.objects.update(section_page=None, listed=False)
    assert stale_rows() != []

    section_migration = import_module("gazette.articles.migrations.0006_article_section")
    listed_migration = import_module("gazette.articles.migrations.0007_article_listed")
    section_migration.fill_sections(apps, StatementsOnly())
    listed_migration.copy_live(apps, StatementsOnly())

    assert stale_rows() == []
    assert_listed_as_wagtail_would(world, sport)
