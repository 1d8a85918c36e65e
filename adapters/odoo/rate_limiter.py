"""Rate-limit counters in PostgreSQL, shared by every worker and server of the database.

A hit is one upsert on an UNLOGGED table, in its own short transaction: the
request's transaction may roll back (a failed authentication does), the count
must stay.
"""
from __future__ import annotations

import time
from contextlib import nullcontext

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
        with self._counter_cursor() as cr:
            cr.execute(_UPSERT, (bucket, rule.window_start(now)))
            hits = cr.fetchone()[0]
        return rule.decide(hits, now)

    def _counter_cursor(self):
        """A cursor of its own, committed on exit whatever the request does.

        Under Odoo's HttpCase every request shares one test cursor, which cannot
        open a read/write cursor from a read-only one: there the request's own
        cursor counts (and a read-only GET is retried read/write by Odoo).
        """
        if self.env.registry.in_test_mode():
            return nullcontext(self.env.cr)
        return self.env.registry.cursor()

    def peek(self, bucket: str, rule: RateLimit) -> RateDecision:
        now = self.clock()
        self.env.cr.execute(_SELECT, (bucket, rule.window_start(now)))
        row = self.env.cr.fetchone()
        return rule.decide((row[0] if row else 0) + 1, now)
