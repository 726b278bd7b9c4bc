"""Comment HTML is rendered once, when the comment is written, and only read afterwards: no
page of comments and no API page runs the Markdown renderer or the sanitiser again."""

from unittest import mock

import nh3
import pytest
from markdown_it import MarkdownIt

from gazette.comments import rendering
from tests.comments.bulk import bulk_comments
from tests.comments.helpers import submit
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def refuse(*args, **kwargs):
    raise AssertionError("comment HTML was rendered on read")


@pytest.fixture
def article(settings):
    settings.GAZETTE_COMMENTS_PER_PAGE = 3
    return make_article(section=make_section(default_comment_mode="open"))


def test_the_stored_html_is_what_the_renderer_made_when_writing(article):
    comment = submit(article, "A **bold** claim, see <script>x</script>.").comment

    assert comment.body_html == rendering.render_comment(comment.body)
    assert "<strong>bold</strong>" in comment.body_html and "<script>" not in comment.body_html


def test_reading_pages_and_the_api_never_renders_again(client, article):
    bulk_comments(article, threads=4, replies=3)
    written = submit(article, "The *last* word.").comment  # the newest: on the last page

    with (
        mock.patch.object(MarkdownIt, "render", refuse),
        mock.patch.object(MarkdownIt, "parse", refuse),
        mock.patch.object(nh3, "clean", refuse),
        mock.patch.object(rendering, "render_comment", refuse),
    ):
        pages = [client.get(article.url, {"comments": n}) for n in (1, 2, 3)]
        api = client.get(f"/api/v1/articles/{article.pk}/comments", {"page": 3, "page_size": 2})
        permalink = client.get(written.get_absolute_url())

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert api.status_code == 200 and permalink.status_code == 302
    assert written.body_html in pages[2].content.decode()
    assert api.json()["results"][-1]["body_html"] == written.body_html
    assert "<em>last</em>" in written.body_html


def test_writing_does_render_so_the_guard_would_notice_a_render_on_read(article):
    rendering._parsed.cache_clear()
    with mock.patch.object(MarkdownIt, "parse", refuse), pytest.raises(AssertionError):
        submit(article, "Rendered now.")
