import pytest

from gazette.comments.rendering import body_fingerprint, count_links, render_comment


def test_markdown_subset_becomes_html():
    html = render_comment("Hello *there* and **you**\n\n> quoted\n\n`code`")

    assert "<em>there</em>" in html and "<strong>you</strong>" in html
    assert "<blockquote>" in html and "<code>code</code>" in html


@pytest.mark.parametrize(
    "source",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:x">y</a>'],
)
def test_raw_html_is_shown_as_text(source):
    html = render_comment(source)

    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;" in html


def test_links_get_nofollow_ugc_noopener_and_unsafe_schemes_are_dropped():
    assert render_comment("[ok](https://example.org)") == (
        '<p><a href="https://example.org" rel="nofollow ugc noopener">ok</a></p>'
    )
    assert "href" not in render_comment("[bad](javascript:alert(1))")
    assert "href" not in render_comment("[bad](data:text/html,x)")


def test_headings_and_images_are_not_part_of_the_subset():
    assert "<h1" not in render_comment("# Title")
    assert "<img" not in render_comment("![alt](https://example.org/x.png)")


def test_fingerprint_ignores_case_and_spacing():
    assert body_fingerprint("Buy  NOW\n") == body_fingerprint("buy now")
    assert body_fingerprint("buy now") != body_fingerprint("buy later")


def test_count_links_counts_markdown_and_bare_links():
    assert count_links("[a](https://a.example) and https://b.example") == 2
    assert count_links("no links here") == 0
