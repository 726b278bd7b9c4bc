from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from gazette.cache.memo import Memo

register = template.Library()

# The blank form under every article is the same for every article and reader, in a
# language: its fields are drawn once per process (Django draws each widget from a template).
_blank_fields = Memo()


@register.filter
def described_widget(field):
    """A field's widget tied to its help text and its error by ``aria-describedby``."""
    ids = []
    attrs = {}
    if field.help_text:
        ids.append(f"{field.name}-help")
    if field.errors:
        ids.append(f"{field.name}-error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def comment_items(nodes, reply_url=None):
    """The comments of a page of the thread as ``<li>`` items (see ``thread_html``)."""
    from gazette.comments.thread_html import render_thread

    return render_thread(nodes, reply_url=reply_url)


@register.simple_tag
def comment_form_fields(form, with_secrets=False):
    """The comment form's fields. ``None`` stands for a blank form: without secrets it is
    drawn once per language, and not even built while that drawing is kept."""
    from gazette.comments.forms import CommentForm

    blank = form is None or not (form.is_bound or form.initial)
    if blank and not with_secrets:
        return _blank_fields.get(
            get_language(),
            lambda: render_to_string(
                "comments/form_fields.html",
                {"form": form or CommentForm(), "with_secrets": False},
            ),
        )
    context = {"form": form or CommentForm(), "with_secrets": with_secrets}
    return render_to_string("comments/form_fields.html", context)
