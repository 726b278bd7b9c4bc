"""The XSS payload sample and a checker for executable markup in rendered comments."""

import json
from pathlib import Path

import lxml.html

PAYLOAD_FILE = Path(__file__).parent.parent / "data" / "xss" / "payloadbox-xss-payload-list.txt"
SAMPLE_SIZE = 400


def payloads() -> list[str]:
    lines = [line for line in PAYLOAD_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(lines) // SAMPLE_SIZE)
    return lines[::step][:SAMPLE_SIZE]


SAFE_TAGS = {
    "li",
    "article",
    "header",
    "span",
    "a",
    "time",
    "div",
    "p",
    "br",
    "em",
    "strong",
    "blockquote",
    "code",
    "ol",
}
SAFE_ATTRIBUTES = {"class", "id", "href", "datetime", "rel"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/")


def executable_markup(html: str) -> list[str]:
    """Everything in the page's comment list that a browser could run, as readable findings."""
    tree = lxml.html.fromstring(html)
    findings = []
    lists = tree.xpath(
        '//ol[contains(concat(" ", normalize-space(@class), " "), " comment-list ")]'
    )
    for holder in lists:
        for element in holder.iter():
            if not isinstance(element.tag, str):
                findings.append(f"node {element!r}")
                continue
            if element.tag not in SAFE_TAGS:
                findings.append(f"tag <{element.tag}>")
            for name, value in element.attrib.items():
                if name not in SAFE_ATTRIBUTES:
                    findings.append(f"attribute {name}= on <{element.tag}>")
                if name == "href" and not value.strip().lower().startswith(SAFE_SCHEMES):
                    findings.append(f"href {value!r}")
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.text or "")  # a data block: it must stay valid JSON
        elif not (script.get("src") or "").startswith("/static/"):
            findings.append("inline or foreign <script>")
    return findings
