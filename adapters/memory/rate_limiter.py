"""Rate-limit counters in process memory: right for the single-process demo server and tests."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ...application.ports import RateLimiter
from ...domain.rate_limit import RateDecision, RateLimit


class InMemoryRateLimiter(RateLimiter):
    """Fixed-window counters in a dict; old windows are dropped as new ones start."""

    def __init__(self, clock: Callable[[], float] = time.time):
        self.clock = clock
        self._hits: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def hit(self, bucket: str, rule: RateLimit) -> RateDecision:
        now = self.clock()
        key = (bucket, rule.window_start(now))
        with self._lock:
            self._forget_before(rule.window_start(now))
            self._hits[key] = self._hits.get(key, 0) + 1
            return rule.decide(self._hits[key], now)

    def peek(self, bucket: str, rule: RateLimit) -> RateDecision:
        now = self.clock()
        with self._lock:
            hits = self._hits.get((bucket, rule.window_start(now)), 0)
        return rule.decide(hits + 1, now)

    def _forget_before(self, start: int) -> None:
        for key in [k for k in self._hits if k[1] < start]:
            del self._hits[key]
