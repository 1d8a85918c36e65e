"""The failed-authentication limit of one client address, checked before any key is verified."""
from __future__ import annotations

import time
from collections.abc import Callable

from attrs import field, frozen

from ..domain.rate_limit import RateLimit
from .ports import RateLimiter

REFUSED = "failed authentications from this address"


@frozen
class FailedAuthGuard:
    """Refuses an address over its limit (429) and counts its failures.

    A host may read the counter itself, with the key lookup (``refuse_if_over``),
    to spare a database round trip; otherwise ``check`` asks the limiter.
    """

    limiter: RateLimiter
    bucket: str
    rule: RateLimit
    clock: Callable[[], float] = field(default=time.time, eq=False)

    def window_start(self) -> int:
        """The start of the current counting window (epoch seconds)."""
        return self.rule.window_start(self.clock())

    def check(self) -> None:
        """``TooManyRequests`` when the address has used up its failures."""
        self.limiter.peek(self.bucket, self.rule).raise_if_refused(REFUSED)

    def refuse_if_over(self, failures: int) -> None:
        """``check`` for a failure count the host has read already."""
        self.rule.decide(failures + 1, self.clock()).raise_if_refused(REFUSED)

    def record_failure(self) -> None:
        """Count one failed authentication (in its own transaction where the limiter has one)."""
        self.limiter.hit(self.bucket, self.rule)
