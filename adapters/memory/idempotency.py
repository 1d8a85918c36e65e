"""Kept answers of idempotent requests in process memory: right for the single-process demo and tests."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ...application.idempotency import IdempotencyStore, KeptAnswer
from ...domain.errors import Conflict

SECONDS_PER_HOUR = 3600


class InMemoryIdempotencyStore(IdempotencyStore):
    """Answers by (user, key) with the time they were kept; a claim is a key in ``_running``."""

    def __init__(self, clock: Callable[[], float] = time.time):
        self.clock = clock
        self._kept: dict[tuple[int, str], tuple[float, KeptAnswer]] = {}
        self._running: set[tuple[int, str]] = set()
        self._lock = threading.Lock()

    def claim(self, user_id: int, key: str, retention_hours: int) -> KeptAnswer | None:
        with self._lock:
            if (user_id, key) in self._running:
                raise Conflict("A request with this Idempotency-Key is still running; retry later",
                               {"header": "Idempotency-Key"})
            self._running.add((user_id, key))
            self._forget_before(self.clock() - retention_hours * SECONDS_PER_HOUR)
            found = self._kept.get((user_id, key))
            return found[1] if found is not None else None

    def keep(self, user_id: int, key: str, answer: KeptAnswer) -> None:
        with self._lock:
            self._kept[(user_id, key)] = (self.clock(), answer)

    def release(self, user_id: int, key: str) -> None:
        with self._lock:
            self._running.discard((user_id, key))

    def _forget_before(self, oldest: float) -> None:
        """Drop expired answers (the Odoo store leaves this to a cron)."""
        for name in [name for name, (kept_at, _) in self._kept.items() if kept_at < oldest]:
            del self._kept[name]
