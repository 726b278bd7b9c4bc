"""The comments API keeps what it reads of an article between requests; every change that
would purge the article's page drops it, so the next request answers from the change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from gazette.articles.models import SectionPage
from gazette.comments.models import Comment
from gazette.comments.selectors import commentable_article
from tests.comments_api.conftest import comment_payload, comments_url, post_json
from tests.factories import ensure_home, make_article, make_section, republish, unpublish

# Memos are kept only outside transactions: these tests commit, as requests do.
pytestmark = pytest.mark.usefixtures("no_limits")


@pytest.fixture
def committed_home(transactional_db):
    return ensure_home()


@pytest.fixture
def section(committed_home):
    return make_section(slug="world", default_comment_mode="open")


@pytest.fixture
def story(section):
    return make_article(section=section, slug="rivers-rise", comment_mode="")


def republish_section(section, **changes) -> SectionPage:
    draft = SectionPage.objects.get(pk=section.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    return SectionPage.objects.get(pk=section.pk)


def listed_url(client, article) -> str:
    answer = client.get(comments_url(article))
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_a_kept_article_is_read_once(story):
    first = commentable_article(story.pk)
    with CaptureQueriesContext(connection) as captured:
        again = commentable_article(story.pk)
    assert len(captured) == 0
    assert again == first and again.site_path == story.url


def test_a_post_reads_no_article(client, story):
    assert post_json(client, story, comment_payload()).status_code == 201
    with CaptureQueriesContext(connection) as captured:
        assert post_json(client, story, comment_payload()).status_code == 201
    page_table = '"wagtailcore_page"'
    assert not [query for query in captured if page_table in query["sql"]]
    assert Comment.objects.filter(article=story).count() == 2


def test_closing_the_article_applies_at_once(client, story):
    assert post_json(client, story, comment_payload()).status_code == 201

    republish(story, comment_mode="closed")

    answer = post_json(client, story, comment_payload())
    assert answer.status_code == 403, answer.content
    assert Comment.objects.filter(article=story).count() == 1


def test_the_section_s_default_and_closing_age_apply_at_once(client, section, story):
    assert post_json(client, story, comment_payload()).status_code == 201

    republish_section(section, default_comment_mode="premoderated")
    assert post_json(client, story, comment_payload()).status_code == 202

    republish_section(section, close_comments_after_days=1)
    republish(story, published_at=story.published_at.replace(year=2001))
    assert post_json(client, story, comment_payload()).status_code == 403


def test_an_unpublished_article_has_no_comments_at_once(client, story):
    listed_url(client, story)
    unpublish(story)
    assert client.get(comments_url(story)).status_code == 404
    assert post_json(client, story, comment_payload()).status_code == 404


def test_a_view_restriction_applies_at_once(client, section, story):
    listed_url(client, story)
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.get(comments_url(story)).status_code == 404
    PageViewRestriction.objects.all().delete()
    assert client.get(comments_url(story)).status_code == 200


def test_a_new_slug_gives_the_comments_their_new_url(client, story):
    post_json(client, story, comment_payload())
    assert listed_url(client, story)["results"][0]["url"].startswith(
        "http://testserver/world/rivers-rise/#comment-"
    )

    republish(story, slug="rivers-burst")

    assert listed_url(client, story)["results"][0]["url"].startswith(
        "http://testserver/world/rivers-burst/#comment-"
    )


def test_a_renamed_section_gives_the_comments_their_new_url(client, section, story):
    post_json(client, story, comment_payload())
    listed_url(client, story)

    republish_section(section, slug="planet")

    assert listed_url(client, story)["results"][0]["url"].startswith(
        "http://testserver/planet/rivers-rise/#comment-"
    )


def test_a_second_site_makes_the_url_depend_on_the_request(client, section, story, settings):
    settings.ALLOWED_HOSTS = ["testserver", "world.example"]
    post_json(client, story, comment_payload())
    assert commentable_article(story.pk).site_path == "/world/rivers-rise/"

    Site.objects.create(hostname="world.example", port=80, root_page=section)

    assert commentable_article(story.pk).site_path is None
    url = listed_url(client, story)["results"][0]["url"]
    assert url.startswith("http://testserver/world/rivers-rise/#comment-"), url
    on_the_other_site = client.get(comments_url(story), HTTP_HOST="world.example").json()
    assert on_the_other_site["results"][0]["url"].startswith(
        "http://world.example/rivers-rise/#comment-"
    )
