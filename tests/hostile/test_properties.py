"""Properties that must hold for every input, checked with hypothesis.

* The comment renderer never emits a tag, attribute or URL scheme outside its allow-list,
  judged by html5lib, which parses the way browsers do.
* The challenge verifier never raises on any token string. ``tests/challenge`` already
  feeds it arbitrary text; these strategies go where arbitrary text rarely reaches: real
  tokens with a few characters changed, strings of the token alphabet, and payloads signed
  with the right key and salt but holding anything at all (what a leaked or buggy signer
  would produce), so every check after the signature is exercised too.
"""

import re

import html5lib
import pytest
from django.core import signing
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gazette.challenge.service import TOKEN_SALT, Outcome, challenge_issue, challenge_verify
from gazette.comments.rendering import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    LINK_REL,
    render_comment,
)

PROPERTY = hypothesis_settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- The comment renderer -----------------------------------------------------------------

# Pieces of Markdown, HTML and the usual cross-site scripting tricks; hypothesis strings them
# together with arbitrary text, so the parser meets them in every order and nesting.
FRAGMENTS = [
    "*", "**", "_", "`", "``", "[", "]", "(", ")", "](", "![", "> ", ">", "<", "&", '"', "'",
    "\n", "\n\n", "  \n", "\\", "#", "- ", "1. ", "|", "~~", "---", "    ",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>", "<iframe src=//evil>", "<style>", "</p>",
    "<!--", "-->", "<![CDATA[", "<?xml", "<!DOCTYPE html>", "<math><mi>", "<b onclick=x>",
    "javascript:", "JaVaScRiPt:", "java\tscript:", "data:text/html,", "vbscript:",
    "http://", "https://", "mailto:", "//evil.example", "www.", "&lt;", "&#60;", "&#x3C;",
    "&colon;", "&NewLine;", "&#0;", "\x00", "\u202e", "\ufeff", "<https://example.com>",
    "[x](javascript:alert(1))", "[x](<javascript:alert(1)>)", '[x](https://a "title")',
    "[x]: javascript:alert(1)", "[x][x]", " onmouseover=alert(1) ", "style=",
]
comment_sources = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40
).map("".join)

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What browsers ignore in a URL before reading its scheme: C0 controls and spaces in front,
# tabs and newlines anywhere.
_LEADING = "".join(chr(code) for code in range(0x21))
_STRIPPED = str.maketrans("", "", "\t\n\r")
XHTML = "{http://www.w3.org/1999/xhtml}"


def url_scheme(href: str) -> str | None:
    """The scheme a browser would follow ``href`` with, or None for a relative URL."""
    match = _SCHEME.match(href.lstrip(_LEADING).translate(_STRIPPED))
    return match[1].lower() if match else None


