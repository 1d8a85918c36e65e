"""Which key a request used, its restrictions, and when and where it was last used (issue 23)."""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict

from odoo.addons.base.models import res_users

from .auth import MAX_VERIFIED, VERIFIED

TOUCH_EVERY_S = 60  # "last used" is written at most once a minute per key

_FIND_KEY = "SELECT id, key FROM res_users_apikeys WHERE index = %s AND user_id = %s"
_TOUCH = """UPDATE res_users_apikeys SET rest_api_last_used = now() at time zone 'utc', rest_api_last_address = %s
             WHERE id = %s AND (rest_api_last_used IS NULL
                                OR rest_api_last_used < now() at time zone 'utc' - interval '1 minute')"""


class KeyIds:
    """A bounded memo of which key row a verified key is (by a SHA-256 of it, never the key).

    A key's row never changes; whether it still counts is Odoo's check, made on every request
    before this is asked.
    """

    def __init__(self, max_entries: int = MAX_VERIFIED):
        self.max_entries = max_entries
        self._ids: OrderedDict[bytes, int] = OrderedDict()
        self._touched: dict[int, float] = {}
        self._lock = threading.Lock()

    def key_id(self, env, key: str, user_id: int) -> int | None:
        """The id of the (already verified) ``key`` of ``user_id``."""
        digest = hashlib.sha256(key.encode()).digest()
        with self._lock:
            if digest in self._ids:
                self._ids.move_to_end(digest)
                return self._ids[digest]
        env.cr.execute(_FIND_KEY, (key[:res_users.INDEX_SIZE], user_id))
        context = getattr(res_users.KEY_CRYPT_CONTEXT, "wrapped", res_users.KEY_CRYPT_CONTEXT)
        found = next((row_id for row_id, stored in env.cr.fetchall() if VERIFIED.verify(context, key, stored)),
                     None)
        if found is not None:
            with self._lock:
                self._ids[digest] = found
                while len(self._ids) > self.max_entries:
                    self._ids.popitem(last=False)
        return found

    def touch(self, env, key_id: int, address: str | None) -> None:
        """Write when and from where ``key_id`` was last used, at most once a minute per key (its own
        transaction, so that a read-only request or a rolled-back one still counts)."""
        now = time.monotonic()
        with self._lock:
            if now - self._touched.get(key_id, -TOUCH_EVERY_S) < TOUCH_EVERY_S:
                return
            self._touched[key_id] = now
        if env.registry.in_test_mode():  # HttpCase shares one cursor: write on it when it can
            if not env.cr.readonly:
                env.cr.execute(_TOUCH, ((address or "")[:64], key_id))
            return
        with env.registry.cursor() as cr:
            cr.execute(_TOUCH, ((address or "")[:64], key_id))


KEYS = KeyIds()
