"""The approved comments under an article as HTML, built in Python.

Drawn with the template engine, each comment was an ``{% include %}`` with a dozen variable
lookups, two filters and two translations: about 0.2 ms a comment, a fifth of an article
page with 50 comments. The markup is small and fixed, so it is written out here, every
reader-supplied value escaped; the body is the sanitised HTML stored with the comment
(``rendering.render_comment``).
"""

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from gazette.comments.selectors import ThreadNode


def render_thread(nodes: list[ThreadNode], *, reply_url: str | None = None) -> SafeString:
    """``<li>`` items for ``nodes`` and, nested in ``<ol>``, their replies. With
    ``reply_url`` (comments open) each comment gets a Reply link to that form."""
    reply_label = escape(gettext("Reply"))
    # Translated once per list: looking the language up cost more than drawing the comment.
    in_reply_to = gettext("in reply to %(name)s")
    parts: list[str] = []
    # Times as the templates write them (``machine_time`` in the site zone, ``date:"F j, Y -
    # H:i"`` in the active one), with the zones and month names looked up once per list.
    site_zone = timezone.get_default_timezone()
    shown_zone = timezone.get_current_timezone()
    months: dict[int, str] = {}

    def times(moment) -> tuple[str, str]:
        in_site_zone = moment.astimezone(site_zone)
        local = in_site_zone if shown_zone is site_zone else moment.astimezone(shown_zone)
        month = months.get(local.month)
        if month is None:
            month = months[local.month] = str(MONTHS[local.month])
        shown = f"{month} {local.day}, {local.year:04d} - {local.hour:02d}:{local.minute:02d}"
        return in_site_zone.replace(microsecond=0).isoformat(), shown

    def draw(node: ThreadNode) -> None:
        comment = node.comment
        anchor = f"comment-{comment.pk}"
        machine, shown = times(comment.created_at)
        parts.append(
            f'<li class="comment" id="{anchor}">\n  <article>\n    <header class="comment__meta">\n'
            f'      <span class="comment__author">{escape(comment.author_name)}</span>\n'
            f'      <a class="comment__time" href="#{anchor}"><time datetime="'
            f'{machine}">{escape(shown)}</time></a>\n'
        )
        if node.reply_to is not None:
            answered = in_reply_to % {"name": escape(node.reply_to.author_name)}
            parts.append(f'      <span class="comment__reply-to">{answered}</span>\n')
        parts.append(f'    </header>\n    <div class="comment__body">{comment.body_html}</div>\n')
        if reply_url:
            parts.append(
                f'    <a class="comment__reply" rel="nofollow" href="{escape(reply_url)}'
                f'?parent={comment.pk}#leave-a-comment">{reply_label}</a>\n'
            )
        parts.append("  </article>\n")
        if node.replies:
            parts.append('  <ol class="comment-list comment-list--replies">')
            for reply in node.replies:
                draw(reply)
            parts.append("</ol>\n")
        parts.append("</li>\n")

    for node in nodes:
        draw(node)
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped or sanitised)