def elements(html: str):
    """Every node html5lib builds from ``html`` as a browser would, comments included."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=True)
    return list(fragment.iter())[1:]  # the first is the fragment's own wrapper


@PROPERTY
@given(source=comment_sources)
def test_the_renderer_emits_only_allowed_tags_attributes_and_schemes(source):
    html = render_comment(source)

    for node in elements(html):
        assert isinstance(node.tag, str), f"comment or other non-element in {html!r}"
        tag = node.tag.removeprefix(XHTML)
        assert tag in ALLOWED_TAGS, (tag, html)
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert set(node.attrib) <= allowed, (tag, node.attrib, html)
        if tag == "a":
            assert node.attrib.get("rel") == LINK_REL, html
            scheme = url_scheme(node.attrib.get("href", ""))
            assert scheme is None or scheme in ALLOWED_URL_SCHEMES, (scheme, html)


def test_the_property_would_see_a_forbidden_tag_attribute_or_scheme():
    """The checks above are not vacuous: each catches what it is meant to catch."""
    assert [node.tag.removeprefix(XHTML) for node in elements('<p><img src="x"></p>')] == [
        "p",
        "img",
    ]
    assert elements('<a href="x" onclick="y">z</a>')[0].attrib.keys() == {"href", "onclick"}
    assert url_scheme(" java\tscript:alert(1)") == "javascript"
    assert url_scheme("/relative/path") is None
    assert not isinstance(elements("<!-- hidden -->")[0].tag, str)


@PROPERTY
@given(source=comment_sources)
def test_rendering_is_stable_under_a_second_sanitising_pass(source):
    """What the renderer emits is already in the form nh3 keeps: nothing left to strip."""
    import nh3

    html = render_comment(source)
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"*": set(), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
    )
    assert cleaned == html


# --- The challenge verifier ---------------------------------------------------------------

TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:."
answers = st.one_of(st.none(), st.text(max_size=40), st.integers())

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=70),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=3), children, max_size=4)
    ),
    max_leaves=12,
)
# Payloads shaped like ours, each field free to be anything: the checks after the signature.
payload_like_ours = st.fixed_dictionaries(
    {
        "v": st.one_of(st.just(1), json_values),
        "n": st.one_of(st.from_regex(r"[A-Za-z0-9_-]{22,64}", fullmatch=True), json_values),
        "t": st.one_of(st.integers(min_value=-(2**70), max_value=2**70), json_values),
        "e": st.one_of(st.integers(min_value=-(2**70), max_value=2**70), json_values),
        "h": st.one_of(st.from_regex(r"[0-9a-f]{64}", fullmatch=True), json_values),
    }
)


@st.composite
def mutated_tokens(draw) -> str:
    """A real token with a few characters replaced, inserted or deleted."""
    token = list(challenge_issue().token)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        index = draw(st.integers(min_value=0, max_value=len(token)))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        character = draw(st.one_of(st.sampled_from(TOKEN_ALPHABET), st.characters()))
        if action == "insert" or index == len(token):
            token.insert(index, character)
        elif action == "replace":
            token[index] = character
        else:
            del token[index]
    return "".join(token)


@st.composite
def signed_tokens(draw) -> str:
    """Signed with the server's key and salt, holding anything at all."""
    payload = draw(st.one_of(payload_like_ours, json_values))
    return signing.dumps(payload, salt=TOKEN_SALT, compress=draw(st.booleans()))


class _RawJSON:
    """Signs bytes as they are: lets a test sign JSON no json.dumps would produce."""

    def dumps(self, obj):
        return obj

    def loads(self, data):  # pragma: no cover - never used to read
        raise NotImplementedError


@st.composite
def signed_deep_nesting(draw) -> str:
    """Signed, compressed JSON nested far deeper than any parser's stack: a token of a few
    hundred characters that expands to a structure ``json.loads`` cannot build."""
    depth = draw(st.integers(min_value=1, max_value=200_000))
    opener, closer = draw(st.sampled_from([(b"[", b"]"), (b'{"a":', b"}")]))
    return signing.dumps(
        opener * depth + b"0" + closer * depth, salt=TOKEN_SALT, serializer=_RawJSON,
        compress=True,
    )


tokens = st.one_of(
    mutated_tokens(),
    st.text(alphabet=TOKEN_ALPHABET, max_size=1100),
    signed_tokens(),
    signed_deep_nesting(),
)


@pytest.mark.django_db
@PROPERTY
@given(token=tokens, answer=answers)
def test_the_verifier_never_raises_and_never_accepts_a_forged_token(token, answer):
    result = challenge_verify(token=token, answer=answer)

    assert result.outcome in set(Outcome)
    assert not result.ok
    assert isinstance(result.message, str) and result.message


@pytest.mark.django_db
def test_a_signed_token_nested_too_deep_to_decode_is_malformed():
    token = signing.dumps(
        b"[" * 100_000 + b"]" * 100_000, salt=TOKEN_SALT, serializer=_RawJSON, compress=True
    )

    assert len(token) < 1024  # short enough to be decoded at all
    assert challenge_verify(token=token, answer="1").outcome == Outcome.MALFORMED
