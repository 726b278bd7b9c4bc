"""Comment Markdown to safe HTML, once, at write time.

markdown-it-py runs with raw HTML off (a tag typed by a reader comes out as text), limited to
paragraphs, emphasis, links, quotes and inline code; nh3 then keeps only an allow-list of tags
and attributes, so nothing executable can reach a page even if the parser had a bug.
"""

import hashlib
import unicodedata
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "a", "blockquote", "code"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

#: Built once: configuring nh3 (sets of tags, attributes and schemes) cost more than
#: cleaning a comment with it.
_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    # "*" empty: nh3 would otherwise keep lang and title on every tag.
    attributes={"*": set(), **{tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)

_markdown = MarkdownIt(
    "zero", {"html": False, "linkify": False, "typographer": False, "breaks": True}
).enable(["emphasis", "link", "blockquote", "backticks", "newline", "escape", "entity"])


@lru_cache(maxsize=64)
def _parsed(source: str) -> tuple:
    """The token stream of ``source``, shared by the link count and the rendering of one
    comment (the spam checks count links just before the comment is rendered). Tokens are
    only read after parsing, so threads may share them."""
    env: dict = {}
    return tuple(_markdown.parse(source, env)), env


def render_comment(source: str) -> str:
    """Sanitised HTML for a comment's Markdown source. Never raises on text input."""
    tokens, env = _parsed(source)
    html = _markdown.renderer.render(list(tokens), _markdown.options, dict(env))
    return _cleaner.clean(html).strip()


def normalise_body(source: str) -> str:
    """Canonical form of a body: NFC, unix newlines, no trailing spaces, no NUL bytes."""
    text = unicodedata.normalize("NFC", source).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def body_fingerprint(source: str) -> str:
    """A hash that matches the same comment posted again, whatever its spacing or case."""
    squashed = " ".join(normalise_body(source).casefold().split())
    return hashlib.sha256(squashed.encode()).hexdigest()


def count_links(source: str) -> int:
    """Links in ``source``: Markdown links, or bare addresses if there are more of those."""
    tokens, _env = _parsed(source)
    links = 0
    for token in tokens:
        links += sum(1 for child in token.children or [] if child.type == "link_open")
    lowered = source.lower()
    bare = lowered.count("http://") + lowered.count("https://") + lowered.count("www.")
    return max(links, bare)
