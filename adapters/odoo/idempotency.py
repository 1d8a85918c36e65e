"""Kept answers of idempotent requests in PostgreSQL, in the request's own transaction (spec §17).

- In flight: the first request takes a transaction-scoped advisory lock on (user, key);
  ``pg_try_advisory_xact_lock`` fails at once for a second one → 409. The lock ends with
  the transaction (commit or rollback), so a crashed or failed request frees the key.
- Replay: once it holds the lock, a request looks for a kept answer on a *fresh* cursor.
  Its own transaction may have taken its snapshot (Odoo runs REPEATABLE READ) before the
  first request committed, and would not see the answer: it would run a second time.
- Keep: the answer is inserted on the request's cursor, so it commits or rolls back with
  the request's effects. Should an answer committed after the snapshot exist after all,
  PostgreSQL refuses the upsert with a serialization failure and Odoo retries the whole
  request on a fresh snapshot, which then replays it: never run twice, never kept twice.
"""
from __future__ import annotations

import hashlib
import json

import psycopg2

from ...application.idempotency import IdempotencyStore, KeptAnswer, StoredResponse
from ...domain.errors import Conflict

TABLE = "rest_api_idempotency_record"

_SELECT = f"""
    SELECT fingerprint, status, headers, body FROM {TABLE}
     WHERE user_id = %s AND key = %s
       AND created_at > (now() AT TIME ZONE 'UTC') - make_interval(hours => %s)
"""
_UPSERT = f"""
    INSERT INTO {TABLE} (user_id, key, fingerprint, status, headers, body, created_at)
    VALUES (%s, %s, %s, %s, %s, %s, now() AT TIME ZONE 'UTC')
    ON CONFLICT (user_id, key) DO UPDATE
       SET fingerprint = EXCLUDED.fingerprint, status = EXCLUDED.status,
           headers = EXCLUDED.headers, body = EXCLUDED.body, created_at = EXCLUDED.created_at
"""


def lock_id(user_id: int, key: str) -> int:
    """The advisory-lock number of (user, key): 64 bits of a hash, signed as ``bigint`` wants."""
    digest = hashlib.sha256(f"rest_api.idempotency\0{user_id}\0{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class PostgresIdempotencyStore(IdempotencyStore):
    """Answers in ``rest_api_idempotency_record`` (created by the addon's model)."""

    def __init__(self, env):
        self.env = env

    def claim(self, user_id: int, key: str, retention_hours: int) -> KeptAnswer | None:
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", (lock_id(user_id, key),))
        if not self.env.cr.fetchone()[0]:
            raise Conflict("A request with this Idempotency-Key is still running; retry later",
                           {"header": "Idempotency-Key"})
        if self.env.registry.in_test_mode():
            # HttpCase serves every request on one shared test cursor: it sees everything.
            return self._find(self.env.cr, user_id, key, retention_hours)
        with self.env.registry.cursor() as cr:  # a fresh snapshot: answers committed since ours
            return self._find(cr, user_id, key, retention_hours)

    @staticmethod
    def _find(cr, user_id: int, key: str, retention_hours: int) -> KeptAnswer | None:
        cr.execute(_SELECT, (user_id, key, retention_hours))
        row = cr.fetchone()
        if row is None:
            return None
        fingerprint, status, headers, body = row
        return KeptAnswer(fingerprint, StoredResponse(status, tuple(tuple(pair) for pair in headers),
                                                      bytes(body)))

    def keep(self, user_id: int, key: str, answer: KeptAnswer) -> None:
        response = answer.response
        self.env.cr.execute(_UPSERT, (user_id, key, answer.fingerprint, response.status,
                                      json.dumps(response.headers), psycopg2.Binary(response.body)))
