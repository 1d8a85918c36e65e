"""Who a gateway request says it is: an API key, and the login Odoo's RPC needs beside it.

Odoo 17/18's external API names the user by login (``common.authenticate``) and then takes
the key as the password of every call; a key alone does not tell which user it belongs to.
So the gateway takes either ``Authorization: Basic base64(login:key)`` or the addon's
``Authorization: Bearer <key>`` with an ``X-Odoo-Login`` header. Odoo 19's JSON-2 API takes
the key alone.
"""
from __future__ import annotations

import base64
import binascii
import re

from attrs import frozen

from .credentials import bearer_token
from ..domain.errors import AuthenticationError

_BASIC = re.compile(r"\A[Bb][Aa][Ss][Ii][Cc] +([A-Za-z0-9+/]+=*) *\Z")
MAX_LOGIN = 256


@frozen(repr=False)
class GatewayCredentials:
    """A login (None when the protocol needs none) and the API key, passed through, never kept."""

    login: str | None
    key: str

    def __repr__(self) -> str:  # never print the key
        return f"GatewayCredentials(login={self.login!r}, key=<hidden>)"


def gateway_credentials(authorization: str | None, login_header: str | None) -> GatewayCredentials:
    """The credentials of a request; ``AuthenticationError`` when missing or malformed."""
    basic = _BASIC.match(authorization or "")
    if basic is not None:
        try:
            login, sep, key = base64.b64decode(basic.group(1), validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise AuthenticationError("Malformed Basic credentials: expected base64 of 'login:key'") from exc
        if not sep or not login or not key:
            raise AuthenticationError("Malformed Basic credentials: expected base64 of 'login:key'")
        return GatewayCredentials(_checked_login(login), key)
    key = bearer_token(authorization)
    return GatewayCredentials(_checked_login(login_header) if login_header else None, key)


def _checked_login(login: str) -> str:
    login = login.strip()
    if not login or len(login) > MAX_LOGIN or any(ord(c) < 32 for c in login):
        raise AuthenticationError("Malformed login")
    return login
