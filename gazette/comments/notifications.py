"""Email moderators when a comment is held for them."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from gazette.comments.admin_access import moderators
from gazette.comments.admin_queries import excerpt
from gazette.comments.models import Comment, CommentStatus
from gazette.comments.signals import comment_changed

logger = logging.getLogger(__name__)

DISPATCH_UID = "gazette.comments.notifications.notify_moderators"


def connect() -> None:
    """Connect the receiver; safe to call more than once."""
    comment_changed.connect(notify_moderators, sender=Comment, dispatch_uid=DISPATCH_UID)


def moderator_emails() -> list[str]:
    emails = moderators().exclude(email="").values_list("email", flat=True)
    return sorted(set(emails))


def comment_admin_url(comment: Comment) -> str:
    path = reverse("gazette_comments_admin:detail", args=[comment.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_moderators(sender, comment: Comment, action: str, **kwargs) -> None:
    """On a new pending comment, send each moderator one email.

    Never raises: the comment is already stored, and a mail server that is down must not turn
    the reader's successful post into an error.
    """
    if action != "submit" or comment.status != CommentStatus.PENDING:
        return
    if not settings.GAZETTE_MODERATOR_EMAILS:
        return
    subject = _("New comment to moderate on “%(headline)s”") % {
        "headline": comment.article.headline
    }
    body = _("%(name)s wrote:\n\n%(excerpt)s\n\nModerate it: %(url)s\n") % {
        "name": comment.author_name,
        "excerpt": excerpt(comment, 500),
        "url": comment_admin_url(comment),
    }
    for email in moderator_emails():
        try:
            send_mail(subject, body, None, [email])
        except Exception:
            logger.exception("Could not email moderator %s about comment %s", email, comment.pk)
