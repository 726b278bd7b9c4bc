"""Comments in ``/api/v1/``: the approved thread of an article, counts, and posting one.

Posting follows the HTML view (``views.comment_post``) step by step: the same form, the same
challenge, the same service; only the answers are JSON. The API is CSRF-exempt: a request
with ``Content-Type: application/json`` cannot be sent cross-site without a CORS preflight,
and this site answers none.
"""

import json
from typing import Annotated

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from gazette.api.serializers import absolute
from gazette.challenge.service import challenge_issue
from gazette.comments.clients import client_info
from gazette.comments.forms import HONEYPOT_FIELD, CommentForm
from gazette.comments.models import Comment, CommentStatus
from gazette.comments.selectors import (
    CommentableArticle,
    comment_counts,
    commentable_article,
    thread_page,
)
from gazette.comments.serializers import (
    CommentCountsOut,
    CommentErrorOut,
    CommentIn,
    CommentPageOut,
    CommentPendingOut,
    CommentPostedOut,
    comment_data,
    thread_data,
    thread_ids,
)
from gazette.comments.services import CommentError, RateLimited, comments_open
from gazette.comments.views import _remember_author

comments_router = Router(tags=["comments"])

ArticleId = Annotated[int, Field(ge=1, le=2**63 - 1)]
MAX_COUNT_ARTICLES = 100
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
#: What ninja's JSON renderer answers with.
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
FORM_FIELDS = (
    "author_name",
    "email",
    "body",
    "parent",
    HONEYPOT_FIELD,
    "challenge_token",
    "challenge_answer",
)


class CommentPaging(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Page of top-level threads, from 1")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Top-level threads per page"
    )


class CountFilters(Schema):
    article: list[ArticleId] = Field(
        description=f"Article id; repeat for up to {MAX_COUNT_ARTICLES} articles",
        min_length=1,
        max_length=MAX_COUNT_ARTICLES,
    )


def _article_url(article: CommentableArticle, request) -> str:
    """``absolute(request, article.get_url(request))``: with a single site the path was
    worked out with the article, whichever site the request is for; with several, Wagtail
    works it out for the request's site."""
    path = article.site_path
    if path is None:
        page = article.page()
        path = page.get_url(request) if page is not None else None
    return absolute(request, path or "")


def _json(data, status: int = 200) -> HttpResponse:
    """``data`` (plain dicts, lists, strings and numbers, shaped as the operation's declared
    schema) as ninja's renderer writes it, without validating it against that schema again."""
    return HttpResponse(json.dumps(data), status=status, content_type=JSON_CONTENT_TYPE)


def _not_found(article_id: int) -> Status:
    return Status(404, {"detail": _("No published article with id %(id)d.") % {"id": article_id}})


@comments_router.get(
    "/articles/{article_id}/comments",
    response={200: CommentPageOut, 404: CommentErrorOut, 422: CommentErrorOut},
    summary="Approved comments of an article",
)
def list_comments(
    request: HttpRequest,
    article_id: Path[ArticleId],
    paging: Query[CommentPaging],
):
    """Approved comments in reading order: top-level comments oldest first, each followed by
    its replies, nested under the comment they answer.

    Pages are made of top-level comments, each with all its replies; ``count`` is every
    approved comment of the article. Only the page's conversations are read.
    """
    article = commentable_article(article_id)
    if article is None:
        return _not_found(article_id)
    page, page_size = paging.page, paging.page_size
    found = thread_page(article, number=page, size=page_size)  # one query on a full page
    if found.past_end:
        return Status(
            404,
            {
                "detail": _("Page %(page)d is past the last page (%(pages)d).")
                % {"page": page, "pages": found.num_pages}
            },
        )
    # Built here in the shape of CommentPageOut (tests/comments_api check it against the
    # OpenAPI schema) rather than validated through it: that cost more than the rest.
    return _json(
        {
            "count": found.count,
            "threads": found.threads,
            "page": page,
            "pages": found.num_pages,
            "page_size": page_size,
            "results": thread_data(
                found.roots,
                article_url=_article_url(article, request),
                visible=thread_ids(found.roots),
                pages=found.comment_pages,
            ),
        }
    )


@comments_router.get(
    "/comments/count",
    response={200: CommentCountsOut, 422: CommentErrorOut},
    summary="Comment counts of many articles",
)
def count_comments(
    request: HttpRequest,
    filters: Query[CountFilters],
):
    """Approved comments per article, in one query: ``?article=1&article=2``."""
    ids = list(dict.fromkeys(filters.article or []))
    if not ids:
        return Status(422, {"detail": _("Give at least one article: ?article=<id>.")})
    if len(ids) > MAX_COUNT_ARTICLES:
        return Status(
            422,
            {"detail": _("At most %(max)d articles at a time.") % {"max": MAX_COUNT_ARTICLES}},
        )
    counts = comment_counts(ids)
    return {"counts": {str(pk): counts[pk] for pk in ids}}


