"""Pages of comments under an article: reading order, page links without JavaScript,
forgiving page numbers, conversations longer than a page, and lasting comment addresses."""

import random
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from gazette.comments.models import Comment, CommentStatus
from gazette.comments.selectors import comment_page, comment_page_number
from tests.comments.bulk import bulk_comments, comment_row
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(section=make_section(default_comment_mode="open"))


@pytest.fixture
def per_page(settings):
    settings.GAZETTE_COMMENTS_PER_PAGE = 3
    return 3


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def shown_ids(page_soup) -> list[int]:
    """Comment ids in the order the page shows them (nested replies included)."""
    return [int(li["id"].removeprefix("comment-")) for li in page_soup.select("li.comment")]


def at(minutes: int):
    return timezone.now() - timedelta(days=1) + timedelta(minutes=minutes)


def add(article, minutes: int, parent=None, **fields) -> Comment:
    comment = comment_row(article, at=at(minutes), parent=parent, **fields)
    comment.save()
    return comment


def test_default_is_200_comments_a_page(client, article):
    bulk_comments(article, threads=201)

    first = soup(client.get(article.url))
    second = soup(client.get(article.url, {"comments": 2}))

    assert len(shown_ids(first)) == 200
    assert len(shown_ids(second)) == 1
    assert "201 comments" in first.select_one("#comments-heading").get_text()


def test_pages_count_comments_and_link_to_each_other_without_javascript(
    client, article, per_page
):
    comments = bulk_comments(article, threads=7)
    ids = [comment.pk for comment in comments]

    first = soup(client.get(article.url))
    middle = soup(client.get(article.url, {"comments": "2"}))
    last = soup(client.get(article.url, {"comments": "3"}))

    assert shown_ids(first) == ids[:3]
    assert shown_ids(middle) == ids[3:6]
    assert shown_ids(last) == ids[6:]
    nav = middle.select_one("#comments nav")
    assert nav["aria-label"] == "Pages of comments"
    assert nav.select_one("a[rel=prev]")["href"] == f"{article.url}#comments"
    assert nav.select_one("a[rel=next]")["href"] == "?comments=3#comments"
    assert "Page 2 of 3" in nav.get_text()
    assert first.select_one("#comments nav a[rel=prev]") is None
    assert last.select_one("#comments nav a[rel=prev]")["href"] == "?comments=2#comments"
    assert last.select_one("#comments nav a[rel=next]") is None
    for page in (first, middle, last):
        assert "7 comments" in page.select_one("#comments-heading").get_text()


def test_one_page_of_comments_has_no_page_links(client, article, per_page):
    bulk_comments(article, threads=3)

    page = soup(client.get(article.url))

    assert page.select_one("#comments nav") is None
    assert not page.select_one("#comments").has_attr("data-comment-permalink")


def test_replies_follow_the_comment_they_answer_before_later_conversations(
    client, article, per_page
):
    first = add(article, 0)
    second = add(article, 1)
    reply = add(article, 2, parent=first)
    reply_to_reply = add(article, 3, parent=reply)

    page_one = soup(client.get(article.url))
    page_two = soup(client.get(article.url, {"comments": 2}))

    assert shown_ids(page_one) == [first.pk, reply.pk, reply_to_reply.pk]
    nested = page_one.select_one(f"#comment-{first.pk} #comment-{reply.pk}")
    assert nested is not None, "the reply sits inside the comment it answers"
    assert shown_ids(page_two) == [second.pk]


def test_a_conversation_longer_than_a_page_continues_on_the_next_page(
    client, article, per_page
):
    root = add(article, 0, name="Parvin")
    replies = [add(article, 1 + n, parent=root) for n in range(7)]
    later = add(article, 60)

    pages = [soup(client.get(article.url, {"comments": n})) for n in (1, 2, 3)]

    assert [len(shown_ids(page)) for page in pages] == [3, 3, 3]
    assert shown_ids(pages[1]) == [reply.pk for reply in replies[2:5]]
    assert shown_ids(pages[2]) == [replies[5].pk, replies[6].pk, later.pk]
    continued = pages[1].select_one(".comment-pages__continued")
    assert continued is not None and "page 1" in continued.get_text()
    first_on_two = pages[1].select_one(f"#comment-{replies[2].pk} .comment__reply-to")
    assert "Parvin" in first_on_two.get_text()
    assert pages[0].select_one(".comment-pages__continued") is None


