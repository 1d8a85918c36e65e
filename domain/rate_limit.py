"""Fixed-window rate limits: the policy and the decision, independent of where counters live."""
from __future__ import annotations

import hashlib

from attrs import frozen

from .errors import TooManyRequests


@frozen
class RateLimit:
    """At most ``limit`` events per ``window`` seconds for one bucket (``limit`` 0: no limit)."""

    limit: int
    window: int = 60

    @property
    def enabled(self) -> bool:
        return self.limit > 0

    def window_start(self, now: float) -> int:
        """The start (epoch seconds) of the window ``now`` falls in."""
        return int(now) - int(now) % self.window

    def decide(self, hits: int, now: float) -> RateDecision:
        """The decision once a bucket has counted ``hits`` events in the current window."""
        reset = self.window_start(now) + self.window - int(now)
        return RateDecision(hits <= self.limit, self.limit, max(0, self.limit - hits), max(1, reset))


@frozen
class RateDecision:
    """Whether an event is allowed, with what the ``RateLimit-*`` headers tell the client."""

    allowed: bool
    limit: int
    remaining: int
    reset: int

    def headers(self) -> tuple[tuple[str, str], ...]:
        """IETF draft ``RateLimit-*`` headers (and ``Retry-After`` when refused)."""
        headers = (("RateLimit-Limit", str(self.limit)), ("RateLimit-Remaining", str(self.remaining)),
                   ("RateLimit-Reset", str(self.reset)))
        return headers if self.allowed else headers + (("Retry-After", str(self.reset)),)

    def raise_if_refused(self, what: str) -> None:
        """``TooManyRequests`` when the event is over the limit."""
        if not self.allowed:
            raise TooManyRequests(f"Too many {what}; retry in {self.reset} s", self.reset,
                                  {"limit": self.limit, "retry_after": self.reset})


def key_bucket(key: str) -> str:
    """A rate-limit bucket for an API key that does not reveal the key (logs, tables)."""
    return "key:" + hashlib.sha256(key.encode()).hexdigest()[:24]


def client_bucket(address: str | None) -> str:
    """The bucket of failed authentications from one client address."""
    return f"auth-fail:{address or 'unknown'}"
