"""Record ids as clients write them: in paths and in ``?id=`` lists."""
from __future__ import annotations

import re

from .errors import ValidationError
from .limits import INT4_MAX

MAX_ID = INT4_MAX  # ids are PostgreSQL int4 serials
_DIGITS = re.compile(r"\A[0-9]{1,10}\Z")


def path_id(text: str) -> int | None:
    """A path segment as a record id, or None when it cannot be one."""
    if not _DIGITS.match(text):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def parse_id_list(text: str, max_ids: int) -> list[int]:
    """``?id=`` as ``[1,2,3]`` or ``1,2,3``; duplicates dropped, order kept."""
    body = text.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    parts = [part.strip() for part in body.split(",")] if body.strip() else []
    if not parts:
        raise ValidationError("'id' must list at least one record id", {"id": text[:100]})
    if len(parts) > max_ids:
        raise ValidationError(f"Too many ids: {len(parts)} (at most {max_ids})")
    bad = [part for part in parts if path_id(part) is None]
    if bad:
        raise ValidationError(f"Invalid record id(s) in 'id': {', '.join(bad[:10])}",
                              {"invalid": bad[:10]})
    return list(dict.fromkeys(int(part) for part in parts))
