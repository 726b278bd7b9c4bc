"""The spam defence pipeline: small checks, each returning a Verdict; one policy combines them.

Adding a check is writing a function ``check(submission) -> Verdict | None`` and adding it to
``CHECKS``. The challenge, length and rate limits are judged before the pipeline (by the form
and the view) because a failure there stores nothing; everything below runs on a comment that
will be stored, and its verdicts are kept on it for moderators.
"""

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gazette.comments.models import Ban, Comment, CommentStatus, WordRule
from gazette.comments.rendering import body_fingerprint, count_links

ACCEPT, HOLD, REJECT = "accept", "hold", "reject"
SEVERITY = {ACCEPT: 0, HOLD: 1, REJECT: 2}


@dataclass(frozen=True)
class Verdict:
    action: str
    reason: str
    check: str = ""
    score: float = 0.0


@dataclass
class Submission:
    article: object
    author_name: str
    email: str
    body: str
    ip_prefix: str
    honeypot: str = ""
    issued_at: datetime | None = None
    now: datetime | None = None
    comment_mode: str = "premoderated"


@dataclass
class Decision:
    action: str
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(sum(verdict.score for verdict in self.verdicts), 2)

    @property
    def status(self) -> str:
        return {
            ACCEPT: CommentStatus.APPROVED,
            HOLD: CommentStatus.PENDING,
            REJECT: CommentStatus.SPAM,
        }[self.action]

    def reasons(self) -> list[dict]:
        return [asdict(verdict) for verdict in self.verdicts]

    def public_reason(self) -> str:
        """The first rejecting reason, fit to show the reader."""
        for verdict in self.verdicts:
            if verdict.action == REJECT:
                return str(verdict.reason)
        return ""


def check_honeypot(sub: Submission) -> Verdict | None:
    if sub.honeypot.strip():
        return Verdict(REJECT, _("A field meant to stay empty was filled in."), score=1.0)
    return None


def check_fill_time(sub: Submission) -> Verdict | None:
    minimum = settings.GAZETTE_CHALLENGE_MIN_SECONDS
    if sub.issued_at is None or sub.now is None or minimum <= 0:
        return None
    elapsed = (sub.now - sub.issued_at).total_seconds()
    if elapsed < minimum:
        return Verdict(
            HOLD,
            _("Answered %(elapsed).1f s after the question was shown (minimum %(minimum)s s).")
            % {"elapsed": max(elapsed, 0), "minimum": minimum},
            score=0.5,
        )
    return None


def check_bans(sub: Submission) -> Verdict | None:
    bans = Ban.objects.filter(kind=Ban.Kind.IP_PREFIX, value=sub.ip_prefix) | Ban.objects.filter(
        kind=Ban.Kind.NAME, value__iexact=sub.author_name.strip()
    )
    ban = bans.first()
    if ban:
        return Verdict(
            REJECT,
            _("Posted from a banned %(kind)s.") % {"kind": ban.get_kind_display()},
            score=1.0,
        )
    return None


def check_links(sub: Submission) -> Verdict | None:
    links = count_links(sub.body)
    if links >= settings.GAZETTE_COMMENT_REJECT_LINKS:
        return Verdict(REJECT, _("Too many links (%(count)d).") % {"count": links}, score=1.0)
    if links > settings.GAZETTE_COMMENT_HOLD_LINKS:
        return Verdict(HOLD, _("Many links (%(count)d).") % {"count": links}, score=0.3)
    return None


def check_words(sub: Submission) -> Verdict | None:
    text = f"{sub.author_name}\n{sub.body}".casefold()
    rules = WordRule.objects.values_list("word", "kind")
    banned = [
        word for word, kind in rules if kind == WordRule.Kind.BANNED and word.casefold() in text
    ]
    if banned:
        return Verdict(REJECT, _("Contains a banned word."), score=1.0)
    suspect = [
        word for word, kind in rules if kind == WordRule.Kind.SUSPECT and word.casefold() in text
    ]
    if suspect:
        return Verdict(
            HOLD,
            _("Contains a word held for review: %(words)s.") % {"words": ", ".join(suspect)},
            score=0.4,
        )
    return None


def check_duplicate(sub: Submission) -> Verdict | None:
    since = sub.now - timedelta(hours=settings.GAZETTE_COMMENT_DUPLICATE_HOURS)
    duplicate = Comment.objects.filter(
        body_hash=body_fingerprint(sub.body), created_at__gte=since
    ).exclude(status=CommentStatus.REMOVED)
    if duplicate.exists():
        return Verdict(REJECT, _("The same comment was already posted."), score=0.8)
    return None


def check_first_time(sub: Submission) -> Verdict | None:
    if not settings.GAZETTE_HOLD_FIRST_COMMENTS:
        return None
    known = Comment.objects.filter(
        status=CommentStatus.APPROVED, author_name__iexact=sub.author_name.strip()
    )
    if sub.email:
        known = known.filter(email__iexact=sub.email)
    else:
        known = known.filter(ip_prefix=sub.ip_prefix)
    if not known.exists():
        return Verdict(HOLD, _("First comment from this commenter."), score=0.1)
    return None


def check_premoderation(sub: Submission) -> Verdict | None:
    if sub.comment_mode == "premoderated":
        return Verdict(HOLD, _("Comments on this article are premoderated."))
    return None


CHECKS = [
    check_honeypot,
    check_bans,
    check_words,
    check_links,
    check_duplicate,
    check_fill_time,
    check_first_time,
    check_premoderation,
]


def evaluate(sub: Submission, checks=None) -> Decision:
    """Run every check and keep the most severe action. Never raises for a check's verdict."""
    verdicts = []
    for check in checks or CHECKS:
        verdict = check(sub)
        if verdict is not None:
            verdicts.append(
                Verdict(
                    verdict.action,
                    str(verdict.reason),
                    check.__name__.removeprefix("check_"),
                    verdict.score,
                )
            )
    action = max((v.action for v in verdicts), key=SEVERITY.__getitem__, default=ACCEPT)
    return Decision(action, verdicts)
