"""Kept pieces of the article page (the related box, the ``<head>`` metadata): drawn once,
then reused until a change that shows in them, which the next anonymous request shows.

Pieces are kept only outside transactions, so these tests commit as requests do: each
change purges when it is saved, as in production.
"""

import json
import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from taggit.models import Tag
from wagtail.models import Collection

from gazette.articles import discovery
from gazette.articles.models import ArticleCorrection
from gazette.cache import fragments
from gazette.comments.services import comment_approve
from gazette.seo import metadata
from tests.cache.helpers import wsgi_request
from tests.comments.helpers import submit
from tests.factories import (
    ensure_home,
    make_article,
    make_author,
    make_image,
    make_section,
    republish,
    unpublish,
)


@pytest.fixture
def committed_home(transactional_db, settings):
    settings.GAZETTE_PAGE_CACHE = False
    if not Collection.objects.exists():  # flushed by an earlier transactional test
        Collection.add_root(name="Root")
    return ensure_home()


class Draws:
    """How often the related box and the head metadata were drawn, not taken from a memo."""

    def __init__(self, monkeypatch):
        self.related = self.head = 0
        related, head = discovery.related_articles, metadata.article_metadata

        def count_related(*args, **kwargs):
            self.related += 1
            return related(*args, **kwargs)

        def count_head(*args, **kwargs):
            self.head += 1
            return head(*args, **kwargs)

        monkeypatch.setattr(discovery, "related_articles", count_related)
        monkeypatch.setattr(metadata, "article_metadata", count_head)


@pytest.fixture
def draws(monkeypatch):
    return Draws(monkeypatch)


@pytest.fixture
def story(committed_home):
    """An article with an author, two tags and a lead image, and one related article
    sharing a tag in another section."""
    world = make_section(title="World", slug="world")
    author = make_author(name="Sara Ahmadi", slug="sara-ahmadi")
    article = make_article(
        section=world,
        title="Rivers rise",
        slug="rivers-rise",
        authors=(author,),
        tags=("floods", "weather"),
        lead_image=make_image(),
    )
    related = make_article(
        section=make_section(title="Science", slug="science"),
        title="Why floods grow",
        tags=("floods",),
        lead_image=make_image(),
    )
    return article, related


def read(client, article) -> str:
    answer = client.get(article.url)
    assert answer.status_code == 200
    return answer.content.decode()


def related_box(html: str) -> str:
    match = re.search(r'<section class="related".*?</section>', html, re.S)
    return match.group(0) if match else ""


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_the_box_and_the_head_are_drawn_once_between_changes(client, story, draws):
    article, _ = story
    first = read(client, article)
    assert read(client, article) == first
    assert (draws.related, draws.head) == (1, 1)


def test_a_comment_approval_leaves_the_box_and_the_head_kept(client, story, draws):
    article, related = story
    comment = submit(article, "The bridge held all night.").comment
    read(client, article)

    comment_approve(comment=comment)

    page = read(client, article)
    assert "The bridge held all night." in page
    assert "Why floods grow" in related_box(page)
    assert (draws.related, draws.head) == (1, 1), "a comment changes neither"


def test_a_related_article_edited_shows_its_new_headline(client, story, draws):
    article, related = story
    assert "Why floods grow" in related_box(read(client, article))

    republish(related, title="Why floods grow faster")

    assert "Why floods grow faster" in related_box(read(client, article))
    assert draws.related == 2


def test_a_new_article_sharing_a_tag_joins_the_box(client, story):
    article, _ = story
    read(client, article)

    make_article(section=make_section(), title="Levees tested", tags=("weather",))

    assert "Levees tested" in related_box(read(client, article))


def test_a_new_article_in_the_section_joins_the_box(client, committed_home):
    section = make_section()
    lonely = make_article(section=section, title="Alone for now")
    assert related_box(read(client, lonely)) == ""

    make_article(section=section, title="A neighbour arrives")

    assert "A neighbour arrives" in related_box(read(client, lonely))


def test_an_unpublished_related_article_leaves_the_box(client, story):
    article, related = story
    read(client, article)

    unpublish(related)

    assert "Why floods grow" not in read(client, article)


def test_a_related_article_with_a_new_lead_image_shows_it(client, story):
    article, related = story
    before = related_box(read(client, article))
    image = make_image(title="New picture", colour=(10, 200, 10))

    republish(related, lead_image=image)

    after = related_box(read(client, article))
    assert after != before
    assert f"/images/{image.file.name.rsplit('/', 1)[-1].split('.')[0]}." in after


def test_a_tag_taken_off_the_article_changes_its_box(client, story):
    article, _ = story
    read(client, article)

    draft = type(article).objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.tags.set(["weather"])
    draft.save_revision().publish()

    assert "Why floods grow" not in read(client, article)


