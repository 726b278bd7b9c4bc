import base64
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gazette.challenge import nonces
from gazette.challenge.models import UsedNonce
from gazette.challenge.service import (
    TOKEN_SALT,
    Outcome,
    challenge_issue,
    challenge_verify,
    purge_expired_nonces,
)
from tests.challenge.helpers import operands, solve

LOCAL_MEMORY = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ch"}
}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
        "KEY_PREFIX": "gazette-challenge-tests",
    }
}
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}
FUZZ = hypothesis_settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def on_database(settings):
    """Whatever REDIS_URL says, spend nonces in the database."""
    settings.CACHES = LOCAL_MEMORY


def verify(challenge, answer, **kwargs):
    return challenge_verify(token=challenge.token, answer=answer, **kwargs)


def payload_of(token: str) -> dict:
    return signing.loads(token, salt=TOKEN_SALT)


# --- Questions ----------------------------------------------------------------------------


def test_questions_have_answers_in_the_default_range():
    for _ in range(2000):
        question = challenge_issue().question
        left, _operator, right = operands(question)
        assert left >= 0 and right >= 0
        assert 0 <= solve(question) <= 30


def test_questions_follow_custom_settings(settings):
    settings.GAZETTE_CHALLENGE_RANGE = "0-10"
    settings.GAZETTE_CHALLENGE_OPERATORS = ["+"]
    for _ in range(1000):
        question = challenge_issue().question
        assert operands(question)[1] == "+"
        assert 0 <= solve(question) <= 10


def test_subtraction_only_with_a_raised_floor_never_goes_below_it(settings):
    settings.GAZETTE_CHALLENGE_RANGE = "5-12"
    settings.GAZETTE_CHALLENGE_OPERATORS = ["-"]
    answers = {solve(challenge_issue().question) for _ in range(1000)}
    assert answers <= set(range(5, 13))
    assert len(answers) > 4


def test_both_operators_are_used_by_default():
    used = {operands(challenge_issue().question)[1] for _ in range(200)}
    assert used == {"+", "-"}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GAZETTE_CHALLENGE_RANGE", "30-0"),
        ("GAZETTE_CHALLENGE_RANGE", "ten"),
        ("GAZETTE_CHALLENGE_OPERATORS", []),
        ("GAZETTE_CHALLENGE_OPERATORS", ["*"]),
    ],
)
def test_nonsense_settings_are_reported(settings, name, value):
    setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        challenge_issue()


def test_two_challenges_differ():
    assert challenge_issue().token != challenge_issue().token


# --- The token ----------------------------------------------------------------------------


def test_token_holds_neither_answer_nor_operands(settings):
    settings.GAZETTE_CHALLENGE_RANGE = "20-30"
    challenge = challenge_issue()
    payload = payload_of(challenge.token)
    assert set(payload) == {"v", "n", "t", "e", "h"}
    left, _operator, right = operands(challenge.question)
    secrets_in_clear = {left, right, solve(challenge.question)}
    secrets_in_clear |= {str(number) for number in secrets_in_clear}
    assert payload["v"] == 1, "the version is a constant, not a number of the question"
    assert not secrets_in_clear & {payload["n"], payload["h"]}
    assert len(payload["n"]) >= 22  # at least 128 random bits
    assert challenge.question not in challenge.token


def test_token_payload_is_canonical_json():
    token = challenge_issue().token
    encoded = token.split(":")[0]
    raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    assert raw == json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()


def test_token_times_match_the_challenge(settings):
    settings.GAZETTE_CHALLENGE_MAX_AGE = 3600
    moment = datetime(2025, 5, 18, 21, 18, 7, 123456, tzinfo=UTC)
    challenge = challenge_issue(now=moment)
    assert challenge.issued_at == moment.replace(microsecond=123000)
    assert challenge.expires_at == challenge.issued_at + timedelta(hours=1)


# --- Verifying ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_right_answer_passes_once(on_database):
    challenge = challenge_issue()
    answer = solve(challenge.question)
    first = verify(challenge, str(answer))
    assert first.ok and first.outcome == Outcome.OK and first.message == ""
    assert first.issued_at == challenge.issued_at
    replay = verify(challenge, str(answer))
    assert replay.outcome == Outcome.REPLAYED and not replay.ok
    assert "already used" in replay.message


@pytest.mark.django_db
def test_wrong_answer_consumes_the_token(on_database):
    challenge = challenge_issue()
    answer = solve(challenge.question)
    wrong = verify(challenge, str(answer + 1))
    assert wrong.outcome == Outcome.WRONG
    assert wrong.issued_at == challenge.issued_at
    assert "not right" in wrong.message
    assert verify(challenge, str(answer)).outcome == Outcome.REPLAYED


