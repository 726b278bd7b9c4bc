from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.articles.models import ArticleCorrection, ArticlePage
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def correct(article, *, kind="correction", text="The figure was a third, not a quarter.", at=None):
    return ArticleCorrection.objects.create(
        page=article, kind=kind, text=text, made_at=at or timezone.now()
    )


def test_a_correction_shows_in_a_box_on_the_article(client):
    article = make_article()
    correction = correct(article, kind="clarification", text="The cap applies to new licences.")

    html = client.get(article.url).content.decode()

    assert 'aria-labelledby="corrections-heading"' in html
    assert f'id="correction-{correction.pk}"' in html
    assert "<strong>Clarification</strong>" in html
    assert "The cap applies to new licences." in html


def test_article_without_corrections_has_no_box(client):
    assert "corrections-heading" not in client.get(make_article().url).content.decode()


def test_a_correction_moves_modified_at(client):
    published = timezone.now() - timedelta(days=3)
    article = make_article(published_at=published)
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=published)
    before = ArticlePage.objects.get(pk=article.pk).modified_at

    later = published + timedelta(days=1)
    correct(article, at=later)

    assert before == published
    assert ArticlePage.objects.get(pk=article.pk).modified_at == later


def test_corrections_page_lists_all_newest_first_with_links(client):
    now = timezone.now()
    first = make_article(title="Water story")
    second = make_article(title="Rent story")
    old = correct(first, text="Old fix.", at=now - timedelta(days=2))
    new = correct(second, kind="update", text="New facts.", at=now - timedelta(hours=1))
    draft = make_article(title="Unpublished story", publish=False)
    correct(draft, text="Hidden fix.")

    html = client.get("/corrections/").content.decode()

    assert html.index("New facts.") < html.index("Old fix.")
    assert f'href="{second.url}#correction-{new.pk}"' in html
    assert f'href="{first.url}#correction-{old.pk}"' in html
    assert "Hidden fix." not in html


def test_breaking_banner_links_to_the_story_on_every_page_until_it_expires(client):
    section = make_section(slug="world")
    story = make_article(section=section, title="Quake strikes the coast")
    ArticlePage.objects.filter(pk=story.pk).update(
        breaking_until=timezone.now() + timedelta(hours=2)
    )
    other = make_article(section=section, title="Quiet story")

    for url in ["/", section.url, other.url, "/corrections/"]:
        html = client.get(url).content.decode()
        assert 'aria-label="Breaking news"' in html, url
        assert f'<a href="{story.url}">Quake strikes the coast</a>' in html, url

    ArticlePage.objects.filter(pk=story.pk).update(
        breaking_until=timezone.now() - timedelta(minutes=1)
    )
    assert 'aria-label="Breaking news"' not in client.get("/").content.decode()


def test_unpublished_breaking_story_shows_no_banner(client):
    story = make_article(title="Embargoed", publish=False)
    ArticlePage.objects.filter(pk=story.pk).update(
        breaking_until=timezone.now() + timedelta(hours=2)
    )

    assert "Embargoed" not in client.get("/").content.decode()
