"""Pages of comments in a real browser: old ``#comment-N`` links find their page, the page
links work without JavaScript, and a middle page has no serious accessibility problem."""

import pytest

from tests.comments.bulk import bulk_comments
from tests.factories import make_article, make_section
from tests.flows.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def long_thread(settings):
    settings.GAZETTE_COMMENTS_PER_PAGE = 3
    article = make_article(section=make_section(default_comment_mode="open"))
    return article, bulk_comments(article, threads=5, replies=3)


def test_an_old_anchor_link_to_a_later_page_lands_on_that_page(live_server, page, long_thread):
    article, comments = long_thread
    last = comments[4]  # the fifth conversation opens page 3

    page.goto(f"{live_server.url}{article.url}#comment-{last.pk}")
    page.wait_for_url(f"**{article.url}?comments=3#comment-{last.pk}")

    assert page.locator(f"#comment-{last.pk}").is_visible()


def test_an_anchor_on_the_page_shown_stays_put(live_server, page, long_thread):
    article, comments = long_thread

    page.goto(f"{live_server.url}{article.url}#comment-{comments[0].pk}")
    page.wait_for_load_state("networkidle")

    assert page.url.endswith(f"{article.url}#comment-{comments[0].pk}")


def test_page_links_work_without_javascript(live_server, no_js_page, long_thread):
    article, comments = long_thread

    no_js_page.goto(f"{live_server.url}{article.url}")
    no_js_page.get_by_role("navigation", name="Pages of comments").get_by_role(
        "link", name="Later comments"
    ).click()

    assert no_js_page.url.endswith(f"{article.url}?comments=2#comments")
    assert no_js_page.locator(".comment").count() == 3


def test_a_middle_page_has_no_serious_accessibility_violations(live_server, page, long_thread):
    article, _ = long_thread

    page.goto(f"{live_server.url}{article.url}?comments=2")
    page.locator("#comments nav").wait_for()

    assert axe_violations(page) == []
