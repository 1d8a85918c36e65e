"""Conditional requests on one record (RFC 9110 §8.8.3, §13): its ETag, ``If-Match``, ``If-None-Match``.

A record's ETag is a strong validator of its *version*: a hash of the model, the
id and ``write_date`` (microseconds kept, as PostgreSQL stores it). Every write
changes ``write_date``, so every write changes the tag; the field selection of a
response does not (it names the record's state, not the bytes of one rendering).
Strong, so that ``If-Match`` can use it: RFC 9110 compares ``If-Match`` strongly,
and a weak tag (``W/"…"``) never matches there.

Header grammar (RFC 9110 §8.8.3)::

    If-Match / If-None-Match = "*" / #entity-tag
    entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE
    etagc      = %x21 / %x23-7E / obs-text
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

from attrs import frozen

from .errors import PreconditionFailed, PreconditionRequired, ValidationError

_ENTITY_TAG = re.compile(r'\s*(W/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|\Z)')
MAX_HEADER_LENGTH = 8192


@frozen
class EntityTag:
    """One entity tag: its opaque text (without quotes) and whether it is weak."""

    opaque: str
    weak: bool = False

    def render(self) -> str:
        """The tag as a header value, e.g. ``"3f…"`` or ``W/"3f…"``."""
        return f'{"W/" if self.weak else ""}"{self.opaque}"'

    def strong_match(self, other: EntityTag) -> bool:
        """RFC 9110 strong comparison: both strong and the same text."""
        return not self.weak and not other.weak and self.opaque == other.opaque

    def weak_match(self, other: EntityTag) -> bool:
        """RFC 9110 weak comparison: the same text, weakness ignored."""
        return self.opaque == other.opaque


def record_etag(model: str, record_id: int, write_date: dt.datetime | str | None) -> EntityTag | None:
    """The strong ETag of a record version; None for a model that keeps no ``write_date``."""
    if not write_date:
        return None
    if isinstance(write_date, str):
        write_date = dt.datetime.fromisoformat(write_date)
    stamp = write_date.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    digest = hashlib.sha256(f"{model}\0{record_id}\0{stamp}".encode()).hexdigest()
    return EntityTag(digest[:32])


@frozen
class TagList:
    """A parsed ``If-Match``/``If-None-Match``: ``*`` (any current version) or a list of tags."""

    tags: tuple[EntityTag, ...] = ()
    any: bool = False

    @classmethod
    def parse(cls, header: str, name: str) -> TagList:
        """The header's value; ``ValidationError`` when it is not ``*`` or quoted entity tags."""
        text = header.strip()
        if text == "*":
            return cls(any=True)
        tags, position = [], 0
        while text and position < len(text) and len(text) <= MAX_HEADER_LENGTH:
            found = _ENTITY_TAG.match(text, position)
            if found is None:
                break
            tags.append(EntityTag(found.group(2), bool(found.group(1))))
            position = found.end()
        if not tags or position < len(text):
            raise ValidationError(
                f'{name} must be "*" or a comma-separated list of quoted entity tags, '
                'e.g. "3f2a…" (as the ETag header gives them)', {"header": name})
        return cls(tuple(tags))

    def strong_match(self, current: EntityTag | None) -> bool:
        """Whether the current version passes ``If-Match`` (``*``: any existing version)."""
        if current is None:
            return False
        return self.any or any(tag.strong_match(current) for tag in self.tags)

    def weak_match(self, current: EntityTag | None) -> bool:
        """Whether ``If-None-Match`` names the current version (weak comparison)."""
        if current is None:
            return False
        return self.any or any(tag.weak_match(current) for tag in self.tags)


@frozen
class Preconditions:
    """The conditional headers of one request (absent ones are None)."""

    if_match: TagList | None = None
    if_none_match: TagList | None = None

    @classmethod
    def from_headers(cls, if_match: str | None, if_none_match: str | None) -> Preconditions:
        """Parse both headers; ``ValidationError`` for a malformed one."""
        return cls(None if if_match is None else TagList.parse(if_match, "If-Match"),
                   None if if_none_match is None else TagList.parse(if_none_match, "If-None-Match"))

    @property
    def conditional(self) -> bool:
        """Whether the request carries any precondition (so the record's version is needed)."""
        return self.if_match is not None or self.if_none_match is not None

    def require_if_match(self) -> None:
        """``PreconditionRequired`` (428) when the request has no ``If-Match``."""
        if self.if_match is None:
            raise PreconditionRequired(
                "This server requires If-Match on single-record writes: GET the record, then send "
                "its ETag in If-Match", {"header": "If-Match"})

    def check_write(self, current: EntityTag | None) -> None:
        """``PreconditionFailed`` (412) unless a write may go ahead on the version ``current``."""
        if self.if_match is not None and not self.if_match.strong_match(current):
            raise PreconditionFailed(
                "The record has changed since the version named in If-Match; nothing was written",
                {"header": "If-Match", "current_etag": current.render() if current else None})
        if self.if_none_match is not None and self.if_none_match.weak_match(current):
            raise PreconditionFailed("If-None-Match names the record's current version; nothing was written",
                                     {"header": "If-None-Match"})

    def not_modified(self, current: EntityTag | None) -> bool:
        """Whether a read can answer 304: ``If-None-Match`` names the current version."""
        return self.if_none_match is not None and self.if_none_match.weak_match(current)


NO_PRECONDITIONS = Preconditions()
