"""`gazette bench_data`: a large site written in bulk must be a valid Wagtail site."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from gazette.articles.models import ArticleByline, ArticlePage, ArticleTag, SectionPage
from gazette.comments.models import Comment, CommentStatus
from gazette.comments.rendering import body_fingerprint, render_comment
from gazette.core.benchdata import load_bench_site

pytestmark = pytest.mark.django_db


def tree_problems() -> list[list[int]]:
    return [problem for problem in Page.find_problems() if problem]


def test_counts_are_exact_and_the_tree_is_valid(home):
    loaded = load_bench_site(articles=30, comments=200, sections=3, threads=(7, 0))

    assert loaded.articles == 32
    assert loaded.comments == 207
    bench = ArticlePage.objects.filter(path__startswith=home.path, slug__startswith="story-")
    assert bench.count() == 32
    assert Comment.objects.filter(status=CommentStatus.APPROVED).count() == 207
    assert Comment.objects.filter(article=loaded.threads[7]).count() == 7
    assert not Comment.objects.filter(article=loaded.threads[0]).exists()
    assert tree_problems() == []


def test_articles_are_spread_over_their_sections(home):
    loaded = load_bench_site(articles=30, comments=0, sections=3)

    sections = SectionPage.objects.child_of(home).filter(slug__startswith="bench-")
    assert sorted(section.slug for section in sections) == ["bench-1", "bench-2", "bench-3"]
    for section in loaded.sections:
        children = ArticlePage.objects.child_of(section)
        assert children.count() == 10
        assert Page.objects.get(pk=section.pk).numchild == 10
        for article in children:
            assert article.get_parent().pk == section.pk
            assert article.url_path == f"{section.url_path}{article.slug}/"


def test_articles_are_stored_listed_in_their_sections(home):
    from gazette.articles.selectors import section_articles

    loaded = load_bench_site(articles=12, comments=0, sections=3, threads=(0,))

    for section in loaded.sections:
        children = ArticlePage.objects.child_of(section)
        assert set(children.values_list("section_page_id", "listed")) == {(section.pk, True)}
        expected = children.live().public().order_by("-published_at", "-pk")
        assert list(section_articles(section)) == list(expected)
        assert section_articles(section).count() == expected.count()


def test_pages_serve_to_readers(home, client):
    loaded = load_bench_site(articles=6, comments=40, sections=2, threads=(5,))
    article = loaded.threads[5]

    page = client.get(article.url)
    section = client.get(loaded.sections[1].url)
    front = client.get("/")

    assert page.status_code == 200
    assert article.title in page.content.decode()
    for comment in Comment.objects.filter(article=article):
        assert f'id="comment-{comment.pk}"' in page.content.decode()
    assert section.status_code == 200
    for child in ArticlePage.objects.child_of(loaded.sections[1]):
        assert child.title in section.content.decode()
    assert front.status_code == 200
    api = client.get(f"/api/v1/articles/{article.pk}/comments")
    assert api.status_code == 200 and api.json()["count"] == 5


def test_comments_are_stored_as_the_service_stores_them(home):
    load_bench_site(articles=4, comments=60, sections=1)

    for comment in Comment.objects.all():
        assert comment.body_html == render_comment(comment.body)
        assert comment.body_hash == body_fingerprint(comment.body)
        if comment.parent_id:
            assert comment.parent.article_id == comment.article_id
            assert comment.parent.parent_id is None
    assert Comment.objects.filter(parent__isnull=False).exists()


def test_every_article_has_bylines_and_tags(home):
    loaded = load_bench_site(articles=5, comments=0, sections=1)

    for article in ArticlePage.objects.child_of(loaded.sections[0]):
        assert 1 <= ArticleByline.objects.filter(page=article).count() <= 2
        assert ArticleTag.objects.filter(content_object=article).count() == 3


def test_running_again_adds_more_after_the_existing_articles(home):
    load_bench_site(articles=4, comments=10, sections=2)
    load_bench_site(articles=4, comments=10, sections=2)

    for section in SectionPage.objects.child_of(home).filter(slug__startswith="bench-"):
        slugs = list(ArticlePage.objects.child_of(section).values_list("slug", flat=True))
        assert sorted(slugs) == ["story-1", "story-2", "story-3", "story-4"]
    assert Comment.objects.count() == 20
    assert tree_problems() == []


def test_the_command_reports_what_it_added_as_json(home):
    out = StringIO()

    call_command(
        "bench_data",
        "--articles",
        "3",
        "--comments",
        "9",
        "--sections",
        "1",
        "--threads",
        "4",
        "--json",
        "--no-progress",
        stdout=out,
    )

    summary = json.loads(out.getvalue())
    assert summary["articles"] == 4 and summary["comments"] == 13
    assert summary["threads"]["4"]["url"].startswith("/bench-1/story-")
    assert Comment.objects.filter(article_id=summary["threads"]["4"]["id"]).count() == 4


def test_the_command_refuses_comments_without_articles(home):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("bench_data", "--comments", "5", "--no-progress")
    assert not Comment.objects.exists()
