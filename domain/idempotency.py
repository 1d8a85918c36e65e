"""Idempotency keys (IETF httpapi ``Idempotency-Key`` draft): the key's rules and a request's fingerprint.

The draft sends the key as a structured-field string (``Idempotency-Key: "8e03…"``);
most clients send it bare (``Idempotency-Key: 8e03…``). Both are accepted and
name the same key. Its content is 1–255 printable ASCII characters.

The fingerprint says whether a request sent again with the same key is the same
request: the method, the path (without a trailing slash, which routes ignore),
the query parameters (in any order) and the body bytes, exactly.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from .errors import ValidationError

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_KEY_LENGTH = 255
# Headers of the first answer that a replay repeats; the others (request id, CORS, rate
# limits, length) belong to the request being answered now.
REPLAYED_HEADERS = frozenset({"content-type", "location", "etag"})

_PRINTABLE = re.compile(rf"\A[\x20-\x7e]{{1,{MAX_KEY_LENGTH}}}\Z")
_SF_STRING = re.compile(r'\A"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"\Z')


def applies_to(method: str) -> bool:
    """Whether an ``Idempotency-Key`` means anything on ``method`` (the non-idempotent verbs)."""
    return method.upper() in METHODS


def parse_key(header: str) -> str:
    """The key of an ``Idempotency-Key`` header; ``ValidationError`` unless 1–255 printable ASCII."""
    text = header.strip()
    quoted = _SF_STRING.match(text)
    key = re.sub(r'\\(["\\])', r"\1", quoted.group(1)) if quoted else text
    if not _PRINTABLE.match(key):
        raise ValidationError(
            f"{HEADER} must be 1 to {MAX_KEY_LENGTH} printable ASCII characters, e.g. a UUID",
            {"header": HEADER})
    return key


def fingerprint(method: str, path: str, params: Mapping[str, str], body: bytes) -> str:
    """A digest of what makes two requests the same request (hex SHA-256)."""
    digest = hashlib.sha256()
    route = path[:-1] if path.endswith("/") and len(path) > 1 else path
    for part in (method.upper(), route, *(f"{name}={params[name]}" for name in sorted(params))):
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)
    digest.update(body)
    return digest.hexdigest()


def replayed_headers(headers: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The headers of a first answer worth keeping for its replays."""
    return tuple((name, value) for name, value in headers if name.lower() in REPLAYED_HEADERS)