def test_the_head_follows_the_article(client, story):
    article, _ = story
    read(client, article)

    republish(article, title="Rivers burst their banks", standfirst="Towns evacuated.")

    head = read(client, article).split("</head>")[0]
    assert '<meta property="og:title" content="Rivers burst their banks">' in head
    assert json_ld(head)["description"] == "Towns evacuated."
    assert 'title="Comments on “Rivers burst their banks”"' in head, "the feed links"


def test_a_correction_reaches_the_head(client, story):
    article, _ = story
    read(client, article)

    draft = type(article).objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.corrections.add(ArticleCorrection(kind="correction", text="The river is the Karun."))
    draft.save_revision().publish()

    corrections = json_ld(read(client, article))["correction"]
    assert [entry["text"] for entry in corrections] == ["The river is the Karun."]


def test_a_renamed_author_reaches_the_head(client, story):
    article, _ = story
    read(client, article)
    author = article.ordered_bylines[0]

    author.name = "Sara Ahmadi-Rad"
    author.save()

    assert json_ld(read(client, article))["author"][0]["name"] == "Sara Ahmadi-Rad"


def test_a_renamed_tag_reaches_the_head(client, story):
    article, _ = story
    read(client, article)

    tag = Tag.objects.get(slug="weather")
    tag.name = "Weather and climate"
    tag.save()

    assert "Weather and climate" in json_ld(read(client, article))["keywords"]


def test_a_renamed_section_reaches_the_head(client, story):
    article, _ = story
    read(client, article)

    section = article.get_parent().specific
    section.title = "Around the World"
    section.save_revision().publish()

    assert json_ld(read(client, article))["articleSection"] == "Around the World"


def test_a_new_lead_image_reaches_the_head(client, story):
    article, _ = story
    before = json_ld(read(client, article))["image"]

    republish(article, lead_image=make_image(title="Aerial view", colour=(0, 0, 200)))

    after = json_ld(read(client, article))["image"]
    assert len(after) == 3
    assert set(after).isdisjoint(before)


def test_a_page_built_from_kept_pieces_carries_their_tags(story, draws, settings):
    """The page cache stores the page re-rendered after a comment purge with the kept
    pieces' tags, so a change to a related article still purges it."""
    settings.GAZETTE_PAGE_CACHE = True
    article, related = story
    comment = submit(article, "First!").comment
    wsgi_request(article.url)
    assert wsgi_request(article.url).cache == "hit"

    comment_approve(comment=comment)
    again = wsgi_request(article.url)

    assert again.cache == "miss"
    assert (draws.related, draws.head) == (1, 1), "drawn from the kept pieces"
    shown = again.headers["surrogate-key"].split()
    author = article.ordered_bylines[0]
    assert {f"article-{related.pk}", "tag-floods", f"author-{author.pk}"} <= set(shown)
    assert wsgi_request(article.url).cache == "hit"

    republish(related, title="Why floods grow faster")

    answer = wsgi_request(article.url)
    assert answer.cache == "miss"
    assert "Why floods grow faster" in answer.text


# --- the keeping rules, without pages ---


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"<p>{self.calls}</p>"


@pytest.mark.django_db(transaction=True)
def test_each_language_keeps_its_own_piece():
    draw, request = Counter(), RequestFactory().get("/")
    with translation.override("en"):
        assert fragments.render("t", (1,), draw, request=request) == "<p>1</p>"
        assert fragments.render("t", (1,), draw, request=request) == "<p>1</p>"
    with translation.override("fa"):
        assert fragments.render("t", (1,), draw, request=request) == "<p>2</p>"


@pytest.mark.django_db(transaction=True)
def test_a_preview_or_an_unsaved_page_is_never_kept():
    draw, request = Counter(), RequestFactory().get("/")
    request.is_preview = True
    fragments.render("t", (1,), draw, request=request)
    fragments.render("t", (1,), draw, request=request)
    plain = RequestFactory().get("/")
    fragments.render("t", (None,), draw, request=plain)
    fragments.render("t", (None,), draw, request=plain)
    assert draw.calls == 4
    assert fragments.render("t", (1,), draw, request=plain) == "<p>5</p>", "nothing was kept"


@pytest.mark.django_db
def test_inside_a_transaction_pieces_are_drawn_every_time():
    draw = Counter()
    fragments.render("t", (1,), draw, request=RequestFactory().get("/"))
    fragments.render("t", (1,), draw, request=RequestFactory().get("/"))
    assert draw.calls == 2


@pytest.mark.django_db(transaction=True)
def test_a_piece_drawn_without_a_request_or_host_is_not_kept():
    from django.template import engines

    template = engines["django"].from_string(
        '{% load gazette_cache %}{% fragment "t-header" %}{{ value }}{% endfragment %}'
    )
    bad_host = RequestFactory().get("/", HTTP_HOST="elsewhere.example")
    assert template.render({"value": "a"}) == "a"
    assert template.render({"value": "b"}) == "b"
    assert template.render({"value": "c"}, request=bad_host) == "c"
    assert template.render({"value": "d"}, request=bad_host) == "d"
