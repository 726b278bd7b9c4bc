"""The spam defence pipeline: small checks, each returning a Verdict; one policy combines them.

Adding a check is writing a function ``check(submission) -> Verdict | None`` and adding it to
``CHECKS``. The challenge, length and rate limits are judged before the pipeline (by the form
and the view) because a failure there stores nothing; everything below runs on a comment that
will be stored, and its verdicts are kept on it for moderators.
"""

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connections, router
from django.utils.translation import gettext_lazy as _

from gazette.cache.memo import Memo
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


# The checks below read with short SQL statements of their own: each runs on every comment
# posted, and the ORM took far longer to build these queries than the database to answer them.
# ``UPPER(a) = UPPER(b)`` is what the ORM's ``iexact`` means on PostgreSQL, and matches the
# ``LIKE`` it uses on SQLite (both fold ASCII letters only there).


def _rows(model, sql: str, params: list) -> list[tuple]:
    """Rows of ``sql`` (with ``{table}`` and ``{field name}`` for ``model``'s quoted table
    and column names) on the database the ORM would read ``model`` from."""
    connection = connections[router.db_for_read(model)]
    key = (model, sql, connection.vendor)
    text = _statements.get(key)
    if text is None:
        quote = connection.ops.quote_name
        columns = {field.name: quote(field.column) for field in model._meta.concrete_fields}
        text = _statements[key] = sql.format(table=quote(model._meta.db_table), **columns)
    with connection.cursor() as cursor:
        cursor.execute(text, params)
        return cursor.fetchall()


_statements: dict[tuple, str] = {}


def _database_time(model, moment: datetime):
    """``moment`` as the ORM sends a datetime to the database ``model`` is read from."""
    return connections[router.db_for_read(model)].ops.adapt_datetimefield_value(moment)


#: Purged when a ban is saved or deleted (``gazette.cache.receivers``).
BANS_TAG = "bans"
_bans = Memo(BANS_TAG)


@dataclass(frozen=True)
class Bans:
    """Banned IP prefixes and upper-cased names, each with the time it was banned."""

    ip_prefixes: dict[str, datetime]
    names: dict[str, datetime]

    def newest_match(self, *, ip_prefix: str, author_name: str) -> str | None:
        """The kind of the newest ban matching the address or the name, else None."""
        found = [
            (created, kind)
            for kind, created in (
                (Ban.Kind.IP_PREFIX.value, self.ip_prefixes.get(ip_prefix)),
                (Ban.Kind.NAME.value, self.names.get(author_name.strip().upper())),
            )
            if created is not None
        ]
        return max(found)[1] if found else None


def bans() -> Bans:
    """Every ban, read once and kept until a ban is saved or deleted: each comment is
    checked against all of them."""

    def read():
        ip_prefixes, names = {}, {}
        for kind, value, created in Ban.objects.values_list("kind", "value", "created_at"):
            if kind == Ban.Kind.IP_PREFIX:
                ip_prefixes[value] = max(created, ip_prefixes.get(value, created))
            elif kind == Ban.Kind.NAME:
                key = value.strip().upper()
                names[key] = max(created, names.get(key, created))
        return Bans(ip_prefixes, names)

    return _bans.get(None, read)


def check_bans(sub: Submission) -> Verdict | None:
    kind = bans().newest_match(ip_prefix=sub.ip_prefix, author_name=sub.author_name)
    if kind is not None:
        return Verdict(
            REJECT,
            _("Posted from a banned %(kind)s.") % {"kind": Ban(kind=kind).get_kind_display()},
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


#: Purged when a word rule is saved or deleted (``gazette.cache.receivers``).
WORD_RULES_TAG = "word-rules"
_word_rules = Memo(WORD_RULES_TAG)


def word_rules() -> tuple[tuple[str, str, str], ...]:
    """Every word rule as ``(word, its casefolded form, kind)``; kept between comments until
    a rule changes, since every comment is checked against all of them."""

    def read():
        rows = _rows(WordRule, "SELECT {word}, {kind} FROM {table} ORDER BY {kind}, {word}", [])
        return tuple((word, word.casefold(), kind) for word, kind in rows)

    return _word_rules.get(None, read)


def check_words(sub: Submission) -> Verdict | None:
    text = f"{sub.author_name}\n{sub.body}".casefold()
    rules = word_rules()
    banned = [
        word for word, folded, kind in rules if kind == WordRule.Kind.BANNED and folded in text
    ]
    if banned:
        return Verdict(REJECT, _("Contains a banned word."), score=1.0)
    suspect = [
        word for word, folded, kind in rules if kind == WordRule.Kind.SUSPECT and folded in text
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
    duplicate = _rows(
        Comment,
        "SELECT 1 FROM {table} WHERE {body_hash} = %s AND {created_at} >= %s "
        "AND NOT ({status} = %s) LIMIT 1",
        [
            body_fingerprint(sub.body),
            _database_time(Comment, since),
            CommentStatus.REMOVED.value,
        ],
    )
    if duplicate:
        return Verdict(REJECT, _("The same comment was already posted."), score=0.8)
    return None


def check_first_time(sub: Submission) -> Verdict | None:
    if not settings.GAZETTE_HOLD_FIRST_COMMENTS:
        return None
    if sub.email:
        same_person, value = "UPPER({email}) = UPPER(%s)", sub.email
    else:
        same_person, value = "{ip_prefix} = %s", sub.ip_prefix
    known = _rows(
        Comment,
        "SELECT 1 FROM {table} WHERE {status} = %s AND UPPER({author_name}) = UPPER(%s) "  # noqa: S608
        f"AND {same_person} LIMIT 1",
        [CommentStatus.APPROVED.value, sub.author_name.strip(), value],
    )
    if not known:
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
