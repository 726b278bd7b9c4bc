import re

import pytest
from django.test import Client

from gazette.comments.models import Comment
from tests.comments.helpers import solved_challenge, submit
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def form_page_fields(client, article):
    """GET the never-cached form page and return its CSRF token and question."""
    html = client.get(f"/comments/{article.pk}/form/").content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    return csrf, html


def post(client, article, **fields):
    data = {"author_name": "Ada", "email": "", "body": "My **view**.", "website": ""}
    data.update(fields)
    return client.post(f"/comments/{article.pk}/post/", data)


def test_article_page_shows_the_form_with_no_per_reader_secret_so_it_can_be_cached(client):
    article = make_article(section=make_section(default_comment_mode="open"))

    first = client.get(article.url).content.decode()
    second = Client().get(article.url).content.decode()

    assert "Leave a Comment" in first
    assert "csrfmiddlewaretoken" not in first and "challenge_token" not in first
    assert first == second, "two readers get byte-identical pages"


def test_without_javascript_the_first_post_keeps_the_text_and_asks_the_question(csrf_client):
    article = make_article(section=make_section(default_comment_mode="open"))

    response = post(csrf_client, article, body="Words I typed <b>carefully</b>.")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Words I typed &lt;b&gt;carefully&lt;/b&gt;." in html
    assert re.search(r'<label for="id_challenge_answer">\d+ [+-] \d+ =</label>', html)
    assert 'name="csrfmiddlewaretoken"' in html
    assert response["Cache-Control"].startswith("max-age=0")
    assert not Comment.objects.exists()


def test_second_step_with_csrf_and_right_answer_publishes_on_an_open_article(csrf_client):
    article = make_article(section=make_section(default_comment_mode="open"))
    csrf, _ = form_page_fields(csrf_client, article)

    response = post(csrf_client, article, csrfmiddlewaretoken=csrf, **solved_challenge())

    comment = Comment.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your comment is published." in html
    assert f'href="{article.url}#comment-{comment.pk}"' in html
    assert f'href="/comments/edit/{comment.pk}/"' in html
    assert "My <strong>view</strong>." in Client().get(article.url).content.decode()


def test_premoderated_comment_shows_awaiting_moderation_and_stays_off_the_page(csrf_client):
    article = make_article(section=make_section(default_comment_mode="premoderated"))
    csrf, _ = form_page_fields(csrf_client, article)

    response = post(csrf_client, article, csrfmiddlewaretoken=csrf, **solved_challenge())

    assert response.status_code == 200
    assert "awaits moderation" in response.content.decode()
    assert Comment.objects.get().status == "pending"
    assert f'href="/comments/edit/{Comment.objects.get().pk}/"' in response.content.decode()
    assert "My <strong>view</strong>." not in Client().get(article.url).content.decode()


def test_wrong_answer_keeps_the_text_ties_the_error_to_the_field_and_asks_again(csrf_client):
    article = make_article(section=make_section(default_comment_mode="open"))
    csrf, _ = form_page_fields(csrf_client, article)
    challenge = solved_challenge()
    challenge["challenge_answer"] = str(int(challenge["challenge_answer"]) + 1)

    response = post(csrf_client, article, csrfmiddlewaretoken=csrf, body="Keep me.", **challenge)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Keep me." in html
    assert 'aria-describedby="challenge_answer-error"' in html
    assert 'id="challenge_answer-error"' in html and "not right" in html
    new_token = re.search(r'name="challenge_token" value="([^"]+)"', html)[1]
    assert new_token != challenge["challenge_token"]
    assert not Comment.objects.exists()


def test_a_used_token_cannot_post_twice(csrf_client):
    article = make_article(section=make_section(default_comment_mode="open"))
    csrf, _ = form_page_fields(csrf_client, article)
    challenge = solved_challenge()

    post(csrf_client, article, csrfmiddlewaretoken=csrf, **challenge)
    again = post(csrf_client, article, csrfmiddlewaretoken=csrf, body="Another.", **challenge)

    assert again.status_code == 400
    assert "already used" in again.content.decode()
    assert Comment.objects.count() == 1


def test_missing_name_is_a_field_error_with_the_text_kept(csrf_client):
    article = make_article(section=make_section(default_comment_mode="open"))
    csrf, _ = form_page_fields(csrf_client, article)

    response = post(
        csrf_client,
        article,
        csrfmiddlewaretoken=csrf,
        author_name="",
        body="Still here.",
        **solved_challenge(),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Still here." in html and 'id="author_name-error"' in html


def test_rate_limited_post_is_429_with_retry_after_and_the_text_kept(csrf_client, settings):
    settings.GAZETTE_COMMENT_RATE_LIMITS = "1/m"
    article = make_article(section=make_section(default_comment_mode="open"))
    csrf, _ = form_page_fields(csrf_client, article)
    post(csrf_client, article, csrfmiddlewaretoken=csrf, **solved_challenge())

    response = post(
        csrf_client, article, csrfmiddlewaretoken=csrf, body="Second thought.", **solved_challenge()
    )

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Second thought." in response.content.decode()


def test_closed_article_shows_comments_but_no_form_and_refuses_posts(client):
    article = make_article(section=make_section(default_comment_mode="open"))
    submit(article, "Before closing.")
    article.comment_mode = "closed"
    article.save_revision().publish()

    html = client.get(article.url).content.decode()
    response = post(client, article)

    assert "Before closing." in html
    assert "Comments on this article are closed." in html
    assert "data-comment-form" not in html
    assert response.status_code == 403


def test_reply_link_renders_the_form_with_the_parent_set(client):
    article = make_article(section=make_section(default_comment_mode="open"))
    parent = submit(article, "Parent comment.").comment

    page = client.get(article.url).content.decode()
    form = client.get(f"/comments/{article.pk}/form/?parent={parent.pk}").content.decode()

    assert f"/comments/{article.pk}/form/?parent={parent.pk}" in page
    assert f'name="parent" value="{parent.pk}"' in form
    assert "Replying to Reader" in form


def test_author_can_edit_within_the_window_and_others_cannot(csrf_client):
    article = make_article(section=make_section(default_comment_mode="open"))
    csrf, _ = form_page_fields(csrf_client, article)
    post(csrf_client, article, csrfmiddlewaretoken=csrf, **solved_challenge())
    comment = Comment.objects.get()

    stranger = Client().post(f"/comments/edit/{comment.pk}/", {"body": "hijacked"})
    edited = csrf_client.post(
        f"/comments/edit/{comment.pk}/", {"body": "Better words.", "csrfmiddlewaretoken": csrf}
    )

    comment.refresh_from_db()
    assert stranger.status_code == 403
    assert edited.status_code == 303
    assert comment.body == "Better words."


def test_author_can_delete_within_the_window_and_not_after(csrf_client, settings):
    article = make_article(section=make_section(default_comment_mode="open"))
    csrf, _ = form_page_fields(csrf_client, article)
    post(csrf_client, article, csrfmiddlewaretoken=csrf, **solved_challenge())
    comment = Comment.objects.get()
    settings.GAZETTE_COMMENT_EDIT_MINUTES = 0

    late = csrf_client.post(f"/comments/delete/{comment.pk}/", {"csrfmiddlewaretoken": csrf})
    settings.GAZETTE_COMMENT_EDIT_MINUTES = 15
    deleted = csrf_client.post(f"/comments/delete/{comment.pk}/", {"csrfmiddlewaretoken": csrf})

    comment.refresh_from_db()
    assert late.status_code == 403
    assert deleted.status_code == 303
    assert comment.status == "removed"
    assert comment.log.last().actor_label == "author"
