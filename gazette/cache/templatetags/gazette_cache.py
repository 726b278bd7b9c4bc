"""Template tags that say what a page shows, for precise cache purges (gazette.cache.tags)."""

from django import template
from django.core.exceptions import DisallowedHost

from gazette.cache import fragments, tags

register = template.Library()


@register.simple_tag
def cache_tag(*names) -> str:
    """``{% cache_tag "chrome" %}``: this page shows what the tags name."""
    tags.note(*(str(name) for name in names))
    return ""


@register.simple_tag
def cache_article(article) -> str:
    """``{% cache_article article %}``: this page shows ``article`` (its headline, say)."""
    if article is not None and getattr(article, "pk", None):
        tags.note_article(article)
    return ""


@register.simple_tag
def cache_article_page(article, authors=(), article_tags=()) -> str:
    """``{% cache_article_page page authors article_tags %}``: this page shows ``article``,
    its section and these authors and tags."""
    if article is not None and getattr(article, "pk", None):
        tags.note_article_page(article, authors=authors or (), tags=article_tags or ())
    return ""


@register.simple_tag
def cache_expires(moment) -> str:
    """``{% cache_expires moment %}``: what this page shows goes stale at ``moment``."""
    tags.expire_at(moment)
    return ""


def _host(request) -> str | None:
    """Part of every piece's key, since a piece may show URLs of its own site; None (the
    piece is drawn, not kept) without a request or with a host Django refuses."""
    if request is None:
        return None
    try:
        return request.get_host()
    except DisallowedHost:
        return None


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, keys):
        self.nodelist, self.name, self.keys = nodelist, name, keys

    def render(self, context):
        request = context.get("request")
        key = (_host(request), *(key.resolve(context) for key in self.keys))
        return fragments.render(self.name, key, lambda: self._draw(context), request=request)

    def _draw(self, context) -> str:
        with context.push():  # what the piece sets stays in the piece, kept or not
            return self.nodelist.render(context)


@register.tag
def fragment(parser, token):
    """``{% fragment "related" page.pk %}…{% endfragment %}``: the enclosed HTML is kept per
    name, key values, host and language until a purge of a tag noted inside it (see
    ``gazette.cache.fragments``). The key values (none for a piece every page shares) must
    name all the enclosed HTML shows that its tags do not."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a quoted name.")
    name = bits[1]
    if not (name[0] == name[-1] and name[0] in "\"'"):
        raise template.TemplateSyntaxError(f"{bits[0]}'s name must be quoted.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name[1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
