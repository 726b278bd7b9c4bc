"""Related articles under an article: which ones, in what order, and at what query cost."""

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gazette.articles.discovery import related_articles
from tests.factories import aware, make_article, make_author, make_section, unpublish


def titles(articles) -> list[str]:
    return [article.title for article in articles]


def test_more_shared_tags_rank_higher_then_newest(home):
    world, sport = make_section(), make_section()
    page = make_article(section=world, tags=("iran", "budget", "oil"))
    make_article(section=sport, title="One tag, new", tags=("oil",), published_at=aware(2024, 5, 9))
    make_article(
        section=sport, title="Two tags", tags=("oil", "iran"), published_at=aware(2020, 1, 1)
    )
    make_article(
        section=sport, title="One tag, old", tags=("iran",), published_at=aware(2021, 1, 1)
    )

    assert titles(related_articles(page)) == ["Two tags", "One tag, new", "One tag, old"]


def test_tag_matches_come_before_same_section_articles(home):
    world, sport = make_section(), make_section()
    page = make_article(section=world, tags=("oil",))
    make_article(section=world, title="Same section, newest", published_at=aware(2025, 1, 1))
    make_article(section=world, title="Same section, older", published_at=aware(2023, 1, 1))
    make_article(section=sport, title="Shared tag", tags=("oil",), published_at=aware(2019, 1, 1))
    make_article(section=sport, title="Unrelated", published_at=aware(2025, 6, 1))

    assert titles(related_articles(page)) == [
        "Shared tag",
        "Same section, newest",
        "Same section, older",
    ]


def test_never_the_article_itself(home):
    section = make_section()
    page = make_article(section=section, tags=("oil",))
    make_article(section=section, title="Other", tags=("oil",))

    assert titles(related_articles(page)) == ["Other"]


def test_only_published_articles(home):
    section = make_section()
    page = make_article(section=section, tags=("oil",))
    make_article(section=section, title="Draft", tags=("oil",), publish=False)
    unpublish(make_article(section=section, title="Withdrawn", tags=("oil",)))
    make_article(section=section, title="Live")

    assert titles(related_articles(page)) == ["Live"]


def test_at_most_limit_articles(home):
    section = make_section()
    page = make_article(section=section)
    for number in range(6):
        make_article(section=section, title=f"Story {number}")

    assert len(related_articles(page)) == 4
    assert len(related_articles(page, limit=2)) == 2


def test_an_unsaved_preview_has_none(home):
    from gazette.articles.models import ArticlePage

    assert related_articles(ArticlePage(title="Preview")) == []


def count_queries(page) -> int:
    with CaptureQueriesContext(connection) as queries:
        related_articles(page)
    return len(queries)


def test_query_count_does_not_grow_with_articles_tags_and_bylines(home):
    section = make_section()
    page = make_article(section=section, tags=("oil", "iran"))
    make_article(section=section, tags=("oil",), authors=(make_author(),))
    few = count_queries(page)

    reporters = [make_author() for _ in range(3)]
    for number in range(6):
        make_article(section=section, tags=("oil", "iran", f"t{number}"), authors=tuple(reporters))

    assert count_queries(page) == few


def test_the_article_page_shows_related_articles(client, home):
    section = make_section(slug="world")
    make_article(section=section, title="Earlier story", tags=("oil",))
    page = make_article(section=section, slug="today", tags=("oil",))

    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    box = html.select_one("section.related")

    assert [h.get_text(strip=True) for h in box.select(".card__headline")] == ["Earlier story"]


def test_the_article_page_without_related_articles_has_no_box(client, home):
    page = make_article(section=make_section(slug="world"), slug="alone")

    html = BeautifulSoup(client.get(page.url).content, "html.parser")

    assert html.select_one("section.related") is None
