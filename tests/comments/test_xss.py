import re

import pytest

from tests.comments.helpers import submit
from tests.comments.xss import executable_markup, payloads
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

PAYLOADS = payloads()


def test_the_sample_is_large_and_varied():
    assert len(PAYLOADS) >= 300
    assert sum("<script" in payload.lower() for payload in PAYLOADS) >= 5
    handlers = re.compile(r"on[a-z]+\s*=", re.IGNORECASE)
    assert sum(bool(handlers.search(payload)) for payload in PAYLOADS) >= 300


def test_the_checker_finds_executable_markup():
    page = (
        '<ol class="comment-list"><li><img src=x onerror="alert(1)">'
        '<a href="javascript:x">y</a></li></ol>'
    )

    assert executable_markup(page) == [
        "tag <img>",
        "attribute src= on <img>",
        "attribute onerror= on <img>",
        "href 'javascript:x'",
    ]


CHUNK = 50
CHUNKS = [PAYLOADS[start : start + CHUNK] for start in range(0, len(PAYLOADS), CHUNK)]


@pytest.mark.parametrize("chunk", CHUNKS, ids=[f"payloads-{n * CHUNK}" for n in range(len(CHUNKS))])
def test_payloads_in_body_and_name_reach_the_page_as_inert_text(chunk, client):
    article = make_article(section=make_section(default_comment_mode="open"))
    for number, payload in enumerate(chunk):
        # A number keeps each body distinct for the duplicate check.
        submit(article, f"{payload}\n\n{number}", name=payload[:100] or "x")

    html = client.get(article.url).content.decode()

    assert html.count('class="comment"') == len(chunk), "every comment is shown"
    assert executable_markup(html) == []
