"""Reader comments, their moderation log, and the lists moderators keep (words, bans)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gazette.comments import threads


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")
    REMOVED = "removed", _("Removed")


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments readers may see: approved ones."""
        return self.filter(status=CommentStatus.APPROVED)

    def of_article(self, article):
        return self.filter(article=article).order_by("created_at", "pk")

    def in_reading_order(self):
        """Each top-level comment followed by its replies, depth first (see ``threads``)."""
        return self.order_by("thread", "path", "pk")

    def bulk_create(self, objs, *args, **kwargs):
        # A bulk insert skips save(), so the thread positions are filled here.
        objs = list(objs)
        threads.place_comments(objs, self.model)
        return super().bulk_create(objs, *args, **kwargs)


class Comment(models.Model):
    # Indexed by the indexes below, which all start with the article.
    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
        db_index=False,
    )
    # Indexed for replies only (comment_reply_idx).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
        db_index=False,
    )
    author_name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    body = models.TextField(_("comment"))
    body_html = models.TextField(_("comment as HTML"), editable=False)
    body_hash = models.CharField(max_length=64, db_index=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    spam_score = models.FloatField(_("spam score"), default=0.0)
    spam_reasons = models.JSONField(_("spam checks"), default=list, blank=True)
    ip_prefix = models.CharField(_("IP prefix"), max_length=64, blank=True, db_index=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    # Reading order and conversation, fixed when the comment is written (see threads.py).
    thread = models.CharField(
        _("thread"), max_length=threads.SEGMENT, blank=True, default="", editable=False
    )
    path = models.CharField(
        _("place in the thread"),
        max_length=threads.PATH_LENGTH,
        blank=True,
        default="",
        editable=False,
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can moderate comments"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_page_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            # Reading order; ``thread`` first so that ``thread IN (…)`` seeks. Since a path
            # starts with its thread, (thread, path) sorts exactly as path alone. ``parent``
            # lets the top-level comments be found and counted from the index alone.
            models.Index(
                fields=["article", "status", "thread", "path", "id", "parent"],
                name="comment_reading_idx",
            ),
            # Only replies have a parent to look up (when it is deleted, say); a top-level
            # comment, most of them, then writes no entry here.
            models.Index(
                fields=["parent"], name="comment_reply_idx", condition=Q(parent__isnull=False)
            ),
        ]

    def __str__(self):
        return f"{self.author_name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        if self._state.adding and not self.path:
            threads.place_comment(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The comment's lasting address; it redirects to the page of comments showing it."""
        return reverse("comment_permalink", kwargs={"comment_id": self.pk})

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"


class ModerationLogEntry(models.Model):
    """One change to a comment: who, when, from which status to which, and why."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="log")
    # Indexed for staff only (log_actor_idx): a reader's submission has no actor.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    actor_label = models.CharField(_("by"), max_length=150)
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        indexes = [
            models.Index(fields=["actor"], name="log_actor_idx", condition=Q(actor__isnull=False))
        ]

    def __str__(self):
        return f"{self.action} by {self.actor_label}"


class WordRule(models.Model):
    class Kind(models.TextChoices):
        BANNED = "banned", _("Banned: the comment is rejected")
        SUSPECT = "suspect", _("Suspect: the comment is held for moderation")

    word = models.CharField(
        _("word or phrase"), max_length=200, help_text=_("Matched case-insensitively.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SUSPECT)

    class Meta:
        ordering = ["kind", "word"]
        verbose_name = _("word rule")
        verbose_name_plural = _("word rules")
        constraints = [models.UniqueConstraint(fields=["word", "kind"], name="word_rule_unique")]

    def __str__(self):
        return f"{self.word} ({self.get_kind_display()})"


class Ban(models.Model):
    class Kind(models.TextChoices):
        IP_PREFIX = "ip", _("IP prefix")
        NAME = "name", _("Name")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("value"),
        max_length=100,
        help_text=_("A stored IP prefix such as 203.0.113.0/24, or a commenter's name."),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="ban_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"
