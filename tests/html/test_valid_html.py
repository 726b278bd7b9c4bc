"""Every kind of reader-facing page passes the Nu HTML Checker (vnu-jar) with zero errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from gazette.articles.models import ArticleCorrection
from tests.comments.helpers import submit
from tests.factories import make_article, make_author, make_image, make_section

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

pytestmark = pytest.mark.django_db


def vnu_errors(documents: dict[str, str], tmp_path: Path) -> dict[str, list[str]]:
    """Run the checker once over all documents; errors by document name."""
    if not VNU.exists():
        pytest.fail("node_modules/vnu-jar is missing: `make test` installs it with npm.")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: the Nu HTML Checker needs a Java runtime.")
    files = {}
    for name, html in documents.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files[f"file:{path}"] = name
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--stdout",
            *[str(tmp_path / f"{n}.html") for n in documents],
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors: dict[str, list[str]] = {name: [] for name in documents}
    for message in json.loads(result.stdout)["messages"]:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            name = files.get(message.get("url"), message.get("url"))
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message.get('message')}"
            )
    return errors


def test_the_checker_reports_invalid_markup(tmp_path):
    errors = vnu_errors({"broken": "<!DOCTYPE html><html><body><p><div></p></span>"}, tmp_path)

    assert errors["broken"], "vnu must flag a document with no title and stray end tags"


def test_reader_pages_have_no_html_errors(client, settings, tmp_path):
    settings.GAZETTE_HOLD_FIRST_COMMENTS = False
    settings.GAZETTE_COMMENT_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = "off"
    section = make_section(title="World", slug="world", default_comment_mode="open")
    author = make_author(name="Leila Ahmadi", slug="leila-ahmadi")
    article = make_article(
        section=section,
        authors=(author,),
        tags=("water", "iran"),
        lead_image=make_image(),
        lead_image_caption="Reservoir at dusk",
        lead_image_credit="Illustration: Gazette",
        title='Rain returns <with> "quotes" & ampersands',
        slug="rain-returns",
    )
    ArticleCorrection.objects.create(
        page=article, kind="correction", text="A figure was wrong.", made_at=timezone.now()
    )
    first = submit(article, "A comment with a [link](https://example.org) and *emphasis*.").comment
    submit(article, "> quoting\n\nA reply", parent_id=first.pk)
    persian = make_article(section=section, title="باران بازگشت", language="fa", slug="baran")
    year = timezone.localtime(article.published_at).strftime("%Y/%m/%d")
    pages = {
        "home": "/",
        "section": section.url,
        "article": article.url,
        "persian-article": persian.url,
        "author": "/authors/leila-ahmadi/",
        "tag": "/tags/water/",
        "corrections": "/corrections/",
        "comment-form": f"/comments/{article.pk}/form/?parent={first.pk}",
        "search": "/search/?q=rain",
        "search-empty": "/search/",
        "archive-year": "/archive/" + year[:4] + "/",
        "archive-month": "/archive/" + year[:7] + "/",
        "archive-day": "/archive/" + year + "/",
    }
    documents = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} gave {response.status_code}"
        documents[name] = response.content.decode()

    errors = vnu_errors(documents, tmp_path)

    assert {name: found for name, found in errors.items() if found} == {}
