"""The files of the interactive docs page, shipped in ``static/docs`` (Swagger UI: no CDN).

Only the names listed here are ever served: a request names a file, never a path.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

STATIC_DOCS = Path(__file__).resolve().parents[1] / "static" / "docs"
PAGE = "index.html"
PAGE_TYPE = "text/html; charset=utf-8"

ASSET_TYPES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "docs.js": "text/javascript; charset=utf-8",
    "docs.css": "text/css; charset=utf-8",
    "LICENSE": "text/plain; charset=utf-8",
    "NOTICE": "text/plain; charset=utf-8",
    "swagger-ui-bundle.js.LICENSE.txt": "text/plain; charset=utf-8",
}


def asset_name(text: str) -> str | None:
    """``text`` if it is the name of a docs asset, else None (the router's placeholder check)."""
    return text if text in ASSET_TYPES else None


@lru_cache(maxsize=None)
def read_static(name: str) -> bytes:
    """The bytes of the page or of an asset (read once, then kept: they change with the addon)."""
    if name != PAGE and name not in ASSET_TYPES:
        raise KeyError(name)
    return (STATIC_DOCS / name).read_bytes()

# Sent as a header for the page (a <meta> tag cannot carry frame-ancestors): no framing.
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self' data:; form-action 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")
PAGE_HEADERS = (("Content-Security-Policy", PAGE_CSP), ("X-Frame-Options", "DENY"))
