"""Pages of cards read what a card shows: no bylines or tags, which only feeds and the API
print."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home, settings):
    settings.GAZETTE_PAGE_CACHE = False
    section = make_section(title="World", slug="world")
    for _ in range(3):
        make_article(
            section=section, authors=(make_author(),), tags=("floods",), lead_image=make_image()
        )
    return section


@pytest.mark.parametrize("path", ["/world/", "/", "/search/?q=Headline"])
def test_card_pages_read_no_bylines_or_tags(client, section, path):
    client.get(path)  # renditions made
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(path)
    assert answer.status_code == 200
    assert answer.content.decode().count('class="card') >= 3
    read = " ".join(query["sql"] for query in captured)
    assert "articles_articlebyline" not in read
    assert "taggit_tag" not in read


def test_feeds_still_name_authors_and_tags(client, section):
    feed = client.get("/feeds/section/world/atom/").content.decode()
    assert "<author>" in feed and 'term="floods"' in feed
