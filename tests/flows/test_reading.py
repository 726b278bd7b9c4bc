import pytest

from tests.factories import aware, make_article, make_author, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_follows_a_front_page_link_to_the_article_and_sees_its_dateline(
    live_server, page, settings
):
    settings.TIME_ZONE = "Asia/Tehran"
    world = make_section(title="World", slug="world")
    reporter = make_author(name="Shirin Karimi", slug="shirin-karimi")
    make_article(
        section=world,
        title="Older story",
        slug="older-story",
        published_at=aware(2022, 5, 1, 8, 0, zone="Asia/Tehran"),
    )
    make_article(
        section=world,
        authors=(reporter,),
        title="Rain returns to the capital",
        slug="rain-returns",
        dateline_place="Tehran",
        published_at=aware(2022, 5, 18, 21, 18, zone="Asia/Tehran"),
    )

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Rain returns to the capital").first.click()

    page.wait_for_url("**/world/rain-returns/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rain returns to the capital"
    assert page.locator(".article__dateline").inner_text() == "TEHRAN — May 18, 2022 - 21:18"
    assert page.get_by_role("link", name="Shirin Karimi").get_attribute("href") == (
        "/authors/shirin-karimi/"
    )
