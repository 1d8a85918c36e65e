"""Fixed-window rate limits and the in-memory counters."""
import pytest

from rest_api.adapters.memory.rate_limiter import InMemoryRateLimiter
from rest_api.domain.errors import TooManyRequests
from rest_api.domain.rate_limit import RateDecision, RateLimit, client_bucket, key_bucket


class FakeClock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_counts_within_a_window_and_starts_over_in_the_next():
    clock = FakeClock(1_000_040.5)  # 20 s into a window
    limiter, rule = InMemoryRateLimiter(clock), RateLimit(2, 60)
    assert [limiter.hit("b", rule).allowed for _ in range(3)] == [True, True, False]
    assert limiter.peek("b", rule) == RateDecision(False, 2, 0, 40)
    clock.now += 40
    assert limiter.hit("b", rule) == RateDecision(True, 2, 1, 60)
    assert limiter.peek("other", rule).allowed


def test_peek_does_not_count():
    limiter, rule = InMemoryRateLimiter(FakeClock(0)), RateLimit(1)
    assert limiter.peek("b", rule).allowed and limiter.peek("b", rule).allowed
    assert limiter.hit("b", rule).allowed and not limiter.hit("b", rule).allowed


def test_decision_headers_and_refusal():
    refused = RateDecision(False, 10, 0, 17)
    assert refused.headers() == (("RateLimit-Limit", "10"), ("RateLimit-Remaining", "0"),
                                 ("RateLimit-Reset", "17"), ("Retry-After", "17"))
    with pytest.raises(TooManyRequests) as info:
        refused.raise_if_refused("requests")
    assert info.value.retry_after == 17
    RateDecision(True, 10, 3, 5).raise_if_refused("requests")


def test_buckets_do_not_reveal_keys():
    bucket = key_bucket("0123456789abcdef")
    assert "0123456789" not in bucket and bucket.startswith("key:") and len(bucket) == 28
    assert key_bucket("a") != key_bucket("b")
    assert client_bucket(None) == "auth-fail:unknown"


def test_a_zero_limit_is_disabled():
    assert not RateLimit(0).enabled and RateLimit(1).enabled


def test_failed_auth_guard_counts_failures_and_refuses_over_the_limit():
    from rest_api.application.auth_guard import FailedAuthGuard

    clock = FakeClock(1_000_040.5)
    guard = FailedAuthGuard(InMemoryRateLimiter(clock), "auth-fail:10.0.0.1", RateLimit(2, 60))
    guard.record_failure()
    guard.record_failure()
    with pytest.raises(TooManyRequests) as info:
        guard.record_failure()
    assert info.value.retry_after == 40
