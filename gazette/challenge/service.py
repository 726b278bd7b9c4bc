"""The arithmetic challenge on the comment form: issue a question, verify its answer once.

A token is ``django.core.signing`` over canonical JSON holding a version, a random nonce,
the issue and expiry times, and an HMAC of nonce and answer. Neither the answer nor the
operands travel in it, so reading a token (its payload is only signed, not encrypted)
tells nothing; the HMAC needs the server's secret key.
"""

import hmac
import json
import re
import secrets
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from gazette.challenge.nonces import (
    nonce_claim,
    nonce_consume,
    nonce_record,
    nonce_store,
    purge_expired_nonces,
)

__all__ = [
    "Challenge",
    "ChallengeResult",
    "DeferredSpend",
    "Outcome",
    "challenge_issue",
    "challenge_verify",
    "purge_expired_nonces",
]

TOKEN_SALT = "gazette.challenge"  # noqa: S105 (a namespace; the key is SECRET_KEY)
ANSWER_SALT = "gazette.challenge.answer"
TOKEN_VERSION = 1
NONCE_BYTES = 18
#: Real tokens are about 250 characters; anything far longer is not worth decoding.
MAX_TOKEN_LENGTH = 1024
MAX_ANSWER_LENGTH = 32
#: How far apart the clocks of two app servers may be: a token issued by one is not
#: refused by the other as coming from the future, and its nonce is kept that much longer.
CLOCK_SKEW = timedelta(minutes=5)

OPERATORS = ("+", "-")
_RANGE = re.compile(r"\s*(\d{1,9})\s*-\s*(\d{1,9})\s*")
_NONCE = re.compile(r"[A-Za-z0-9_-]{22,64}")
_MAC = re.compile(r"[0-9a-f]{64}")
_PAYLOAD_KEYS = frozenset({"v", "n", "t", "e", "h"})
# Readers of a Persian or Arabic site may type their own digits.
_LOCAL_DIGITS = "۰۱۲۳۴۵۶۷۸۹" + "٠١٢٣٤٥٦٧٨٩"
_TO_ASCII = str.maketrans(_LOCAL_DIGITS, "0123456789" * 2)
_ACCEPTED_DIGITS = frozenset("0123456789" + _LOCAL_DIGITS)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)
_random = secrets.SystemRandom()


@dataclass(frozen=True)
class Challenge:
    """One question for one reader. ``question`` is plain text for the answer's ``<label>``."""

    question: str
    token: str
    issued_at: datetime
    expires_at: datetime


class Outcome(StrEnum):
    OK = "ok"
    MISSING = "missing"
    MALFORMED = "malformed"
    EXPIRED = "expired"
    REPLAYED = "replayed"
    WRONG = "wrong"


_MESSAGES = {
    Outcome.OK: "",
    Outcome.MISSING: _("Please answer the question below to send your comment."),
    Outcome.MALFORMED: _("This question could not be read. Here is a new question."),
    Outcome.EXPIRED: _("This question has expired. Here is a new question."),
    Outcome.REPLAYED: _("This question was already used. Here is a new question."),
    Outcome.WRONG: _("That answer is not right. Here is a new question."),
}


@dataclass(frozen=True)
class DeferredSpend:
    """The database half of spending a right answer's nonce, left to the caller.

    ``record()`` writes it inside the caller's ``transaction.atomic()``, beside what the
    answer lets it store, and says False when the nonce was spent meanwhile (a replay: roll
    back). ``spend()`` writes it in a transaction of its own, for a submission refused
    before anything was stored: the question is spent all the same.
    """

    nonce: str
    keep_until: datetime

    def record(self) -> bool:
        return nonce_record(nonce=self.nonce, keep_until=self.keep_until)

    def spend(self, *, now: datetime | None = None) -> bool:
        # Redis (when it is the cache) took the nonce at verification: the row is left.
        return nonce_store(nonce=self.nonce, keep_until=self.keep_until, now=_as_utc(now))


