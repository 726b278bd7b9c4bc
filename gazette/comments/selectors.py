"""Reads: the approved thread under an article, and comment counts."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count

from gazette.comments.models import Comment


@dataclass
class ThreadNode:
    comment: Comment
    depth: int
    replies: list["ThreadNode"] = field(default_factory=list)
    reply_to: Comment | None = None  # set when shown flat, away from the comment it answers
    siblings: list["ThreadNode"] = field(default_factory=list, repr=False)


def comment_thread(article) -> list[ThreadNode]:
    """Approved comments, oldest first, nested up to ``GAZETTE_COMMENT_MAX_DEPTH`` levels.

    A reply deeper than that is shown flat after its thread's deepest nested level, naming the
    comment it answers. A reply whose parent is not visible is shown at the top level.
    """
    max_depth = settings.GAZETTE_COMMENT_MAX_DEPTH
    nodes: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    # Pages and the API show names, times and the rendered HTML; the source, the email and
    # the moderation data stay in the database.
    shown = (
        Comment.objects.visible()
        .of_article(article)
        .defer("email", "body", "body_hash", "spam_reasons", "ip_prefix", "user_agent")
    )
    for comment in shown:
        # Oldest first, so a visible parent is always placed before its replies.
        parent = nodes.get(comment.parent_id)
        if parent is None:
            node, siblings = ThreadNode(comment, 0), roots
        elif parent.depth < max_depth:
            node, siblings = ThreadNode(comment, parent.depth + 1), parent.replies
        else:
            node = ThreadNode(comment, parent.depth, reply_to=parent.comment)
            siblings = parent.siblings
        node.siblings = siblings
        siblings.append(node)
        nodes[comment.pk] = node
    return roots


def comment_count(article) -> int:
    return Comment.objects.visible().filter(article=article).count()


def comment_counts(article_ids: list[int]) -> dict[int, int]:
    """Approved comments per article, for many articles in one query."""
    rows = (
        Comment.objects.visible()
        .filter(article_id__in=article_ids)
        .values("article_id")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(article_ids, 0)
    counts.update({row["article_id"]: row["n"] for row in rows})
    return counts
