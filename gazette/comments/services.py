"""Every write to comments goes through here: HTML views, the API, the admin, CLI and tests."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import Model
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gazette.challenge.service import DeferredSpend
from gazette.comments.clients import ClientInfo
from gazette.comments.models import Ban, Comment, CommentStatus, ModerationLogEntry
from gazette.comments.ratelimit import hit, parse_limits
from gazette.comments.rendering import body_fingerprint, normalise_body, render_comment
from gazette.comments.signals import comment_changed
from gazette.comments.spam import Decision, Submission, evaluate
from gazette.comments.threads import place_comment


class CommentError(Exception):
    """A submission refused before anything was stored; ``field`` says where to show it."""

    status_code = 400

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class ChallengeReplayed(CommentError):
    """The question was answered from another request meanwhile: nothing is stored."""

    def __init__(self):
        from gazette.challenge.forms import ANSWER_FIELD
        from gazette.challenge.service import ChallengeResult, Outcome

        super().__init__(ChallengeResult(Outcome.REPLAYED).message, field=ANSWER_FIELD)


class CommentsClosed(CommentError):
    status_code = 403


class RateLimited(CommentError):
    status_code = 429

    def __init__(self, retry_after: int):
        super().__init__(
            _("You are commenting too quickly. Please wait %(seconds)d seconds and try again.")
            % {"seconds": retry_after}
        )
        self.retry_after = retry_after


@dataclass
class SubmitResult:
    comment: Comment
    decision: Decision

    @property
    def published(self) -> bool:
        return self.comment.status == CommentStatus.APPROVED

    @property
    def rejected(self) -> bool:
        """Stored as spam: the reader is told why and keeps the text."""
        return self.decision.action == "reject"


def comments_open(article, *, now: datetime | None = None) -> bool:
    """Whether an article takes new comments: its mode, then the section's closing age."""
    if article.effective_comment_mode == "closed":
        return False
    section = article.section
    days = getattr(section, "close_comments_after_days", None)
    if days and article.published_at:
        return (now or timezone.now()) < article.published_at + timedelta(days=days)
    return True


def check_rate_limits(*, article, client: ClientInfo, now: datetime | None = None) -> None:
    """Count one attempt; raises RateLimited when the reader's network is over a limit."""
    if not client.ip_prefix:
        return
    stamp = (now or timezone.now()).timestamp()
    waits = [
        hit(
            f"ip:{client.ip_prefix}", parse_limits(settings.GAZETTE_COMMENT_RATE_LIMITS), now=stamp
        ),
        hit(
            f"article:{article.pk}:{client.ip_prefix}",
            parse_limits(settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS),
            now=stamp,
        ),
    ]
    waits = [wait for wait in waits if wait]
    if waits:
        raise RateLimited(max(waits))


def resolve_parent(*, article, parent_id: int | None) -> Comment | None:
    if not parent_id:
        return None
    parent = Comment.objects.visible().filter(article_id=article.pk, pk=parent_id).first()
    if parent is None:
        raise CommentError(_("The comment you are replying to is not available."), field="parent")
    return parent


def clean_body(body: str) -> str:
    """The normalised body; raises CommentError when it is empty or too long (never cut)."""
    body = normalise_body(body)
    if not body:
        raise CommentError(_("Write a comment first."), field="body")
    if len(body) > settings.GAZETTE_COMMENT_MAX_LENGTH:
        raise CommentError(
            _("Comments can be at most %(max)d characters; this one has %(count)d.")
            % {"max": settings.GAZETTE_COMMENT_MAX_LENGTH, "count": len(body)},
            field="body",
        )
    return body


