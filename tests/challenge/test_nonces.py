"""Spent nonces stay spent across a Redis outage, in both directions."""

import pytest
from django.core.cache import caches

from gazette.challenge.models import UsedNonce
from gazette.challenge.service import Outcome, challenge_issue, challenge_verify
from tests.challenge.helpers import solve
from tests.reliability.servers import PrivateRedis, Unavailable


@pytest.fixture
def redis_server(tmp_path, settings):
    try:
        server = PrivateRedis(tmp_path / "redis")
    except Unavailable as exc:
        pytest.skip(str(exc))
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "gazette.resilience.cache.ResilientRedisCache",
            "LOCATION": server.url(0),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2, "RETRY_AFTER": 5},
        }
    }
    yield server
    server.stop()


def answer(challenge) -> str:
    return str(solve(challenge.question))


def reopen_breaker_now():
    """Let the next call probe Redis at once instead of after RETRY_AFTER seconds."""
    breaker = caches["default"].breaker
    breaker._closed_until = 0.0


@pytest.mark.django_db
def test_a_token_spent_before_a_redis_outage_is_refused_during_it(redis_server):
    challenge = challenge_issue()
    assert challenge_verify(token=challenge.token, answer=answer(challenge)).ok
    redis_server.stop()
    replay = challenge_verify(token=challenge.token, answer=answer(challenge))
    assert replay.outcome == Outcome.REPLAYED


@pytest.mark.django_db
def test_a_token_spent_during_a_redis_outage_is_refused_after_it(redis_server):
    redis_server.stop()
    challenge = challenge_issue()
    assert challenge_verify(token=challenge.token, answer=answer(challenge)).ok
    redis_server.start()
    reopen_breaker_now()
    replay = challenge_verify(token=challenge.token, answer=answer(challenge))
    assert replay.outcome == Outcome.REPLAYED
    assert not caches["default"].breaker.is_open, "Redis was asked again"


@pytest.mark.django_db
def test_while_redis_is_down_tokens_still_verify(redis_server):
    redis_server.stop()
    outcomes = []
    for _ in range(3):
        challenge = challenge_issue()
        outcomes.append(challenge_verify(token=challenge.token, answer=answer(challenge)).outcome)
    assert outcomes == [Outcome.OK] * 3
    assert UsedNonce.objects.count() == 3


@pytest.mark.django_db
def test_redis_refuses_a_replay_without_asking_the_database(
    redis_server, django_assert_num_queries
):
    challenge = challenge_issue()
    assert challenge_verify(token=challenge.token, answer=answer(challenge)).ok
    with django_assert_num_queries(0):
        replay = challenge_verify(token=challenge.token, answer=answer(challenge))
    assert replay.outcome == Outcome.REPLAYED


@pytest.mark.django_db
def test_a_deferred_right_answer_is_spent_only_when_recorded():
    from django.db import transaction

    challenge = challenge_issue()
    result = challenge_verify(token=challenge.token, answer=answer(challenge), defer_spend=True)

    assert result.ok and result.deferred is not None
    assert not UsedNonce.objects.exists()
    with transaction.atomic():
        assert result.deferred.record()
        assert not result.deferred.record()  # the same nonce again, same transaction
    assert UsedNonce.objects.count() == 1
    replay = challenge_verify(token=challenge.token, answer=answer(challenge))
    assert replay.outcome == Outcome.REPLAYED


@pytest.mark.django_db
def test_a_deferred_wrong_answer_is_spent_at_once():
    challenge = challenge_issue()
    wrong = str(solve(challenge.question) + 1)

    result = challenge_verify(token=challenge.token, answer=wrong, defer_spend=True)

    assert result.outcome == Outcome.WRONG and result.deferred is None
    assert UsedNonce.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    challenge = challenge_issue()
    result = challenge_verify(token=challenge.token, answer=answer(challenge), defer_spend=True)

    with pytest.raises(RuntimeError):
        result.deferred.record()
    assert not UsedNonce.objects.exists()


@pytest.mark.django_db
def test_redis_refuses_a_deferred_replay_before_the_database_is_asked(redis_server):
    challenge = challenge_issue()
    first = challenge_verify(token=challenge.token, answer=answer(challenge), defer_spend=True)
    second = challenge_verify(token=challenge.token, answer=answer(challenge), defer_spend=True)

    assert first.ok
    assert second.outcome == Outcome.REPLAYED
    assert not UsedNonce.objects.exists()  # nothing written until the first is stored
