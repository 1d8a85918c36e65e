"""Checking a Bearer API key against ``res.users.apikeys`` (scope ``odoo.api`` or global)."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from odoo.addons.base.models.res_users import INDEX_SIZE, KEY_CRYPT_CONTEXT

from ...application.auth_guard import FailedAuthGuard
from ...domain.credentials import bearer_token
from ...domain.errors import AuthenticationError
from .rate_limiter import TABLE as RATE_TABLE

API_SCOPE = "odoo.api"
MAX_VERIFIED = 1024

# The same rows ``res.users.apikeys._check_credentials`` considers: keys of active users,
# global or of this scope, not expired. Read on every request, never cached.
_CANDIDATE_KEYS = """
    SELECT k.user_id, k.key
      FROM res_users_apikeys k JOIN res_users u ON u.id = k.user_id
     WHERE u.active AND k.index = %s AND (k.scope IS NULL OR k.scope = %s)
       AND (k.expiration_date IS NULL OR k.expiration_date >= now() AT TIME ZONE 'utc')
"""

# The same, with the address's failed-authentication count in the same round trip: one
# row at least (the count, and no key when none matches the index).
_COUNT_AND_CANDIDATE_KEYS = f"""
    SELECT failures.hits, k.user_id, k.key
      FROM (SELECT (SELECT hits FROM {RATE_TABLE} WHERE bucket = %s AND window_start = %s) AS hits) failures
      LEFT JOIN ({_CANDIDATE_KEYS}) k ON TRUE
"""


class VerifiedHashes:
    """A bounded, thread-safe memo of ``KEY_CRYPT_CONTEXT.verify(key, stored_hash)`` successes.

    pbkdf2 is deterministic: once a key matched a stored hash it always will. Only that pure
    result is remembered (by the stored hash and a SHA-256 of the key, never the key); which
    hashes still count — not revoked, not expired, user active — is read from the database
    on every request, so revocation takes effect at once in every worker. Failures are not
    remembered: a wrong key costs a full pbkdf2 check every time.
    """

    def __init__(self, max_entries: int = MAX_VERIFIED):
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[str, bytes], None] = OrderedDict()
        self._lock = threading.Lock()

    def matches(self, key: str, stored_hash: str) -> bool:
        """Whether ``key`` is the secret behind ``stored_hash``."""
        entry = (stored_hash, hashlib.sha256(key.encode()).digest())
        with self._lock:
            if entry in self._entries:
                self._entries.move_to_end(entry)
                return True
        if not KEY_CRYPT_CONTEXT.verify(key, stored_hash):
            return False
        with self._lock:
            self._entries[entry] = None
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return True


VERIFIED = VerifiedHashes()


def authenticated_user_id(env, authorization: str | None, guard: FailedAuthGuard | None = None) -> int:
    """The id of the key's user; ``AuthenticationError`` for a missing, bad or expired key.

    Like Odoo's own check it accepts keys whose scope is NULL (global) or this API's scope,
    and rejects expired keys and keys of archived users; the key rows are read on every
    request, so a revoked key fails on the very next one. With a ``guard``, an address
    over its failed-authentication limit is refused before any key is verified.
    """
    key = bearer_token(authorization)
    for user_id, stored_hash in _candidates(env, key, guard):
        if VERIFIED.matches(key, stored_hash):
            return user_id
    raise AuthenticationError("Invalid or expired API key")


def _candidates(env, key: str, guard: FailedAuthGuard | None) -> list[tuple[int, str]]:
    if guard is None:
        env.cr.execute(_CANDIDATE_KEYS, [key[:INDEX_SIZE], API_SCOPE])
        return env.cr.fetchall()
    env.cr.execute(_COUNT_AND_CANDIDATE_KEYS,
                   [guard.bucket, guard.window_start(), key[:INDEX_SIZE], API_SCOPE])
    rows = env.cr.fetchall()
    guard.refuse_if_over(rows[0][0] or 0)
    return [(user_id, stored_hash) for _hits, user_id, stored_hash in rows if user_id is not None]
