"""comments.js in a real browser: the question from the API, posting as JSON, errors."""

import pytest

from gazette.comments.models import Comment
from tests.challenge.helpers import solve
from tests.factories import make_article, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def relaxed(settings):
    settings.GAZETTE_COMMENT_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = "off"
    settings.GAZETTE_HOLD_FIRST_COMMENTS = False
    settings.GAZETTE_CHALLENGE_MIN_SECONDS = 0
    return settings


def question(page) -> str:
    label = page.locator('[data-challenge-slot] label[for="id_challenge_answer"]')
    label.wait_for()
    return label.inner_text().strip()


def test_wrong_answer_then_right_answer_publishes(live_server, page, relaxed):
    article = make_article(section=make_section(default_comment_mode="open"))
    page.goto(live_server.url + article.url)
    first = question(page)
    page.fill("#id_author_name", "Parvin")
    page.fill("#id_body", "Rain at last, *finally*.")
    page.fill("#id_challenge_answer", str(solve(first) + 1))
    page.click("form[data-comment-form] [type=submit]")

    error = page.locator("#challenge_answer-error")
    error.wait_for()
    assert "not right" in error.inner_text()
    answer = page.locator("#id_challenge_answer")
    assert "challenge_answer-error" in answer.get_attribute("aria-describedby")
    assert page.input_value("#id_body") == "Rain at last, *finally*."
    assert not Comment.objects.exists()

    page.fill("#id_challenge_answer", str(solve(question(page))))
    page.click("form[data-comment-form] [type=submit]")
    page.wait_for_url("**#comment-*")
    comment = Comment.objects.get()
    page.locator(f"#comment-{comment.pk}").wait_for()
    assert "finally" in page.locator(f"#comment-{comment.pk}").inner_text()


def test_held_comment_shows_the_pending_message(live_server, page, relaxed):
    article = make_article(section=make_section(default_comment_mode="premoderated"))
    page.goto(live_server.url + article.url)
    answer = solve(question(page))
    page.fill("#id_author_name", "Parvin")
    page.fill("#id_body", "Please consider this.")
    page.fill("#id_challenge_answer", str(answer))
    page.click("form[data-comment-form] [type=submit]")
    status = page.locator("[data-comment-status]")
    status.filter(has_text="awaits moderation").wait_for()
    assert Comment.objects.get().status == "pending"


def test_field_errors_are_shown_next_to_the_fields(live_server, page, relaxed):
    article = make_article(section=make_section(default_comment_mode="open"))
    page.goto(live_server.url + article.url)
    first = question(page)
    page.fill("#id_body", "Text I do not want to lose.")
    page.fill("#id_challenge_answer", str(solve(first)))
    page.click("form[data-comment-form] [type=submit]")

    page.locator("#author_name-error").wait_for()
    name = page.locator("#id_author_name")
    assert name.get_attribute("aria-invalid") == "true"
    assert "author_name-error" in name.get_attribute("aria-describedby")
    assert page.input_value("#id_body") == "Text I do not want to lose."
    assert question(page) == first  # the question was not spent

    page.fill("#id_author_name", "Parvin")
    page.click("form[data-comment-form] [type=submit]")
    page.wait_for_url("**#comment-*")
    assert Comment.objects.count() == 1
