"""Comments as plain dicts and schemas for the JSON API.

Only what readers see on the article page leaves here: never the email, the IP prefix,
the user agent or the spam verdicts.
"""

from datetime import datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema

from gazette.comments.models import Comment
from gazette.comments.selectors import ThreadNode, comment_anchor_url


class CommentOut(Schema):
    id: int
    parent: int | None = Field(
        description="The visible comment this one answers; null for a top-level comment"
    )
    author_name: str
    body_html: str = Field(description="Sanitised HTML rendered from the Markdown source")
    created_at: str = Field(description="ISO 8601 with the site zone's offset")
    edited_at: str | None = Field(description="ISO 8601 with offset; null if never edited")
    url: str = Field(
        description="The comment on the article page that shows it "
        "(#comment-<id>, with ?comments=<page> past the first page of comments)"
    )
    depth: int = Field(description="Nesting level, 0 for a top-level comment")
    replies: list["CommentOut"] = Field(description="Replies nested under this comment")


CommentOut.model_rebuild()


class CommentPageOut(Schema):
    count: int = Field(description="All approved comments of the article, replies included")
    threads: int = Field(description="Top-level comments (what the pages are made of)")
    page: int
    pages: int
    page_size: int
    results: list[CommentOut] = Field(description="Top-level comments of this page")


class CommentPostedOut(CommentOut):
    status: Literal["approved"]


class CommentPendingOut(Schema):
    status: Literal["pending"]
    message: str


class ChallengeRetryOut(Schema):
    question: str = Field(examples=["3 + 13 ="])
    token: str
    expires_at: datetime


class CommentErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages by form field, to show next to each field"
    )
    challenge: ChallengeRetryOut | None = Field(
        default=None,
        description="A new question when the one sent was spent: answer it to post again",
    )


class CommentCountsOut(Schema):
    counts: dict[str, int] = Field(description="Approved comments by article id")


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment, timezone.get_default_timezone()).isoformat()


def comment_data(
    comment: Comment,
    *,
    article_url: str,
    depth: int = 0,
    parent: int | None = None,
    page: int = 1,
) -> dict:
    """One comment in the public shape, without replies (see ``thread_data``); ``page`` is
    the article's page of comments that shows it."""
    return {
        "id": comment.pk,
        "parent": parent,
        "author_name": comment.author_name,
        "body_html": comment.body_html,
        "created_at": iso(comment.created_at),
        "edited_at": iso(comment.edited_at),
        "url": comment_anchor_url(article_url, comment.pk, page),
        "depth": depth,
        "replies": [],
    }


def thread_data(
    nodes: list[ThreadNode],
    *,
    article_url: str,
    visible: set[int],
    pages: dict[int, int] | None = None,
) -> list[dict]:
    """Thread nodes as nested dicts; ``visible`` are the ids shown on the page, so a reply to
    a hidden comment names no parent; ``pages`` gives each comment's page of the article."""
    pages = pages or {}
    items = []
    for node in nodes:
        parent_id = node.comment.parent_id
        item = comment_data(
            node.comment,
            article_url=article_url,
            depth=node.depth,
            parent=parent_id if parent_id in visible else None,
            page=pages.get(node.comment.pk, 1),
        )
        item["replies"] = thread_data(
            node.replies, article_url=article_url, visible=visible, pages=pages
        )
        items.append(item)
    return items


def thread_ids(nodes: list[ThreadNode]) -> set[int]:
    ids = set()
    for node in nodes:
        ids.add(node.comment.pk)
        ids |= thread_ids(node.replies)
    return ids


class CommentIn(Schema):
    """The JSON body of a new comment; validated by the same form as the HTML page."""

    author_name: str = Field(max_length=100)
    email: str | None = Field(None, description="Optional; never shown, never sent anywhere")
    body: str = Field(description="Markdown: *emphasis*, **bold**, [links](https://…), > quotes")
    parent: int | None = Field(None, description="Id of the approved comment this answers")
    challenge_token: str = Field(description="From GET /api/v1/challenge")
    challenge_answer: str = Field(description="The reader's answer to the challenge question")
    website: str | None = Field(None, description="Leave empty (a trap for robots)")
