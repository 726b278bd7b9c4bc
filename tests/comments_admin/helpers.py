"""Comments for the moderation tests, stored directly with the fields the queues show."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gazette.comments.models import Comment
from tests.factories import make_article


def make_comment(article=None, *, status="pending", minutes_ago=0, **fields) -> Comment:
    values = {
        "author_name": "Reader",
        "body": "A thoughtful comment.",
        "ip_prefix": "203.0.113.0/24",
        "spam_score": 0.5,
        "spam_reasons": [
            {"action": "hold", "reason": "Comments are premoderated.", "check": "mode", "score": 0}
        ],
    }
    values.update(fields)
    values.setdefault("body_html", f"<p>{values['body']}</p>")
    return Comment.objects.create(
        article=article or make_article(),
        body_hash="x",
        status=status,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
        **values,
    )


def url(name: str, *args) -> str:
    return reverse(f"gazette_comments_admin:{name}", args=args)
