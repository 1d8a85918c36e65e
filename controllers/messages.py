"""What the edge reads and writes: an HTTP request and response, framework-neutral."""
from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol

from attrs import field, frozen

from ..domain.json_input import is_json_media_type

JSON_TYPE = "application/json; charset=utf-8"
_CLIENT_REQUEST_ID = re.compile(r"\A[A-Za-z0-9._-]{8,64}\Z")


def new_request_id(client_value: str | None = None) -> str:
    """The client's ``X-Request-Id`` when it is well-formed, else a fresh one."""
    if client_value and _CLIENT_REQUEST_ID.match(client_value):
        return client_value
    return uuid.uuid4().hex


class RequestTrace:
    """What the edge learns while serving one request, for its headers and its log line."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.model: str | None = None
        self.user_id: int | None = None
        self.rate_headers: tuple[tuple[str, str], ...] = ()


class ByteStream(Protocol):
    """A request body left unread (a file-like object, or a reader capped at Content-Length)."""

    def read(self, size: int, /) -> bytes: ...


@frozen
class HttpRequest:
    """What the edge needs of an HTTP request; ``params`` keep the first value of each name."""

    method: str
    path: str
    params: Mapping[str, str] = field(factory=dict)
    headers: Mapping[str, str] = field(factory=dict, converter=lambda h: {k.lower(): v for k, v in h.items()})
    body: bytes = b""
    request_id: str = field(factory=new_request_id)
    remote_addr: str | None = None
    trace: RequestTrace = field(factory=RequestTrace, eq=False, repr=False)
    # A non-JSON body (an upload) is not read up front: hosts hand it over as a file to read.
    stream: ByteStream | None = field(default=None, eq=False, repr=False)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def has_body(self) -> bool:
        return self.stream is not None or bool(self.body.strip())

    def body_chunks(self, size: int = 64 * 1024) -> Iterator[bytes]:
        """The body a chunk at a time, from the stream when the host left it unread."""
        if self.stream is None:
            yield from (self.body[offset:offset + size] for offset in range(0, len(self.body), size))
            return
        while chunk := self.stream.read(size):
            yield chunk


def streams_body(content_type: str | None, length: int | None) -> bool:
    """Whether a host should hand the body over unread: a non-empty body that is not JSON."""
    declared_json = is_json_media_type(content_type)
    return bool(content_type) and not declared_json and (length is None or length > 0)


@frozen
class HttpResponse:
    """Status, headers and body bytes (or, for downloads, chunks to send as they come)."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    stream: Iterable[bytes] | None = field(default=None, eq=False, repr=False)

    def chunks(self) -> Iterable[bytes]:
        """What to send: the stream when there is one, else the body."""
        return self.stream if self.stream is not None else [self.body]

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)