@dataclass(frozen=True)
class ChallengeResult:
    """What became of one answer. ``issued_at`` is set whenever the token could be read,
    so a caller can judge how fast the form was filled in. ``deferred`` is set only for a
    right answer verified with ``defer_spend=True``: the caller must then spend it."""

    outcome: Outcome
    issued_at: datetime | None = None
    deferred: DeferredSpend | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    @property
    def message(self) -> str:
        """For the reader, in the active language; empty when the answer was accepted."""
        return str(_MESSAGES[self.outcome])


class CanonicalJSONSerializer:
    """Sorted keys and no spaces: a payload has exactly one encoding."""

    def dumps(self, obj) -> bytes:
        return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode("ascii")

    def loads(self, data: bytes):
        return json.loads(data.decode("latin-1"))


def challenge_issue(*, now: datetime | None = None) -> Challenge:
    """A new question whose answer lies in ``GAZETTE_CHALLENGE_RANGE``, with its token.

    Operands are never negative, nor is a difference. The token is valid for
    ``GAZETTE_CHALLENGE_MAX_AGE`` seconds and for one verification. Raises
    ``ImproperlyConfigured`` when the range or operators settings make no sense.
    """
    issued_at = _as_utc(now)
    issued_at = issued_at.replace(microsecond=issued_at.microsecond // 1000 * 1000)
    expires_at = issued_at + timedelta(seconds=settings.GAZETTE_CHALLENGE_MAX_AGE)
    question, answer = _make_question()
    nonce = secrets.token_urlsafe(NONCE_BYTES)
    payload = {
        "v": TOKEN_VERSION,
        "n": nonce,
        "t": _millis(issued_at),
        "e": _millis(expires_at),
        "h": _answer_mac(nonce, answer, secret=None),
    }
    token = signing.dumps(payload, salt=TOKEN_SALT, serializer=CanonicalJSONSerializer)
    return Challenge(question=question, token=token, issued_at=issued_at, expires_at=expires_at)


def challenge_verify(
    *,
    token: str | None,
    answer: str | int | None,
    now: datetime | None = None,
    defer_spend: bool = False,
) -> ChallengeResult:
    """Judge ``answer`` to the question behind ``token``. Never raises on any input.

    In order: no token is MISSING (nothing spent); a token that is not ours, was altered
    or cannot be decoded is MALFORMED; one past its expiry is EXPIRED; otherwise its nonce
    is spent atomically (REPLAYED if it already was, across threads and processes), and
    only then is the answer compared in constant time: OK or WRONG. A wrong or unreadable
    answer spends the token too, so each question gets exactly one try. Answers may carry
    surrounding whitespace and use ASCII, Persian or Arabic-Indic digits. A naive ``now``
    is taken as UTC.

    Spending happens in the database when Redis is not the cache: call this outside a
    transaction that may roll back, or the rollback un-spends the token.

    With ``defer_spend``, a right answer is judged before its nonce is written: the result
    is OK with a ``DeferredSpend`` that the caller records in the transaction storing the
    submission, or spends on its own if it stores nothing. Redis (when it is the cache)
    still refuses a replay here. A wrong answer is spent at once, as without the flag.
    """
    now = _as_utc(now)
    if token is None or (isinstance(token, str) and not token.strip()):
        return ChallengeResult(Outcome.MISSING)
    payload = _read_token(token)
    if payload is None:
        return ChallengeResult(Outcome.MALFORMED)
    nonce, issued_at, expires_at, mac = payload
    if issued_at - CLOCK_SKEW > now:
        return ChallengeResult(Outcome.MALFORMED)
    # The setting is read now as well, so lowering it takes effect for tokens already out.
    max_age = timedelta(seconds=settings.GAZETTE_CHALLENGE_MAX_AGE)
    if now > min(expires_at, issued_at + max_age):
        return ChallengeResult(Outcome.EXPIRED, issued_at)
    keep_until = expires_at + CLOCK_SKEW
    right = _answer_matches(nonce, _parse_answer(answer), mac)
    if defer_spend and right:
        if not nonce_claim(nonce=nonce, keep_until=keep_until, now=now):
            return ChallengeResult(Outcome.REPLAYED, issued_at)
        return ChallengeResult(Outcome.OK, issued_at, DeferredSpend(nonce, keep_until))
    # Spent before the verdict is told, so a replay says "used" whatever its answer.
    if not nonce_consume(nonce=nonce, keep_until=keep_until, now=now):
        return ChallengeResult(Outcome.REPLAYED, issued_at)
    return ChallengeResult(Outcome.OK if right else Outcome.WRONG, issued_at)


def _make_question() -> tuple[str, int]:
    low, high = _answer_range()
    operator = _random.choice(_operators())
    if operator == "+":
        answer = _random.randint(low, high)
        left = _random.randint(0, answer)
        right = answer - left
    else:
        # Drawing the minuend first keeps "n - 0" rare; every number stays within the range.
        left = _random.randint(low, high)
        right = _random.randint(0, left - low)
        answer = left - right
    return f"{left} {operator} {right} =", answer


def _answer_range() -> tuple[int, int]:
    raw = settings.GAZETTE_CHALLENGE_RANGE
    match = _RANGE.fullmatch(raw) if isinstance(raw, str) else None
    if match is None or int(match[1]) > int(match[2]):
        raise ImproperlyConfigured(
            f"GAZETTE_CHALLENGE_RANGE must look like '0-30' (low-high), not {raw!r}"
        )
    return int(match[1]), int(match[2])


def _operators() -> list[str]:
    raw = settings.GAZETTE_CHALLENGE_OPERATORS
    operators = [str(item).strip() for item in raw] if isinstance(raw, list | tuple) else []
    if not operators or any(operator not in OPERATORS for operator in operators):
        raise ImproperlyConfigured(
            f"GAZETTE_CHALLENGE_OPERATORS must list some of {', '.join(OPERATORS)}, not {raw!r}"
        )
    return operators


def _read_token(token: object) -> tuple[str, datetime, datetime, str] | None:
    """``(nonce, issued_at, expires_at, mac)`` from a genuine token of ours, else None."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        data = signing.loads(token.strip(), salt=TOKEN_SALT, serializer=CanonicalJSONSerializer)
    except (signing.BadSignature, ValueError, zlib.error, RecursionError):
        # ValueError covers undecodable text (lone surrogates), base64 and JSON errors;
        # RecursionError, JSON nested too deep (a compressed token can expand to that).
        return None
    if not isinstance(data, dict) or data.keys() != _PAYLOAD_KEYS:
        return None
    version, nonce, issued, expires, mac = (data[key] for key in ("v", "n", "t", "e", "h"))
    if type(version) is not int or version != TOKEN_VERSION:
        return None
    if not (isinstance(nonce, str) and _NONCE.fullmatch(nonce)):
        return None
    if not (isinstance(mac, str) and _MAC.fullmatch(mac)):
        return None
    if type(issued) is not int or type(expires) is not int or not 0 <= issued <= expires:
        return None
    try:
        return nonce, _EPOCH + issued * _MILLISECOND, _EPOCH + expires * _MILLISECOND, mac
    except OverflowError:
        return None


def _parse_answer(answer: object) -> int | None:
    """The number the reader typed, or None when it is not a plain non-negative number."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int):
        return answer if 0 <= answer < 10**MAX_ANSWER_LENGTH else None
    if not isinstance(answer, str):
        return None
    text = answer.strip()
    if not text or len(text) > MAX_ANSWER_LENGTH or not _ACCEPTED_DIGITS.issuperset(text):
        return None
    return int(text.translate(_TO_ASCII))


def _answer_mac(nonce: str, answer: int, *, secret: str | None) -> str:
    return salted_hmac(
        ANSWER_SALT, f"{nonce}:{answer}", secret=secret, algorithm="sha256"
    ).hexdigest()


def _answer_matches(nonce: str, answer: int | None, mac: str) -> bool:
    if answer is None:
        return False
    # Tokens signed before a key rotation verify with a fallback key; their MAC must too.
    secrets_to_try = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    matches = [
        hmac.compare_digest(_answer_mac(nonce, answer, secret=secret), mac)
        for secret in secrets_to_try
    ]
    return any(matches)


def _as_utc(moment: datetime | None) -> datetime:
    if moment is None:
        return timezone.now().astimezone(UTC)
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _millis(moment: datetime) -> int:
    return (moment - _EPOCH) // _MILLISECOND
