"""Related articles rank only a few candidates; these cases sit at the edges of those sets
and must still come out in the promised order: more shared tags first, newest first among
equals, then the section's newest; only published, public articles, never the page."""

from wagtail.models import PageViewRestriction

from gazette.articles.discovery import related_articles
from tests.factories import aware, make_article, make_section, unpublish


def titles(articles) -> list[str]:
    return [article.title for article in articles]


def test_an_old_article_sharing_two_tags_beats_many_newer_sharing_one(home):
    world, sport = make_section(), make_section()
    page = make_article(section=world, tags=("oil", "iran"))
    make_article(
        section=sport, title="Two, old", tags=("oil", "iran"), published_at=aware(2001, 1, 1)
    )
    for day in range(1, 7):
        make_article(
            section=sport, title=f"One, day {day}", tags=("oil",), published_at=aware(2024, 1, day)
        )

    assert titles(related_articles(page)) == ["Two, old", "One, day 6", "One, day 5", "One, day 4"]


def test_drafts_withdrawn_and_restricted_articles_take_no_place(home):
    world, sport, members = make_section(), make_section(), make_section()
    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    page = make_article(section=world, tags=("oil",))
    make_article(section=sport, title="Public, old", tags=("oil",), published_at=aware(2001, 1, 1))
    for day in range(1, 4):
        newer = {"tags": ("oil",), "published_at": aware(2024, 1, day)}
        make_article(section=members, title=f"Members {day}", **newer)
        make_article(section=sport, title=f"Draft {day}", publish=False, **newer)
        unpublish(make_article(section=sport, title=f"Withdrawn {day}", **newer))

    assert titles(related_articles(page, limit=2)) == ["Public, old"]


def test_section_articles_that_share_a_tag_leave_room_for_the_sections_newest(home):
    world, sport = make_section(), make_section()
    page = make_article(section=world, tags=("oil",), published_at=aware(2020, 1, 1))
    make_article(
        section=sport, title="Tagged elsewhere", tags=("oil",), published_at=aware(2001, 1, 1)
    )
    make_article(section=world, title="Tagged here", tags=("oil",), published_at=aware(2025, 1, 9))
    for day in range(1, 5):
        make_article(section=world, title=f"Here {day}", published_at=aware(2024, 1, day))
    make_article(section=sport, title="Elsewhere, newest", published_at=aware(2026, 1, 1))

    assert titles(related_articles(page)) == ["Tagged here", "Tagged elsewhere", "Here 4", "Here 3"]


def test_the_section_fallback_skips_the_page_and_other_sections(home):
    world, sport = make_section(), make_section()
    page = make_article(section=world, published_at=aware(2030, 1, 1))
    make_article(section=world, title="Here", published_at=aware(2020, 1, 1))
    make_article(section=sport, title="Elsewhere", published_at=aware(2025, 1, 1))

    assert titles(related_articles(page)) == ["Here"]


def test_ties_on_date_go_to_the_later_article(home):
    section = make_section()
    page = make_article(section=section, tags=("oil",))
    same = aware(2024, 5, 1)
    first = make_article(section=section, title="First", tags=("oil",), published_at=same)
    second = make_article(section=section, title="Second", tags=("oil",), published_at=same)

    assert second.pk > first.pk
    assert titles(related_articles(page)) == ["Second", "First"]
