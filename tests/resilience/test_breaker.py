import logging

from gazette.resilience.breaker import CircuitBreaker


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_closed_breaker_lets_every_call_through():
    breaker = CircuitBreaker("Thing", retry_after=5, clock=Clock())
    assert all(breaker.allows() for _ in range(10))
    assert not breaker.is_open


def test_a_failure_keeps_calls_away_until_the_retry_time():
    clock = Clock()
    breaker = CircuitBreaker("Thing", retry_after=5, clock=clock)
    breaker.failed(ConnectionError("refused"))
    assert breaker.is_open
    assert not breaker.allows()
    clock.now += 4.9
    assert not breaker.allows()


def test_after_the_retry_time_one_caller_probes_alone():
    clock = Clock()
    breaker = CircuitBreaker("Thing", retry_after=5, clock=clock)
    breaker.failed(ConnectionError("refused"))
    clock.now += 5
    assert breaker.allows()
    assert not breaker.allows(), "the others wait for the probe"


def test_a_failed_probe_opens_it_for_another_period():
    clock = Clock()
    breaker = CircuitBreaker("Thing", retry_after=5, clock=clock)
    breaker.failed(ConnectionError("refused"))
    clock.now += 5
    assert breaker.allows()
    breaker.failed(ConnectionError("still refused"))
    clock.now += 4
    assert not breaker.allows()
    clock.now += 1
    assert breaker.allows()


def test_a_successful_probe_closes_it():
    clock = Clock()
    breaker = CircuitBreaker("Thing", retry_after=5, clock=clock)
    breaker.failed(ConnectionError("refused"))
    clock.now += 5
    assert breaker.allows()
    breaker.succeeded()
    assert not breaker.is_open
    assert breaker.allows() and breaker.allows()


def test_the_outage_is_logged_once_and_its_end_once(caplog):
    clock = Clock()
    breaker = CircuitBreaker("Redis cache", retry_after=5, clock=clock)
    with caplog.at_level(logging.INFO, logger="gazette.resilience"):
        for _ in range(20):
            breaker.failed(ConnectionError("Connection refused"))
        clock.now += 12.5
        breaker.succeeded()
        breaker.succeeded()
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert "Redis cache is unreachable (Connection refused)" in messages[0]
    assert "back after 12.5 s (20 failed call(s)" in messages[1]