@pytest.mark.parametrize("raw", ["abc", "0", "-2", "1.5", "", " ", "2x", "١"])
def test_a_page_number_that_is_not_a_whole_number_from_1_shows_page_one(
    client, article, per_page, raw
):
    ids = [comment.pk for comment in bulk_comments(article, threads=5)]

    response = client.get(article.url, {"comments": raw})

    assert shown_ids(soup(response)) == ids[:3]


def test_a_page_past_the_last_shows_the_last(client, article, per_page):
    ids = [comment.pk for comment in bulk_comments(article, threads=5)]

    page = soup(client.get(article.url, {"comments": "99"}))

    assert shown_ids(page) == ids[3:]
    assert "Page 2 of 2" in page.select_one("#comments nav").get_text()


def test_hidden_comments_take_no_place_on_a_page(client, article, per_page):
    removed = add(article, 0, status=CommentStatus.REMOVED)
    orphan = add(article, 1, parent=removed)
    add(article, 2, status=CommentStatus.PENDING)
    shown = [add(article, 3 + n) for n in range(3)]

    page_one = soup(client.get(article.url))

    assert shown_ids(page_one) == [orphan.pk, shown[0].pk, shown[1].pk]
    assert page_one.select_one(f"#comment-{orphan.pk} .comment__reply-to") is None
    assert "4 comments" in page_one.select_one("#comments-heading").get_text()


def test_every_comment_is_on_the_page_its_number_says_and_on_no_other(article, settings):
    settings.GAZETTE_COMMENTS_PER_PAGE = 7
    rng = random.Random(5)
    made: list[Comment] = []
    for minute in range(60):
        parent = rng.choice(made) if made and rng.random() < 0.6 else None
        status = CommentStatus.APPROVED if rng.random() < 0.85 else CommentStatus.REMOVED
        made.append(add(article, minute, parent=parent, status=status))
    visible = [comment for comment in made if comment.status == CommentStatus.APPROVED]

    seen: dict[int, int] = {}
    page = comment_page(article, 1)
    for number in range(1, page.num_pages + 1):
        for node in walk(comment_page(article, number).nodes):
            assert node.comment.pk not in seen, "no comment is on two pages"
            seen[node.comment.pk] = number

    assert set(seen) == {comment.pk for comment in visible}
    for comment in visible:
        assert comment_page_number(comment) == seen[comment.pk]


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node.replies)


def test_a_comments_lasting_address_redirects_to_the_page_that_shows_it(
    client, article, per_page
):
    comments = bulk_comments(article, threads=8)
    first, last = comments[0], comments[-1]

    response = client.get(last.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == f"{article.url}?comments=3#comment-{last.pk}"
    assert last.pk in shown_ids(soup(client.get(response["Location"].split("#")[0])))
    assert client.get(f"/comments/{first.pk}/")["Location"] == f"{article.url}#comment-{first.pk}"


def test_a_page_of_several_sends_old_anchor_links_to_the_lasting_address(
    client, article, per_page
):
    bulk_comments(article, threads=4)

    section = soup(client.get(article.url)).select_one("#comments")

    assert section["data-comment-permalink"] == "/comments/0/"
    assert section.select_one('script[src$="comments/permalink.js"]') is not None


def test_hidden_comments_and_unpublished_articles_have_no_lasting_address(client, article):
    pending = add(article, 0, status=CommentStatus.PENDING)
    draft = make_article(section=make_section(default_comment_mode="open"), publish=False)
    on_draft = add(draft, 0)

    assert client.get(f"/comments/{pending.pk}/").status_code == 404
    assert client.get(f"/comments/{on_draft.pk}/").status_code == 404
    assert client.get("/comments/999999/").status_code == 404


def test_the_comments_feed_still_lists_the_newest_comments_whatever_their_page(
    client, article, per_page
):
    comments = bulk_comments(article, threads=4, replies=4)
    newest = max(comments, key=lambda comment: comment.created_at)

    feed = client.get(f"/feeds/article/{article.pk}/comments/").content.decode()

    assert feed.count("</entry>") == 8
    assert feed.index(f"#comment-{newest.pk}") < feed.index(f"#comment-{comments[0].pk}")


def test_a_middle_page_of_a_long_conversation_is_valid_html(client, article, per_page, tmp_path):
    from tests.html.test_valid_html import vnu_errors

    root = add(article, 0)
    for n in range(6):
        add(article, 1 + n, parent=root)
    add(article, 30)
    html = client.get(article.url, {"comments": 2}).content.decode()
    assert "comment-pages__continued" in html and 'rel="next"' in html

    assert vnu_errors({"comments-page-2": html}, tmp_path) == {"comments-page-2": []}
