"""``Range: bytes=…`` on a download (RFC 9110 §14): which bytes to send, or why none can be."""
from __future__ import annotations

import re

from attrs import frozen

from ..domain.errors import RangeNotSatisfiable

_SINGLE_RANGE = re.compile(r"\A\s*bytes\s*=\s*(\d{0,19})\s*-\s*(\d{0,19})\s*\Z", re.IGNORECASE)


@frozen
class ByteRange:
    """The bytes ``start`` to ``end`` (both included) of content ``size`` bytes long."""

    start: int
    end: int
    size: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    @property
    def is_partial(self) -> bool:
        return self.length != self.size

    def content_range(self) -> str:
        """The ``Content-Range`` header of a 206 answer."""
        return f"bytes {self.start}-{self.end}/{self.size}"


def whole(size: int) -> ByteRange:
    """Every byte of the content."""
    return ByteRange(0, size - 1, size)


def requested_range(header: str | None, size: int) -> ByteRange:
    """The part of ``size`` bytes a ``Range`` header asks for.

    No header, a malformed one or several ranges: the whole content (a server may
    ignore a ``Range`` it does not support). A range starting past the end, or an
    empty suffix (``bytes=-0``): ``RangeNotSatisfiable``. An end past the content is
    cut to its last byte.
    """
    found = _SINGLE_RANGE.match(header or "")
    if found is None or found.group(1) == found.group(2) == "":
        return whole(size)
    first, last = found.group(1), found.group(2)
    if first == "":
        suffix = int(last)
        if suffix == 0:
            raise _unsatisfiable(header, size)
        return ByteRange(max(size - suffix, 0), size - 1, size)
    start = int(first)
    if last != "" and int(last) < start:
        return whole(size)  # syntactically invalid: ignored, like any malformed Range
    if start >= size:
        raise _unsatisfiable(header, size)
    end = size - 1 if last == "" else min(int(last), size - 1)
    return ByteRange(start, end, size)


def _unsatisfiable(header: str | None, size: int) -> RangeNotSatisfiable:
    return RangeNotSatisfiable(f"Range {header!r} is outside the content ({size} bytes)", size,
                               {"range": (header or "")[:100], "size": size})
