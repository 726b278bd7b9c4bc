"""The comment list's fast path: its SQL, its hand-written JSON and its short cuts to the
article and its URL must answer exactly what the ORM, the pydantic schema and Wagtail would."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from gazette.api.serializers import absolute
from gazette.comments.api import JSON_CONTENT_TYPE, _article_url
from gazette.comments.models import Comment, CommentStatus
from gazette.comments.selectors import commentable_article
from gazette.comments.serializers import CommentPageOut
from tests.comments.bulk import bulk_comments, comment_row
from tests.comments_api.conftest import approved_comment, comments_url
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home):
    return make_section(default_comment_mode="open")


def schema_rendering(data) -> bytes:
    """What ninja wrote before the list skipped it: the data validated through the declared
    schema, dumped and rendered by its JSON renderer."""
    return json.dumps(CommentPageOut.model_validate(data).model_dump()).encode()


def conversation(article):
    """Threads with replies three and more levels deep, a hidden comment with visible
    replies, a hidden reply, an edited comment and names that need escaping."""
    start = timezone.now() - timedelta(days=2)
    at = iter(start + timedelta(minutes=n) for n in range(100))
    rows = []

    def add(parent=None, status=CommentStatus.APPROVED, **fields):
        row = comment_row(article, at=next(at), parent=parent, status=status)
        for name, value in fields.items():
            setattr(row, name, value)
        row.save()
        rows.append(row)
        return row

    first = add(name='Ünïcode <b>&amp;</b> "quoted"', author_name='Ünï <b> "q"')
    reply = add(first)
    deeper = add(reply, edited_at=start + timedelta(hours=5))
    deepest = add(deeper)
    add(deepest)
    hidden = add(status=CommentStatus.REMOVED)
    add(hidden)
    add(hidden)
    add(first, status=CommentStatus.SPAM)
    for _ in range(4):
        add(add())
    return rows


@pytest.mark.parametrize("query", [{}, {"page_size": 2}, {"page_size": 2, "page": 3}])
def test_the_list_is_the_schema_s_own_rendering(client, section, query):
    article = make_article(section=section)
    conversation(article)

    response = client.get(comments_url(article), query)

    assert response.status_code == 200
    assert response["Content-Type"] == JSON_CONTENT_TYPE
    assert response.content == schema_rendering(response.json())


def test_the_list_keeps_the_shape_of_every_comment(client, section, settings):
    settings.GAZETTE_COMMENTS_PER_PAGE = 3
    article = make_article(section=section)
    rows = conversation(article)
    first, reply, deeper = rows[:3]

    data = client.get(comments_url(article), {"page_size": 1}).json()

    top = data["results"][0]
    assert (top["id"], top["parent"], top["depth"]) == (first.pk, None, 0)
    assert top["author_name"] == first.author_name
    assert top["body_html"] == first.body_html
    assert (
        top["created_at"]
        == timezone.localtime(first.created_at, timezone.get_default_timezone()).isoformat()
    )
    assert top["url"] == f"http://testserver{article.url}#comment-{first.pk}"
    nested = top["replies"][0]["replies"][0]
    assert (nested["id"], nested["parent"], nested["depth"]) == (deeper.pk, reply.pk, 2)
    assert (
        nested["edited_at"]
        == timezone.localtime(deeper.edited_at, timezone.get_default_timezone()).isoformat()
    )
    # The fourth comment in reading order is on the article's second page of three.
    assert nested["replies"][0]["url"].endswith(f"?comments=2#comment-{rows[3].pk}")


@pytest.mark.parametrize(
    ("threads", "replies", "query"),
    [
        (0, 0, {}),
        (3, 2, {}),
        (60, 40, {}),
        (60, 40, {"page": 2}),
        (300, 700, {"page_size": 200, "page": 2}),
    ],
)
def test_the_list_costs_two_queries_whatever_its_size(
    client, section, django_assert_num_queries, threads, replies, query
):
    article = make_article(section=section)
    bulk_comments(article, threads=threads, replies=replies)
    hidden = comment_row(article, at=timezone.now(), status=CommentStatus.REMOVED)
    hidden.save()
    Comment.objects.bulk_create(
        [comment_row(article, at=timezone.now(), parent=hidden) for _ in range(3)]
    )
    client.get(comments_url(article))  # warms the site-root cache, as any earlier request

    # The article with its restrictions, then the page of comments with its counts.
    with django_assert_num_queries(2):
        response = client.get(comments_url(article), query)

    assert response.status_code == 200
    data = response.json()
    assert (data["count"], data["threads"]) == (threads + replies + 3, threads + 3)


def test_a_page_past_the_end_is_found_out_by_the_same_query(client, section):
    article = make_article(section=section)
    bulk_comments(article, threads=60, replies=40)
    client.get(comments_url(article))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(comments_url(article), {"page": 3})

    assert response.status_code == 404
    assert "(2)" in response.json()["detail"]
    # Any 404 also asks Wagtail's redirect middleware for a redirect; the list itself reads
    # the article, then the comments once.
    assert len([q for q in queries if '"comments_comment"' in q["sql"]]) == 1
    assert len([q for q in queries if '"articles_articlepage"' in q["sql"]]) == 1


def test_the_list_reads_neither_sites_nor_restrictions_on_their_own(client, section):
    article = make_article(section=section)
    bulk_comments(article, threads=5, replies=5)
    client.get(comments_url(article))

    with CaptureQueriesContext(connection) as queries:
        client.get(comments_url(article))

    assert not [q for q in queries if '"wagtailcore_site"' in q["sql"]]
    assert all('"wagtailcore_page"' in q["sql"] for q in queries if "restriction" in q["sql"])


def test_an_article_in_a_restricted_section_has_no_comments_to_list(client, section):
    article = make_article(section=section)
    approved_comment(article)
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert commentable_article(article.pk) is None
    assert client.get(comments_url(article)).status_code == 404


def test_the_article_comes_with_its_section(section):
    article = make_article(section=section, comment_mode="")

    found = commentable_article(article.pk)

    assert found.pk == article.pk and found.url_path == article.url_path
    assert found.published_at == article.published_at
    with CaptureQueriesContext(connection) as queries:
        assert found.section.pk == section.pk
        assert found.effective_comment_mode == "open"
        assert found.section.close_comments_after_days is None
    assert len(queries) == 0


def test_a_draft_or_unknown_article_is_not_found(section):
    assert commentable_article(make_article(section=section, publish=False).pk) is None
    assert commentable_article(section.pk) is None  # a page, but not an article
    assert commentable_article(999_999) is None


@pytest.mark.parametrize("sites", [1, 2])
def test_the_article_url_is_wagtail_s(section, sites):
    article = make_article(section=section)
    if sites == 2:
        Site.objects.create(hostname="other.example", port=80, root_page=section)
    Site.clear_site_root_paths_cache()
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    expected = absolute(request, article.get_url(RequestFactory().get("/")) or "")

    found = commentable_article(article.pk)

    assert _article_url(found, RequestFactory().get("/")) == expected
