"""Reads for the moderation admin: the queues, their filters and the pending count."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gazette.articles.models import SectionPage
from gazette.comments.models import Comment, CommentStatus

# Queue slugs in menu order; the first is the default.
QUEUES = [
    CommentStatus.PENDING,
    CommentStatus.SPAM,
    CommentStatus.APPROVED,
    CommentStatus.REJECTED,
    CommentStatus.REMOVED,
]
QUEUE_PAGE_SIZE = 50
EXCERPT_LENGTH = 160


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    article = forms.IntegerField(label=_("Article ID"), required=False, min_value=1)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=SectionPage.objects.order_by("title"), required=False
    )
    author = forms.CharField(label=_("Author name"), required=False)
    ip = forms.CharField(label=_("IP prefix starts with"), required=False)


def queue_comments(status: str, filters: dict | None = None) -> QuerySet[Comment]:
    """Comments with ``status``, newest first, narrowed by cleaned QueueFilterForm data."""
    comments = (
        Comment.objects.filter(status=status)
        .select_related("article")
        .order_by("-created_at", "-pk")
    )
    return filter_comments(comments, filters or {})


def filter_comments(comments: QuerySet[Comment], filters: dict) -> QuerySet[Comment]:
    if filters.get("q"):
        text = filters["q"].strip()
        comments = comments.filter(Q(body__icontains=text) | Q(author_name__icontains=text))
    if filters.get("article"):
        comments = comments.filter(article_id=filters["article"])
    if section := filters.get("section"):
        # Articles are direct children of their section in the page tree.
        comments = comments.filter(
            article__path__startswith=section.path, article__depth=section.depth + 1
        )
    if filters.get("author"):
        comments = comments.filter(author_name__icontains=filters["author"].strip())
    if filters.get("ip"):
        comments = comments.filter(ip_prefix__startswith=filters["ip"].strip())
    return comments


def pending_count() -> int:
    return Comment.objects.filter(status=CommentStatus.PENDING).count()


def newest_pending(limit: int = 5) -> list[Comment]:
    return list(queue_comments(CommentStatus.PENDING)[:limit])


def excerpt(comment: Comment, length: int = EXCERPT_LENGTH) -> str:
    text = " ".join(comment.body.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