@pytest.mark.django_db
@pytest.mark.parametrize("answer", [None, "", "  ", "abc", "-3", "+3", "3.0", "1e1", "³", "٣٣٣x"])
def test_unreadable_answers_are_wrong_and_consume_the_token(on_database, answer):
    challenge = challenge_issue()
    assert verify(challenge, answer).outcome == Outcome.WRONG
    assert verify(challenge, str(solve(challenge.question))).outcome == Outcome.REPLAYED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spell",
    [str, lambda n: f"  {n}\n", lambda n: f"0{n}", lambda n: n],
    ids=["text", "padded", "leading-zero", "integer"],
)
def test_answer_spellings_accepted(on_database, spell):
    challenge = challenge_issue()
    assert verify(challenge, spell(solve(challenge.question))).ok


@pytest.mark.django_db
@pytest.mark.parametrize("digits", ["۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"], ids=["persian", "arabic-indic"])
def test_persian_and_arabic_indic_digits_accepted(on_database, digits):
    challenge = challenge_issue()
    answer = "".join(digits[int(d)] for d in str(solve(challenge.question)))
    assert verify(challenge, f" {answer} ").ok


@pytest.mark.django_db
def test_missing_token_consumes_nothing(on_database):
    for token in (None, "", "   "):
        result = challenge_verify(token=token, answer="3")
        assert result.outcome == Outcome.MISSING and result.issued_at is None
        assert result.message
    assert not UsedNonce.objects.exists()


@pytest.mark.django_db
def test_expired_token_is_refused_without_consuming(on_database, settings):
    settings.GAZETTE_CHALLENGE_MAX_AGE = 3600
    issued = timezone.now() - timedelta(days=3)
    challenge = challenge_issue(now=issued)
    answer = str(solve(challenge.question))
    late = verify(challenge, answer, now=issued + timedelta(hours=1, seconds=1))
    assert late.outcome == Outcome.EXPIRED
    assert late.issued_at == challenge.issued_at
    assert "expired" in late.message
    assert not UsedNonce.objects.exists()
    assert verify(challenge, answer, now=issued + timedelta(minutes=59)).ok


@pytest.mark.django_db
def test_lowering_max_age_shortens_tokens_already_issued(on_database, settings):
    issued = timezone.now()
    challenge = challenge_issue(now=issued)
    settings.GAZETTE_CHALLENGE_MAX_AGE = 600
    result = verify(challenge, str(solve(challenge.question)), now=issued + timedelta(hours=1))
    assert result.outcome == Outcome.EXPIRED


@pytest.mark.django_db
def test_default_validity_is_a_day(on_database):
    issued = timezone.now()
    challenge = challenge_issue(now=issued)
    assert challenge.expires_at - challenge.issued_at == timedelta(hours=24)
    answer = str(solve(challenge.question))
    assert verify(challenge, answer, now=issued + timedelta(hours=25)).outcome == Outcome.EXPIRED
    assert verify(challenge, answer, now=issued + timedelta(hours=23)).ok


@pytest.mark.django_db
def test_token_from_the_future_is_refused(on_database):
    issued = timezone.now() + timedelta(hours=1)
    challenge = challenge_issue(now=issued)
    assert verify(challenge, str(solve(challenge.question))).outcome == Outcome.MALFORMED


def flip(text: str, index: int) -> str:
    return text[:index] + ("A" if text[index] != "A" else "B") + text[index + 1 :]


@pytest.mark.django_db
def test_tampered_tokens_are_malformed(on_database):
    challenge = challenge_issue()
    other = challenge_issue()
    answer = str(solve(challenge.question))
    payload, timestamp, signature = challenge.token.split(":")
    other_payload = other.token.split(":")[0]
    tampered = [
        flip(challenge.token, 5),
        flip(challenge.token, len(challenge.token) - 3),
        f"{other_payload}:{timestamp}:{signature}",
        f"{payload}:{timestamp}",
        challenge.token + "x",
        signing.dumps(payload_of(challenge.token)),  # right payload, another salt
        signing.dumps({**payload_of(challenge.token), "v": 2}, salt=TOKEN_SALT),
        signing.dumps({**payload_of(challenge.token), "v": True}, salt=TOKEN_SALT),
        signing.dumps({**payload_of(challenge.token), "x": 1}, salt=TOKEN_SALT),
        signing.dumps({**payload_of(challenge.token), "t": "0"}, salt=TOKEN_SALT),
        signing.dumps({**payload_of(challenge.token), "t": 10**30}, salt=TOKEN_SALT),
        signing.dumps({**payload_of(challenge.token), "n": "short"}, salt=TOKEN_SALT),
        signing.dumps({**payload_of(challenge.token), "h": "00"}, salt=TOKEN_SALT),
        signing.dumps([1, 2, 3], salt=TOKEN_SALT),
        signing.dumps("text", salt=TOKEN_SALT, compress=True),
    ]
    for token in tampered:
        result = challenge_verify(token=token, answer=answer)
        assert result.outcome == Outcome.MALFORMED, token
        assert result.issued_at is None
    assert not UsedNonce.objects.exists()
    assert verify(challenge, answer).ok


