"""Reading the API key out of an ``Authorization`` header (RFC 6750 §2.1)."""
from __future__ import annotations

import re

from ..domain.errors import AuthenticationError

_BEARER = re.compile(r"\A[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9\-._~+/]+=*) *\Z")


def bearer_token(header: str | None) -> str:
    """The key of a ``Bearer`` header; ``AuthenticationError`` when missing or malformed.

    The scheme is case-insensitive, as in Odoo's own Bearer check.
    """
    if not header:
        raise AuthenticationError("Missing API key: send 'Authorization: Bearer <key>'")
    match = _BEARER.match(header)
    if match is None:
        raise AuthenticationError("Malformed Authorization header: expected 'Bearer <key>'")
    return match.group(1)
