"""A streaming ``multipart/form-data`` reader: parts come one after the other, their bytes in chunks.

The standard library only parses a whole message in memory; an upload of many
megabytes must pass through with a buffer of one chunk plus the boundary.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

from attrs import field, frozen

from ..domain.errors import ValidationError

MAX_HEADER_BYTES = 16 * 1024
MAX_PREAMBLE_BYTES = 64 * 1024
MAX_PARTS = 100
_BOUNDARY = re.compile(r"""boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))""", re.IGNORECASE)
_PARAMETER = re.compile(r"""(\w+\*?)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))""")


def is_multipart(content_type: str | None) -> bool:
    """Whether ``Content-Type`` declares ``multipart/form-data``."""
    return (content_type or "").split(";", 1)[0].strip().lower() == "multipart/form-data"


def boundary_of(content_type: str) -> bytes:
    """The boundary of a ``multipart/form-data`` content type; 400 when it has none."""
    found = _BOUNDARY.search(content_type)
    if found is None:
        raise ValidationError("multipart/form-data without a boundary", {"content_type": content_type[:200]})
    return (found.group(1) or found.group(2)).encode("latin-1")


@frozen
class Part:
    """One part: its form name, its filename (None for a plain form field), type and bytes."""

    name: str | None
    filename: str | None
    content_type: str | None
    chunks: Iterator[bytes] = field(eq=False, repr=False)

    @property
    def is_file(self) -> bool:
        return self.filename is not None


class MultipartReader:
    """The parts of one body given in chunks; each part must be read before the next."""

    def __init__(self, chunks: Iterable[bytes], boundary: bytes):
        self._chunks = iter(chunks)
        self._marker = b"--" + boundary
        self._data = b""
        self._eof = False

    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = next(self._chunks, b"")  # the body's chunks are never empty before its end
        if not chunk:
            self._eof = True
            return False
        self._data += chunk
        return True

    def _need(self, count: int) -> None:
        while len(self._data) < count:
            if not self._fill():
                raise _malformed("the body ends too early")

    def parts(self) -> Iterator[Part]:
        """Every part in order; the rest of a part a caller did not read is skipped."""
        self._skip_preamble()
        for _ in range(MAX_PARTS + 1):
            self._need(2)
            if self._data.startswith(b"--"):
                return
            self._end_of_line()
            part = self._part_headers()
            yield part
            for _chunk in part.chunks:  # skip what the caller left unread
                pass
        raise ValidationError(f"Too many parts in the multipart body (at most {MAX_PARTS})")

    def _skip_preamble(self) -> None:
        while True:
            index = self._data.find(self._marker)
            if index >= 0:
                self._data = self._data[index + len(self._marker):]
                return
            if len(self._data) > MAX_PREAMBLE_BYTES or not self._fill():
                raise _malformed("no boundary line found")

    def _end_of_line(self) -> None:
        while True:
            self._need(2)
            stripped = self._data.lstrip(b" \t")
            if len(stripped) >= 2 or self._eof:
                break
            self._fill()
        if not stripped.startswith(b"\r\n"):
            raise _malformed("a boundary line must end with CRLF")
        self._data = stripped[2:]

    def _part_headers(self) -> Part:
        while (end := self._data.find(b"\r\n\r\n")) < 0 and not self._data.startswith(b"\r\n"):
            if len(self._data) > MAX_HEADER_BYTES or not self._fill():
                raise _malformed("part headers are too long or never end")
        if self._data.startswith(b"\r\n"):  # a part without headers
            raw, self._data = b"", self._data[2:]
        else:
            raw, self._data = self._data[:end], self._data[end + 4:]
        if len(raw) > MAX_HEADER_BYTES:
            raise _malformed("part headers are too long")
        headers = _headers(raw)
        disposition = _parameters(headers.get("content-disposition", ""))
        filename = disposition.get("filename*") or disposition.get("filename")
        return Part(disposition.get("name"), filename, headers.get("content-type"),
                    self._body(b"\r\n" + self._marker))

    def _body(self, delimiter: bytes) -> Iterator[bytes]:
        keep = len(delimiter) - 1
        while True:
            index = self._data.find(delimiter)
            if index >= 0:
                out, self._data = self._data[:index], self._data[index + len(delimiter):]
                if out:
                    yield out
                return
            if len(self._data) > keep:
                out, self._data = self._data[:-keep], self._data[-keep:]
                yield out
            if not self._fill():
                raise _malformed("the body ends inside a part")


def _headers(raw: bytes) -> dict[str, str]:
    headers = {}
    for line in raw.decode("utf-8", "replace").split("\r\n"):
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return headers


def _parameters(value: str) -> dict[str, str]:
    found = {}
    for name, quoted, plain in _PARAMETER.findall(value):
        text = quoted.replace('\\"', '"') if quoted else plain
        if name.endswith("*") and "''" in text:  # RFC 5987: charset''percent-encoded
            charset, _, encoded = text.partition("''")
            text = unquote(encoded, encoding=charset or "utf-8", errors="replace")
        found[name.lower()] = text
    return found


def _malformed(why: str) -> ValidationError:
    return ValidationError(f"Malformed multipart body: {why}")
