"""The Odoo side of the HTTP edge: how a request authenticates and reaches the ORM."""
from __future__ import annotations

import hashlib
import hmac

import psycopg2

from odoo import release

from ..adapters.odoo.auth import authenticated_user_id
from ..adapters.odoo.key_usage import KEYS
from ..adapters.odoo.catalog import OdooCatalog
from ..adapters.odoo.errors import odoo_errors
from ..adapters.odoo.idempotency import PostgresIdempotencyStore
from ..adapters.odoo.rate_limiter import PostgresRateLimiter
from ..adapters.odoo.reports import OdooReportRenderer
from ..adapters.odoo.viewer_cache import ViewerCache
from ..adapters.odoo.store import OdooRecordStore
from ..application.session import Session
from ..domain.errors import AuthenticationError
from .credentials import bearer_token
from .host import Host
from .module_version import module_version
from .messages import HttpRequest


class OdooHost(Host):
    """One Odoo HTTP request as the edge's host."""

    answers = ViewerCache(max_entries=64)  # whole documents: few and large

    def __init__(self, odoo_request):
        self.odoo_request = odoo_request
        self._settings = None

    @property
    def env(self):
        """The request's Odoo environment: as the key's user once the request is authenticated
        (what an addon's handler reads and writes with)."""
        return self.odoo_request.env

    @property
    def settings(self):
        if self._settings is None:
            self._settings = self.odoo_request.env["rest_api.settings"]._current()
        return self._settings

    def session(self, request: HttpRequest) -> Session:
        key = bearer_token(request.header("authorization"))
        user_id = authenticated_user_id(self.odoo_request.env, key)
        # The key alone decides the user: whatever session cookie came along is ignored.
        self.odoo_request.update_env(user=user_id)
        env = self.odoo_request.env
        key_id = self._key_id(env, key, user_id, request.remote_addr)
        return Session(OdooCatalog(env), OdooRecordStore(env, self.settings.max_body_bytes), self.settings,
                       user_id, reports=OdooReportRenderer(env),
                       restrictions=env["res.users.apikeys"]._rest_api_restrictions(key_id), key_id=key_id)

    @staticmethod
    def _key_id(env, key: str, user_id: int, address: str | None) -> int:
        """The key's row id (its rules are cached per key until they change), its last use noted on the way."""
        key_id = KEYS.key_id(env, key, user_id)
        if key_id is None:  # verified by Odoo a moment ago: only a key deleted in between
            raise AuthenticationError("Invalid or expired API key")
        KEYS.touch(env, key_id, address)
        return key_id

    def database_answers(self) -> bool:
        try:
            self.odoo_request.env.cr.execute("SELECT 1")
            return True
        except psycopg2.Error:
            return False

    def memoized(self, question, build):
        return self.answers.get(self.odoo_request.env, question, build)

    def rate_limiter(self) -> PostgresRateLimiter:
        return PostgresRateLimiter(self.odoo_request.env)

    def signing_secret(self, purpose: str) -> bytes:
        # The database's own secret (as Odoo signs its tokens with): cursors survive restarts
        # and work on every worker. Configuration, read like the settings.
        secret = self.odoo_request.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).digest()
    def idempotency_store(self) -> PostgresIdempotencyStore:
        return PostgresIdempotencyStore(self.odoo_request.env)

    def versions(self) -> tuple[str, str]:
        return module_version(), release.version

    def undo_on_error(self):
        # a savepoint, and what Odoo raises in it as the API's errors (serialization failures
        # still leave as they are: Odoo retries the whole request)
        return odoo_errors(self.odoo_request.env)
