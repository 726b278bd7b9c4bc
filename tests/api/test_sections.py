"""``/api/v1/sections``."""

from gazette.articles.models import CommentMode
from tests.factories import make_section, unpublish


def test_sections_lists_live_sections_in_site_order(client, home):
    world = make_section(title="World", slug="world", description="News from abroad.")
    sport = make_section(title="Sport", slug="sport", default_comment_mode=CommentMode.OPEN)
    unpublish(make_section(title="Withdrawn", slug="withdrawn"))
    make_section(title="Culture", slug="culture").delete()

    response = client.get("/api/v1/sections")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": world.pk,
            "title": "World",
            "slug": "world",
            "url": "http://testserver/world/",
            "description": "News from abroad.",
            "comment_mode": "premoderated",
        },
        {
            "id": sport.pk,
            "title": "Sport",
            "slug": "sport",
            "url": "http://testserver/sport/",
            "description": "",
            "comment_mode": "open",
        },
    ]


def test_sections_is_an_empty_list_on_a_new_site(client, home):
    response = client.get("/api/v1/sections")

    assert (response.status_code, response.json()) == (200, [])


def test_section_urls_in_the_api_answer_with_the_section(client, home):
    make_section(title="World", slug="world")

    (section,) = client.get("/api/v1/sections").json()

    assert client.get(section["url"]).status_code == 200
