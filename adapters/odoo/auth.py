"""Checking a Bearer API key against ``res.users.apikeys`` (scope ``odoo.api`` or global)."""
from __future__ import annotations

from ...domain.credentials import bearer_token
from ...domain.errors import AuthenticationError

API_SCOPE = "odoo.api"


def authenticated_user_id(env, authorization: str | None) -> int:
    """The id of the key's user; ``AuthenticationError`` for a missing, bad or expired key.

    Odoo's check accepts keys whose scope is NULL (global) or this API's scope,
    rejects expired keys and keys of archived users, and is not cached, so a
    revoked key fails on the very next request.
    """
    key = bearer_token(authorization)
    user_id = env["res.users.apikeys"]._check_credentials(scope=API_SCOPE, key=key)
    if not user_id:
        raise AuthenticationError("Invalid or expired API key")
    return user_id
