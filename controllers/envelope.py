"""The one JSON envelope every answer wears (spec §3)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..domain.errors import ApiError
from .statuses import http_status


def timestamp(now: datetime) -> str:
    """``now`` as UTC ISO 8601 with milliseconds and a ``Z`` suffix."""
    if now.tzinfo is not None:
        now = now.astimezone(timezone.utc).replace(tzinfo=None)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def success_envelope(message: str, data: Any, now: datetime) -> dict:
    """The body of a successful answer."""
    return {"success": True, "message": message, "data": data, "timestamp": timestamp(now)}


def error_envelope(error: ApiError, now: datetime) -> dict:
    """The body of a failed answer; ``error.code`` is the HTTP status, ``details`` always there (null when empty)."""
    body = {"code": http_status(error), "message": error.message, "type": error.type,
            "details": error.details if error.details not in (None, "", {}, []) else None}
    return {"success": False, "error": body, "timestamp": timestamp(now)}