def _insert(instance) -> None:
    """Store a new ``instance`` as ``instance.save()`` stores it (``pre_save`` and
    ``post_save`` are sent, each field's own preparation applies) in one
    ``INSERT … RETURNING`` written here: the ORM took longer to build the statement than the
    database to run it, on every comment posted. A model with parents, or a database that
    cannot return the new key, is saved by the ORM.
    """
    model = type(instance)
    meta = model._meta
    using = router.db_for_write(model, instance=instance)
    connection = connections[using]
    if meta.parents or not connection.features.can_return_columns_from_insert:
        instance.save(using=using, force_insert=True)
        return
    pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    fields = [
        field
        for field in meta.local_concrete_fields
        if not (field is meta.auto_field and instance.pk is None)
    ]
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    key = (model, len(fields), connection.vendor)
    sql = _inserts.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        sql = _inserts[key] = "INSERT INTO {} ({}) VALUES ({}) RETURNING {}".format(  # noqa: S608
            quote(meta.db_table),
            ", ".join(quote(field.column) for field in fields),
            ", ".join(["%s"] * len(fields)),
            quote(meta.pk.column),
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        (pk,) = cursor.fetchone()
    setattr(instance, meta.pk.attname, meta.pk.to_python(pk))
    instance._state.adding = False
    instance._state.db = using
    post_save.send(
        sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using
    )


_inserts: dict[tuple, str] = {}


def log_change(
    *,
    comment: Comment,
    action: str,
    actor=None,
    actor_label: str = "",
    from_status: str = "",
    reason: str = "",
) -> ModerationLogEntry:
    label = actor_label or (actor.get_username() if actor is not None else "system")
    entry = ModerationLogEntry(
        comment=comment,
        actor=actor,
        actor_label=label,
        action=action,
        from_status=from_status,
        to_status=comment.status,
        reason=str(reason),
    )
    _insert(entry)
    return entry


def comment_submit(
    *,
    article,
    author_name: str,
    body: str,
    client: ClientInfo,
    email: str = "",
    parent_id: int | None = None,
    honeypot: str = "",
    issued_at: datetime | None = None,
    now: datetime | None = None,
    challenge: DeferredSpend | None = None,
) -> SubmitResult:
    """Store a reader's comment on ``article`` (an ``ArticlePage``, or the API's
    ``CommentableArticle``) with the status the spam pipeline decides.

    The caller has verified the challenge. Raises CommentsClosed, RateLimited or CommentError
    (nothing stored) when the comment cannot be taken. ``challenge``, the spend a right
    answer left to the caller, is recorded in the comment's own transaction (one commit
    for both); if it was spent meanwhile, ChallengeReplayed and nothing is stored. On any
    other refusal the caller still has to spend it (``CommentForm.submit`` does).
    """
    now = now or timezone.now()
    if not comments_open(article, now=now):
        raise CommentsClosed(_("Comments on this article are closed."))
    check_rate_limits(article=article, client=client, now=now)
    body = clean_body(body)
    parent = resolve_parent(article=article, parent_id=parent_id)
    submission = Submission(
        article=article,
        author_name=author_name.strip(),
        email=email.strip(),
        body=body,
        ip_prefix=client.ip_prefix,
        honeypot=honeypot,
        issued_at=issued_at,
        now=now,
        comment_mode=article.effective_comment_mode,
    )
    decision = evaluate(submission)
    with transaction.atomic():
        if challenge is not None and not challenge.record():
            raise ChallengeReplayed()
        comment = Comment(
            article_id=article.pk,
            parent=parent,
            author_name=submission.author_name,
            email=submission.email,
            body=body,
            body_html=render_comment(body),
            body_hash=body_fingerprint(body),
            status=decision.status,
            spam_score=decision.score,
            spam_reasons=decision.reasons(),
            ip_prefix=client.ip_prefix,
            user_agent=client.user_agent,
            created_at=now,
        )
        if isinstance(article, Model):
            Comment.article.field.set_cached_value(comment, article)
        place_comment(comment)  # what Comment.save() does first for a new comment
        _insert(comment)
        reasons = "; ".join(f"{v.check}: {v.reason}" for v in decision.verdicts)
        log_change(comment=comment, action="submit", actor_label="reader", reason=reasons)
        transaction.on_commit(
            lambda: comment_changed.send(Comment, comment=comment, action="submit")
        )
    return SubmitResult(comment, decision)


TRANSITIONS = {
    "approve": CommentStatus.APPROVED,
    "reject": CommentStatus.REJECTED,
    "spam": CommentStatus.SPAM,
    "remove": CommentStatus.REMOVED,
}


def comment_set_status(
    *, comment: Comment, action: str, actor=None, reason: str = "", actor_label: str = ""
) -> Comment:
    """Move a comment to the status an action names, and log who did it and why."""
    if action == "restore":
        target = _status_before_removal(comment)
    else:
        target = TRANSITIONS[action]
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        previous = comment.status
        if previous == target:
            return comment
        comment.status = target
        comment.save(update_fields=["status"])
        log_change(
            comment=comment,
            action=action,
            actor=actor,
            actor_label=actor_label,
            from_status=previous,
            reason=reason,
        )
        transaction.on_commit(
            lambda: comment_changed.send(Comment, comment=comment, action=action, previous=previous)
        )
    return comment


def _status_before_removal(comment: Comment) -> str:
    entry = (
        comment.log.filter(to_status=CommentStatus.REMOVED).order_by("-created_at", "-pk").first()
    )
    if entry and entry.from_status and entry.from_status != CommentStatus.REMOVED:
        return entry.from_status
    return CommentStatus.PENDING


def comment_approve(*, comment: Comment, actor=None, reason: str = "") -> Comment:
    return comment_set_status(comment=comment, action="approve", actor=actor, reason=reason)


def comment_reject(*, comment: Comment, actor=None, reason: str = "") -> Comment:
    return comment_set_status(comment=comment, action="reject", actor=actor, reason=reason)


def comment_mark_spam(*, comment: Comment, actor=None, reason: str = "") -> Comment:
    return comment_set_status(comment=comment, action="spam", actor=actor, reason=reason)


def comment_remove(
    *, comment: Comment, actor=None, reason: str = "", actor_label: str = ""
) -> Comment:
    return comment_set_status(
        comment=comment, action="remove", actor=actor, reason=reason, actor_label=actor_label
    )


def comment_restore(*, comment: Comment, actor=None, reason: str = "") -> Comment:
    return comment_set_status(comment=comment, action="restore", actor=actor, reason=reason)


def comment_edit(
    *,
    comment: Comment,
    body: str,
    actor=None,
    actor_label: str = "",
    reason: str = "",
    now: datetime | None = None,
) -> Comment:
    """Replace a comment's text (re-rendered and re-sanitised) and log the edit."""
    body = clean_body(body)
    with transaction.atomic():
        comment.body = body
        comment.body_html = render_comment(body)
        comment.body_hash = body_fingerprint(body)
        comment.edited_at = now or timezone.now()
        comment.save(update_fields=["body", "body_html", "body_hash", "edited_at"])
        log_change(
            comment=comment,
            action="edit",
            actor=actor,
            actor_label=actor_label,
            from_status=comment.status,
            reason=reason,
        )
        transaction.on_commit(lambda: comment_changed.send(Comment, comment=comment, action="edit"))
    return comment


def author_may_change(comment: Comment, *, now: datetime | None = None) -> bool:
    """Whether the edit window of the comment's author is still open."""
    window = timedelta(minutes=settings.GAZETTE_COMMENT_EDIT_MINUTES)
    return (
        comment.status != CommentStatus.REMOVED
        and (now or timezone.now()) < comment.created_at + window
    )


def ban_create(*, kind: str, value: str, actor=None, reason: str = "") -> Ban:
    ban, _ = Ban.objects.get_or_create(
        kind=kind, value=value.strip(), defaults={"reason": reason, "created_by": actor}
    )
    return ban
