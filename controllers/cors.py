"""CORS for browser clients: off by default, exact origins from an allow-list, no credentials.

The API authenticates with a Bearer header, never cookies, so it never sends
``Access-Control-Allow-Credentials`` and never answers ``*``.
"""
from __future__ import annotations

from collections.abc import Set

# MCP clients in a browser (issue 26) send the protocol's routing headers on every request.
ALLOWED_REQUEST_HEADERS = "Authorization, Content-Type, X-Request-Id, MCP-Protocol-Version, Mcp-Method, Mcp-Name"
EXPOSED_HEADERS = ("Location, X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, "
                   "Retry-After, Content-Disposition")
PREFLIGHT_MAX_AGE = "600"


def cors_headers(origin: str | None, allowed_origins: Set[str]) -> tuple[tuple[str, str], ...]:
    """Headers of an actual response: the origin echoed back when it is allowed."""
    if not allowed_origins:
        return ()
    if origin and origin in allowed_origins:
        return (("Access-Control-Allow-Origin", origin), ("Access-Control-Expose-Headers", EXPOSED_HEADERS),
                ("Vary", "Origin"))
    return (("Vary", "Origin"),)


def preflight_headers(origin: str | None, allowed_origins: Set[str],
                      methods: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """What a preflight answer adds to ``cors_headers`` for a route answering ``methods``."""
    if not (origin and origin in allowed_origins):
        return ()
    return (("Access-Control-Allow-Methods", ", ".join(methods)),
            ("Access-Control-Allow-Headers", ALLOWED_REQUEST_HEADERS),
            ("Access-Control-Max-Age", PREFLIGHT_MAX_AGE))
