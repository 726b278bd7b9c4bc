"""The comment list written in Python says what the template said: same times, same names."""

from datetime import UTC, datetime

from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from hypothesis import given
from hypothesis import strategies as st

from gazette.comments.models import Comment
from gazette.comments.selectors import ThreadNode
from gazette.comments.thread_html import render_thread
from gazette.core.templatetags.gazette_tags import machine_time

moments = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)


@given(moments, st.sampled_from(["Asia/Tehran", "UTC", "America/St_Johns"]))
def test_times_read_as_the_template_filters_write_them(moment, reader_zone):
    """The visible time as ``date:"F j, Y - H:i"`` in the active zone and language, the
    machine one as ``machine_time`` (site zone), whichever zone a request activated."""
    for language in ("en", "fa"):
        with translation.override(language), timezone.override(reader_zone):
            html = render_thread([ThreadNode(comment(1, "Sara", created_at=moment), 0)])
            shown = date_format(timezone.localtime(moment), "F j, Y - H:i")
            assert f'<time datetime="{machine_time(moment)}">{shown}</time>' in html


def comment(pk, name, body="<p>Hi</p>", created_at=None):
    written = created_at or datetime(2022, 5, 18, 16, 48, tzinfo=UTC)
    return Comment(pk=pk, author_name=name, body_html=body, created_at=written)


def test_names_are_escaped_and_replies_nested():
    parent = ThreadNode(comment(1, "<b>Sara</b>"), 0)
    parent.replies.append(ThreadNode(comment(2, "Ali"), 1))
    flat = ThreadNode(comment(3, "Reza"), 1, reply_to=parent.comment)

    html = render_thread([parent, flat], reply_url="/comments/7/form/")

    assert "&lt;b&gt;Sara&lt;/b&gt;" in html and "<b>Sara" not in html
    assert 'id="comment-1"' in html and 'href="#comment-2"' in html
    assert html.index('id="comment-2"') < html.index("</li>\n</ol>")
    assert "in reply to &lt;b&gt;Sara&lt;/b&gt;" in html
    assert html.count('href="/comments/7/form/?parent=') == 3


def test_no_reply_links_when_comments_are_closed():
    html = render_thread([ThreadNode(comment(1, "Sara"), 0)], reply_url=None)
    assert "comment__reply" not in html
    assert "<p>Hi</p>" in html, "the stored, sanitised body is written as it is"
