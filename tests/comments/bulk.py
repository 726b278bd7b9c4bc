"""Many approved comments at once, stored as ``comment_submit`` stores them, for tests of
large conversations: the body rendered to HTML by the same renderer, the thread position
filled in by the model's ``bulk_create``."""

import itertools
from datetime import datetime, timedelta

from django.utils import timezone

from gazette.comments.models import Comment, CommentStatus
from gazette.comments.rendering import body_fingerprint, render_comment

_numbers = itertools.count(1)


def comment_row(article, *, at: datetime, parent=None, status=CommentStatus.APPROVED, name=None):
    number = next(_numbers)
    body = f"Comment number {number}, with *emphasis*."
    return Comment(
        article=article,
        parent=parent,
        author_name=name or f"Reader {number}",
        email=f"reader{number}@example.com",
        body=body,
        body_html=render_comment(body),
        body_hash=body_fingerprint(body),
        status=status,
        ip_prefix="203.0.113.0/24",
        user_agent="pytest",
        created_at=at,
    )


def bulk_comments(article, *, threads: int, replies: int = 0, start=None) -> list[Comment]:
    """``threads`` top-level comments a minute apart, then ``replies`` replies, the n-th
    answering the n-th top-level comment (round robin). Returns them in creation order."""
    start = start or timezone.now() - timedelta(days=3)
    roots = Comment.objects.bulk_create(
        comment_row(article, at=start + timedelta(minutes=n)) for n in range(threads)
    )
    later = start + timedelta(minutes=threads)
    answers = Comment.objects.bulk_create(
        comment_row(article, at=later + timedelta(seconds=n), parent=roots[n % threads])
        for n in range(replies)
    )
    return roots + answers
