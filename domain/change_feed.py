"""The change feed's cursor (spec §19): where a client is in a model's stream of changes.

A change is keyed by ``(at, id)``: for a record its ``write_date`` and id, for a
deletion the time of the deleting transaction and the deletion log's id. A page
serves keys strictly above the cursor and strictly below the store's *horizon*,
the instant before which every transaction has finished (see docs/change-feed.md),
so nothing can still appear below the cursor once it has moved past it.

The cursor travels as opaque text: base64url JSON plus an HMAC of it, so a client
cannot edit it, nor use one model's cursor on another; anything else is a 400.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from attrs import frozen

from .errors import Gone, ValidationError

VERSION = 1
DEFAULT_LIMIT = 100
_MAC_BYTES = 16
_EPOCH = datetime(1970, 1, 1)
_DIGITS = re.compile(r"\A[0-9]{1,7}\Z")


@frozen(order=True)
class ChangeKey:
    """The position of one change: its time (naive UTC), then an id to break ties."""

    at: datetime
    id: int


@frozen
class FeedCursor:
    """Up to where records and deletions were served (``records`` None: from the start;
    ``deletions`` None: the first poll, which reports no deletions)."""

    records: ChangeKey | None = None
    deletions: ChangeKey | None = None

    @property
    def is_start(self) -> bool:
        return self.records is None and self.deletions is None


def next_cursor(cursor: FeedCursor, record_keys: Sequence[ChangeKey], more_records: bool,
                deletion_keys: Sequence[ChangeKey], more_deletions: bool, horizon: datetime) -> FeedCursor:
    """Where the next page starts: after the last key served when the page was full, else at
    the horizon (every change below it was served; a later one has ``at >= horizon``)."""
    return FeedCursor(_advance(record_keys, more_records, horizon),
                      _advance(deletion_keys, more_deletions, horizon))


def _advance(keys: Sequence[ChangeKey], more: bool, horizon: datetime) -> ChangeKey:
    if more:
        return keys[-1]
    return ChangeKey(horizon, 0)


def check_retention(cursor: FeedCursor, now: datetime, days: int) -> None:
    """``Gone`` (410) when the cursor is older than the deletion log keeps deletions."""
    if cursor.deletions is not None and cursor.deletions.at < now - timedelta(days=days):
        raise Gone(f"This cursor is older than the change feed's retention ({days} days): "
                   "start again without a cursor", {"retention_days": days})


def parse_limit(text: str | None, maximum: int) -> int:
    """The ``limit`` parameter: 1 to ``maximum``, default ``DEFAULT_LIMIT``."""
    if text is None:
        return min(DEFAULT_LIMIT, maximum)
    if not _DIGITS.match(text) or not 1 <= int(text) <= maximum:
        raise ValidationError(f"limit must be an integer from 1 to {maximum}", {"limit": text[:50]})
    return int(text)


def encode_cursor(cursor: FeedCursor, model: str, secret: bytes) -> str:
    """The cursor as opaque, signed text."""
    payload = json.dumps([VERSION, model, _key_value(cursor.records), _key_value(cursor.deletions)],
                         separators=(",", ":")).encode()
    return _b64(payload) + "." + _b64(_mac(payload, secret))


def decode_cursor(text: str, model: str, secret: bytes) -> FeedCursor:
    """The cursor a client sent back; ``ValidationError`` when it is not one of ours for ``model``."""
    try:
        encoded_payload, encoded_mac = text.split(".")
        payload, mac = _unb64(encoded_payload), _unb64(encoded_mac)
    except (ValueError, binascii.Error):
        raise _invalid(text) from None
    if not hmac.compare_digest(mac, _mac(payload, secret)):
        raise _invalid(text)
    version, cursor_model, records, deletions = json.loads(payload)
    if version != VERSION or cursor_model != model:
        raise ValidationError(f"This cursor belongs to the change feed of {cursor_model}, not {model}",
                              {"cursor": text[:200]})
    return FeedCursor(_key(records), _key(deletions))


def _invalid(text: str) -> ValidationError:
    return ValidationError("Invalid change-feed cursor: use the next_cursor of a previous answer",
                           {"cursor": text[:200]})


def _key_value(key: ChangeKey | None) -> list[int] | None:
    if key is None:
        return None
    delta = key.at - _EPOCH
    return [(delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds, key.id]


def _key(value: list[int] | None) -> ChangeKey | None:
    if value is None:
        return None
    microseconds, record_id = value
    return ChangeKey(_EPOCH + timedelta(microseconds=microseconds), record_id)


def _mac(payload: bytes, secret: bytes) -> bytes:
    return hmac.new(secret, payload, hashlib.sha256).digest()[:_MAC_BYTES]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    if not text or len(text) > 400:
        raise ValueError("not a cursor")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