@pytest.mark.django_db
def test_token_signed_with_a_retired_key_still_verifies(on_database, settings):
    challenge = challenge_issue()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" * 5
    assert verify(challenge, str(solve(challenge.question))).ok


@pytest.mark.django_db
@FUZZ
@given(token=st.text(), answer=st.one_of(st.none(), st.text(), st.integers()))
def test_garbage_never_raises(on_database, token, answer):
    result = challenge_verify(token=token, answer=answer)
    assert result.outcome in {Outcome.MISSING, Outcome.MALFORMED}


@pytest.mark.django_db
@FUZZ
@given(answer=st.one_of(st.none(), st.text(), st.integers(), st.binary(), st.floats()))
def test_any_answer_to_a_real_token_is_judged_without_raising(on_database, answer):
    challenge = challenge_issue()
    result = verify(challenge, answer)
    assert result.outcome in {Outcome.OK, Outcome.WRONG}
    if isinstance(answer, str | int) and str(answer).strip() == str(solve(challenge.question)):
        assert result.ok


@pytest.mark.django_db
def test_huge_inputs_never_raise(on_database):
    challenge = challenge_issue()
    huge = "9" * 1_000_000
    assert challenge_verify(token=huge, answer=huge).outcome == Outcome.MALFORMED
    assert challenge_verify(token=challenge.token + huge, answer="1").outcome == Outcome.MALFORMED
    assert verify(challenge, huge).outcome == Outcome.WRONG
    assert verify(challenge_issue(), 10**5000).outcome == Outcome.WRONG
    assert challenge_verify(token=12345, answer="1").outcome == Outcome.MALFORMED


# --- Single use under concurrency ---------------------------------------------------------


def race(challenge, attempts: int = 20) -> list[Outcome]:
    """Verify one solved token from many threads at once."""
    answer = str(solve(challenge.question))
    start = threading.Barrier(attempts)

    def attempt(_):
        try:
            start.wait()
            return verify(challenge, answer).outcome
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        return list(pool.map(attempt, range(attempts)))


@pytest.mark.django_db(transaction=True)
def test_concurrent_verifications_succeed_once_on_the_database(on_database):
    outcomes = race(challenge_issue())
    assert outcomes.count(Outcome.OK) == 1
    assert outcomes.count(Outcome.REPLAYED) == 19
    assert UsedNonce.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_verifications_succeed_once_on_redis(settings):
    settings.CACHES = REDIS
    outcomes = race(challenge_issue())
    assert outcomes.count(Outcome.OK) == 1
    assert outcomes.count(Outcome.REPLAYED) == 19
    # Redis refused the replays; the one spent nonce is also kept in the database, so a
    # Redis outage cannot make it valid again.
    assert UsedNonce.objects.count() == 1


@pytest.mark.django_db
def test_redis_nonce_lives_as_long_as_the_token(settings):
    settings.CACHES = REDIS
    from django.core.cache import cache

    challenge = challenge_issue()
    assert verify(challenge, str(solve(challenge.question))).ok
    nonce = payload_of(challenge.token)["n"]
    ttl = cache._cache.get_client().ttl(
        cache.make_and_validate_key(nonces.CACHE_KEY_PREFIX + nonce)
    )
    assert 24 * 3600 < ttl <= 24 * 3600 + 6 * 60


@pytest.mark.django_db
def test_redis_down_falls_back_to_the_database(caplog):
    # A context rather than the settings fixture: the cache is cleared after each test,
    # and that must reach a server that answers.
    with override_settings(CACHES=REDIS_DOWN):
        challenge = challenge_issue()
        answer = str(solve(challenge.question))
        assert verify(challenge, answer).ok
        assert verify(challenge, answer).outcome == Outcome.REPLAYED
    assert UsedNonce.objects.count() == 1
    assert "using the database" in caplog.text


# --- Housekeeping -------------------------------------------------------------------------


@pytest.mark.django_db
def test_purge_deletes_only_expired_nonces():
    now = timezone.now()
    for name, offset in [("gone-1", -60), ("gone-2", -1), ("kept-1", 1), ("kept-2", 3600)]:
        UsedNonce.objects.create(nonce=name, expires_at=now + timedelta(seconds=offset))
    assert purge_expired_nonces(now=now) == 2
    assert set(UsedNonce.objects.values_list("nonce", flat=True)) == {"kept-1", "kept-2"}
    assert purge_expired_nonces(now=now) == 0


@pytest.mark.django_db
def test_spending_a_nonce_sometimes_purges_old_ones(on_database, monkeypatch):
    monkeypatch.setattr(nonces, "PURGE_ONE_IN", 1)
    UsedNonce.objects.create(nonce="old", expires_at=timezone.now() - timedelta(days=2))
    challenge = challenge_issue()
    assert verify(challenge, str(solve(challenge.question))).ok
    assert list(UsedNonce.objects.values_list("nonce", flat=True)) == [
        payload_of(challenge.token)["n"]
    ]
