from django import template

register = template.Library()


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
