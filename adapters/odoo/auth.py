"""Checking a Bearer API key through Odoo's own ``res.users.apikeys._check_credentials``.

Odoo's method decides which keys count (scope NULL or ``odoo.api``, not expired, user
active) with one query on every request, so revocation, expiry and archiving take effect
on the very next request, and other addons' overrides of it keep working. The one thing
added is a memo of successful pbkdf2 verifications (``VerifiedHashes``), reached only
through the ``_inherit`` in ``models/res_users_apikeys.py``.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from contextlib import contextmanager

from odoo.addons.base.models import res_users

from ...domain.errors import AuthenticationError

API_SCOPE = "odoo.api"
MAX_VERIFIED = 1024


class VerifiedHashes:
    """A bounded, thread-safe memo of ``KEY_CRYPT_CONTEXT.verify(key, stored_hash)`` successes.

    pbkdf2 is deterministic: once a key matched a stored hash it always will. Only that pure
    result is remembered (by the stored hash and a SHA-256 of the key, never the key); which
    hashes still count is Odoo's query, run on every request. Failures are not remembered:
    a wrong key costs a full pbkdf2 check every time its index matches a stored key.
    """

    def __init__(self, max_entries: int = MAX_VERIFIED):
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[str, bytes], None] = OrderedDict()
        self._lock = threading.Lock()

    def verify(self, crypt_context, key: str, stored_hash: str) -> bool:
        """Whether ``key`` is the secret behind ``stored_hash`` (``crypt_context`` checks misses)."""
        entry = (stored_hash, hashlib.sha256(key.encode()).digest())
        with self._lock:
            if entry in self._entries:
                self._entries.move_to_end(entry)
                return True
        if not crypt_context.verify(key, stored_hash):
            return False
        with self._lock:
            self._entries[entry] = None
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return True


VERIFIED = VerifiedHashes()
_MEMO_ON = threading.local()


class _MemoizedKeyContext:
    """Stands in for ``res_users.KEY_CRYPT_CONTEXT``: the memo only inside ``memoized_verify``.

    ``_check_credentials`` calls the module's ``KEY_CRYPT_CONTEXT.verify``; Odoo has no other
    hook between its query and pbkdf2. Outside the API's own check (XML-RPC, the web client)
    every call goes to Odoo's context unchanged.
    """

    def __init__(self, wrapped):
        self.wrapped = wrapped

    def verify(self, secret, stored_hash, *args, **kwargs):
        if getattr(_MEMO_ON, "active", False) and not args and not kwargs:
            return VERIFIED.verify(self.wrapped, secret, stored_hash)
        return self.wrapped.verify(secret, stored_hash, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.wrapped, name)


def install_memo() -> None:
    """Put the memoizing stand-in in front of Odoo's key context (idempotent)."""
    if not isinstance(res_users.KEY_CRYPT_CONTEXT, _MemoizedKeyContext):
        res_users.KEY_CRYPT_CONTEXT = _MemoizedKeyContext(res_users.KEY_CRYPT_CONTEXT)


@contextmanager
def memoized_verify():
    """Within this block, this thread's key verifications may use the memo."""
    previous = getattr(_MEMO_ON, "active", False)
    _MEMO_ON.active = True
    try:
        yield
    finally:
        _MEMO_ON.active = previous


def authenticated_user_id(env, key: str) -> int:
    """The id of the key's user; ``AuthenticationError`` for a missing, bad or expired key.

    Like Odoo's bearer check it accepts keys whose scope is NULL (global) or this API's
    scope; ``_check_credentials`` rejects expired keys and keys of archived users.
    """
    user_id = env["res.users.apikeys"]._rest_api_check_key(key)
    if not user_id:
        raise AuthenticationError("Invalid or expired API key")
    return user_id
