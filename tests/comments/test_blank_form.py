"""The blank comment form under articles is drawn once per language and process."""

import pytest

from tests.factories import ensure_home, make_article, make_section


def drawn(response) -> int:
    return sum(template.name == "comments/form_fields.html" for template in response.templates)


@pytest.fixture
def article(transactional_db):
    ensure_home()
    return make_article(section=make_section(default_comment_mode="open"))


def test_the_blank_form_is_drawn_once_then_kept(client, article, settings):
    settings.GAZETTE_PAGE_CACHE = False
    first = client.get(article.url)
    second = client.get(article.url)
    other = client.get(make_article(section=article.get_parent().specific).url)

    assert drawn(first) == 1
    assert drawn(second) == drawn(other) == 0
    for answer in (first, second, other):
        page = answer.content.decode()
        assert 'name="author_name"' in page and 'name="body"' in page
        assert 'name="csrfmiddlewaretoken"' not in page, "no per-reader secret in the page"
    assert f'data-article-id="{article.pk}"' in second.content.decode()


def test_a_form_with_the_readers_text_and_errors_is_drawn_each_time(client, article):
    answer = client.post(
        f"/comments/{article.pk}/post/", {"author_name": "", "body": "Kept text"}, follow=True
    )
    page = answer.content.decode()
    assert drawn(answer) == 1
    assert "Kept text" in page
    assert 'class="field-error"' in page
