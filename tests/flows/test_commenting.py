"""A reader comments, a moderator approves, another reader sees it: with and without JS."""

import re

import pytest
from django.test import Client

from gazette.comments.models import Comment
from tests.challenge.helpers import solve
from tests.comments.helpers import submit
from tests.comments.xss import payloads
from tests.factories import make_article, make_section
from tests.flows.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reader_settings(settings):
    settings.GAZETTE_CHALLENGE_MIN_SECONDS = 0
    settings.GAZETTE_COMMENT_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = "off"
    return settings


@pytest.fixture
def premoderated_article():
    section = make_section(title="Politics", slug="politics", default_comment_mode="premoderated")
    return make_article(section=section, title="Council votes on the budget", slug="budget")


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_superuser("moderator", "m@example.org", "s3cret-pass")


def answer_question(page):
    label = page.locator('label[for="id_challenge_answer"]')
    label.wait_for()
    page.fill("#id_challenge_answer", str(solve(label.inner_text().strip())))


def approve_in_admin(page, base_url, body_text):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "moderator")
    page.fill("#id_password", "s3cret-pass")
    page.click("button[type=submit]")
    page.goto(base_url + "/admin/comments/")
    page.get_by_text(body_text).first.wait_for()
    page.get_by_role("link", name=re.compile("Pending")).first.wait_for()
    comment = Comment.objects.get(body=body_text)
    page.goto(base_url + f"/admin/comments/{comment.pk}/")
    page.get_by_role("button", name="Approve").first.click()
    page.wait_for_load_state()
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_without_javascript_a_reader_comments_waits_and_is_approved(
    live_server, no_js_page, browser, premoderated_article, moderator, reader_settings
):
    page = no_js_page
    page.goto(live_server.url + premoderated_article.url)
    page.fill("#id_author_name", "Parvin")
    page.fill("#id_body", "The budget leaves out the *libraries*.")
    page.get_by_role("button", name="Continue").click()

    assert page.locator("#id_body").input_value() == "The budget leaves out the *libraries*."
    answer_question(page)
    page.get_by_role("button", name="Post comment").click()
    assert (
        page.get_by_role("status").first.inner_text().startswith("Your comment awaits moderation")
    )
    assert "libraries" not in Client().get(premoderated_article.url).content.decode()

    admin = browser.new_context().new_page()
    approve_in_admin(admin, live_server.url, "The budget leaves out the *libraries*.")

    page.goto(live_server.url + premoderated_article.url)
    assert page.locator(".comment__body em").inner_text() == "libraries"


def test_with_javascript_the_question_is_per_reader_and_the_post_needs_no_reload(
    live_server, page, browser, premoderated_article, moderator, reader_settings
):
    page.goto(live_server.url + premoderated_article.url)
    answer_question(page)
    page.fill("#id_author_name", "Kian")
    page.fill("#id_body", "Where does the money for buses come from?")
    url_before = page.url
    page.get_by_role("button", name="Post comment").click()

    status = page.locator("[data-comment-status]")
    status.filter(has_text="awaits moderation").wait_for()
    assert page.url == url_before
    admin = browser.new_context().new_page()
    approve_in_admin(admin, live_server.url, "Where does the money for buses come from?")

    other_reader = browser.new_context(java_script_enabled=False).new_page()
    other_reader.goto(live_server.url + premoderated_article.url)
    assert (
        "Where does the money for buses come from?" in other_reader.locator(".comment").inner_text()
    )


def test_a_wrong_answer_without_the_script_keeps_the_text_and_marks_the_field(
    live_server, page, premoderated_article, reader_settings
):
    # The page's script is blocked rather than all JavaScript, so axe-core can still run.
    page.route("**/comments.js", lambda route: route.abort())
    page.goto(live_server.url + premoderated_article.url)
    page.fill("#id_author_name", "Parvin")
    page.fill("#id_body", "Words worth keeping.")
    page.get_by_role("button", name="Continue").click()
    label = page.locator('label[for="id_challenge_answer"]').inner_text()
    page.fill("#id_challenge_answer", str(solve(label) + 1))
    page.get_by_role("button", name="Post comment").click()

    assert page.locator("#id_body").input_value() == "Words worth keeping."
    answer = page.locator("#id_challenge_answer")
    assert answer.get_attribute("aria-invalid") == "true"
    error_id = answer.get_attribute("aria-describedby")
    assert "not right" in page.locator(f"#{error_id}").inner_text()
    assert page.locator('label[for="id_challenge_answer"]').inner_text() != ""
    assert axe_violations(page) == []
    assert not Comment.objects.exists()


def test_article_with_comments_has_no_serious_accessibility_violations(
    live_server, page, reader_settings
):
    reader_settings.GAZETTE_HOLD_FIRST_COMMENTS = False
    article = make_article(section=make_section(default_comment_mode="open"))
    first = submit(article, "A first comment with a [link](https://example.org).").comment
    submit(article, "> quoted\n\nA reply.", parent_id=first.pk)

    page.goto(live_server.url + article.url)
    page.locator('label[for="id_challenge_answer"]').wait_for()

    assert axe_violations(page) == []


def test_hostile_comments_open_no_dialog(live_server, page, settings):
    settings.GAZETTE_HOLD_FIRST_COMMENTS = False
    settings.GAZETTE_COMMENT_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENTS_PER_PAGE = len(payloads())  # every payload on the one page
    article = make_article(section=make_section(default_comment_mode="open"))
    for number, payload in enumerate(payloads()):
        submit(article, f"{payload}\n\n{number}", name=payload[:100] or "x")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(live_server.url + article.url)
    page.wait_for_load_state("networkidle")
    page.mouse.move(200, 400)
    page.mouse.wheel(0, 20_000)

    assert page.locator(".comment").count() == len(payloads())
    assert dialogs == []


def test_the_accessibility_check_can_fail(page):
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')

    assert any(line.startswith("image-alt") for line in axe_violations(page))
