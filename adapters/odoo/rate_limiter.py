"""Rate-limit counters in PostgreSQL, shared by every worker and server of the database.

A hit is one upsert on an UNLOGGED table, in its own short transaction: the
request's transaction may roll back (a failed authentication does), the count
must stay.
"""
from __future__ import annotations

import time

from ...application.ports import RateLimiter
from ...domain.rate_limit import RateDecision, RateLimit

TABLE = "rest_api_rate_counter"

_UPSERT = f"""
    INSERT INTO {TABLE} (bucket, window_start, hits) VALUES (%s, %s, 1)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = {TABLE}.hits + 1
    RETURNING hits
"""
_SELECT = f"SELECT hits FROM {TABLE} WHERE bucket = %s AND window_start = %s"


class PostgresRateLimiter(RateLimiter):
    """Fixed-window counters in ``rest_api_rate_counter`` (created by the addon's model)."""

    def __init__(self, env, clock=time.time):
        self.env = env
        self.clock = clock

    def hit(self, bucket: str, rule: RateLimit) -> RateDecision:
        now = self.clock()
        if self.env.registry.in_test_mode():
            # HttpCase serves every request on one shared test cursor, which cannot
            # open a read/write cursor from a read-only one: count on the request's
            # cursor when it can write (and not at all on read-only GETs there).
            if self.env.cr.readonly:
                return rule.decide(1, now)
            return rule.decide(self._count(self.env.cr, bucket, rule, now), now)
        with self.env.registry.cursor() as cr:  # its own transaction: the count survives a rollback
            return rule.decide(self._count(cr, bucket, rule, now), now)

    @staticmethod
    def _count(cr, bucket: str, rule: RateLimit, now: float) -> int:
        cr.execute(_UPSERT, (bucket, rule.window_start(now)))
        return cr.fetchone()[0]

    def peek(self, bucket: str, rule: RateLimit) -> RateDecision:
        now = self.clock()
        self.env.cr.execute(_SELECT, (bucket, rule.window_start(now)))
        row = self.env.cr.fetchone()
        return rule.decide((row[0] if row else 0) + 1, now)