def _form_data(payload: dict) -> tuple[dict, dict[str, list[str]]]:
    """The form's fields from a JSON object, as the strings an HTML form would send."""
    data, errors = {}, {}
    for name in FORM_FIELDS:
        value = payload.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            errors[name] = [_("Send this field as a string.")]
            continue
        data[name] = value if isinstance(value, str) else str(value)
    return data, errors


def _field_errors(form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def _fresh_challenge() -> dict:
    challenge = challenge_issue()
    return {
        "question": challenge.question,
        "token": challenge.token,
        "expires_at": challenge.expires_at,
    }


def _depth(comment: Comment) -> int:
    """Where ``comment_thread`` will place a new comment: one level under a visible parent,
    at most ``GAZETTE_COMMENT_MAX_DEPTH``."""
    depth, ancestor = 0, comment.parent
    while ancestor is not None and ancestor.status == CommentStatus.APPROVED:
        depth += 1
        if depth >= settings.GAZETTE_COMMENT_MAX_DEPTH:
            break
        ancestor = ancestor.parent
    return depth


@comments_router.post(
    "/articles/{article_id}/comments",
    response={
        201: CommentPostedOut,
        202: CommentPendingOut,
        400: CommentErrorOut,
        403: CommentErrorOut,
        404: CommentErrorOut,
        413: CommentErrorOut,
        415: CommentErrorOut,
        422: CommentErrorOut,
        429: CommentErrorOut,
    },
    summary="Post a comment",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CommentIn.model_json_schema()}},
        }
    },
)
def post_comment(request: HttpRequest, response: HttpResponse, article_id: Path[ArticleId]):
    """Post a reader's comment with the answer to a challenge from ``GET /api/v1/challenge``.

    201: published (the comment is returned). 202: held for moderation. 400: see ``errors``
    by field; when the challenge was spent, ``challenge`` is a new question to answer before
    sending the same text again. 403: comments are closed. 429: see ``Retry-After``.
    """
    response["Cache-Control"] = "no-store"
    article = commentable_article(article_id)
    if article is None:
        return _not_found(article_id)
    if request.content_type != "application/json":
        return Status(
            415, {"detail": _("Send the comment as JSON: Content-Type: application/json.")}
        )
    try:
        payload = json.loads(request.body)
    except RequestDataTooBig:
        return Status(413, {"detail": _("This request is too large.")})
    except UnicodeDecodeError:
        return Status(400, {"detail": _("The request body is not valid UTF-8.")})
    except (ValueError, RecursionError):
        return Status(400, {"detail": _("The request body is not valid JSON.")})
    if not isinstance(payload, dict):
        return Status(400, {"detail": _("The request body must be a JSON object.")})
    if not comments_open(article):
        return Status(403, {"detail": _("Comments on this article are closed.")})

    data, type_errors = _form_data(payload)
    form = CommentForm(data=data)
    if not form.is_valid() or type_errors:
        # Nothing is spent: the question the reader has stays answerable.
        return Status(
            400,
            {
                "detail": _("Please correct the errors in your comment."),
                "errors": {**_field_errors(form), **type_errors},
            },
        )
    challenge = form.verify_challenge(defer_spend=True)
    if not challenge.ok:
        return Status(
            400,
            {
                "detail": challenge.message,
                "errors": _field_errors(form),
                "challenge": _fresh_challenge(),
            },
        )

    try:
        result = form.submit(article=article, challenge=challenge, client=client_info(request))
    except CommentError as error:
        message = str(error.message)
        if isinstance(error, RateLimited):
            response["Retry-After"] = str(error.retry_after)
        return Status(
            error.status_code,
            {
                "detail": message,
                "errors": {error.field: [message]} if error.field else {},
                "challenge": _fresh_challenge(),
            },
        )
    comment = result.comment
    if result.rejected:
        return Status(
            400,
            {
                "detail": _("Your comment was not accepted: %(reason)s")
                % {"reason": result.decision.public_reason()},
                "challenge": _fresh_challenge(),
            },
        )
    if result.published:
        item = comment_data(
            comment,
            article_url=_article_url(article, request),
            depth=_depth(comment),
            parent=comment.parent_id,
        )
        # In the shape of CommentPostedOut, as the list is in CommentPageOut's.
        answer = _json({**item, "status": "approved"}, status=201)
        answer["Cache-Control"] = response["Cache-Control"]
        _remember_author(answer, comment)
        return answer
    _remember_author(response, comment)
    return Status(202, {"status": "pending", "message": _("Your comment awaits moderation.")})
