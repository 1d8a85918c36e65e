"""The framework-neutral HTTP edge: a request in, a response out, the same for every host."""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Protocol, TypeVar, Union
from datetime import datetime, timezone
from urllib.parse import quote

from attrs import evolve, field, frozen

from ..application.auth_guard import FailedAuthGuard
from ..application.idempotency import IdempotencyStore, IdempotentRequest, StoredResponse, run_once
from ..application.outcome import Outcome
from ..application.ports import BinaryContent, RateLimiter
from ..application.session import Session
from ..domain.byte_range import requested_range
from ..domain import idempotency
from ..domain.credentials import bearer_token
from ..domain.rate_limit import RateLimit, client_bucket, key_bucket
from ..domain.envelope import error_envelope, success_envelope
from ..domain.errors import (ApiError, AuthenticationError, InternalError, MethodNotAllowed,
                             RangeNotSatisfiable, ServiceUnavailable, TooManyRequests, http_status)
from ..domain.settings import ApiSettings
from ..domain.json_input import is_json_media_type
from .codec import dump_json
from .cors import cors_headers, preflight_headers
from .router import Route, allowed_methods, check_query_parameters, match

T = TypeVar("T")
JSON_TYPE = "application/json; charset=utf-8"
NOT_MODIFIED = 304
ACCESS_LOG = logging.getLogger("rest_api.access")
_PROCESS_SECRET = os.urandom(32)
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


class Host(ABC):
    """What the edge needs from the server it runs in (Odoo, or the standalone demo)."""

    @property
    @abstractmethod
    def settings(self) -> ApiSettings:
        """The administrator's settings for this request."""

    @abstractmethod
    def session(self, request: HttpRequest) -> Session:
        """Authenticate the request's Bearer key; ``AuthenticationError`` when it fails."""

    @abstractmethod
    def database_answers(self) -> bool:
        """Whether the database answers a trivial query."""

    @abstractmethod
    def versions(self) -> tuple[str, str]:
        """The module version and the Odoo version."""

    def rate_limiter(self) -> RateLimiter | None:
        """Where rate-limit counters live (None: no rate limiting)."""
        return None

    def idempotency_store(self) -> IdempotencyStore:
        """Where answers to requests with an ``Idempotency-Key`` are kept (spec §17)."""
        raise ServiceUnavailable("This server cannot keep idempotency keys",
                                 {"header": idempotency.HEADER})

    def memoized(self, question: Hashable, build: Callable[[], T]) -> T:
        """``build()``, or a copy kept for this viewer while nothing it depends on changed."""
        return build()

    def check_atomic(self) -> None:  # noqa: B027 (optional hook: a no-op by default)
        """Raise ``NotSupported`` where several writes cannot share one database transaction."""

    def signing_secret(self, purpose: str) -> bytes:
        """A secret to sign opaque tokens (change-feed cursors) with; by default one per process."""
        return hmac.new(_PROCESS_SECRET, purpose.encode(), hashlib.sha256).digest()


@frozen
class InlineContent:
    """A document shown as is (a page, a script, a spec): no envelope, no attachment."""

    content: bytes
    mimetype: str
    cache_seconds: int = 0
    headers: tuple[tuple[str, str], ...] = ()


@frozen
class DownloadContent:
    """A file made by the API (an export): saved as ``filename``, with extra headers."""

    content: bytes
    mimetype: str
    filename: str
    headers: tuple[tuple[str, str], ...] = ()


@frozen
class Call:
    """One matched request, as handlers (and guards) see it: the route it matched, and the API
    serving it (its route table, for ``/info`` and ``/transaction``)."""

    request: HttpRequest
    args: dict
    host: Host
    authenticated: Session | None  # None on public routes
    route: Route
    api: RestHttpApi

    @property
    def session(self) -> Session:
        """The caller's session (public routes have none: asking for it there is refused)."""
        if self.authenticated is None:
            raise AuthenticationError("This endpoint needs an API key")
        return self.authenticated


Result = Union[Outcome, BinaryContent, InlineContent, DownloadContent]
Handler = Callable[[Call], Result]
# Runs before the handler of every authenticated route (core, addon, each step of a transaction);
# refuses by raising an ApiError.
Guard = Callable[[Call], None]


class RestHttpApi:
    """Routes a request, runs its guards and handler, and renders the answer or the error.

    ``error_mappings``: (exception class, translation) pairs a host applies, before its own, to
    exceptions that are not API errors (an addon's own exceptions, on the Odoo host).
    """

    def __init__(self, routes: Sequence[Route], guards: Sequence[Guard] = (),
                 error_mappings: Sequence[tuple[type[BaseException], Callable[[BaseException], ApiError]]] = (),
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.routes = tuple(routes)
        self.guards = tuple(guards)
        self.error_mappings = tuple(error_mappings)
        self.clock = clock

    def dispatch(self, request: HttpRequest, host: Host) -> HttpResponse:
        """The answer to ``request``; raises ``ApiError`` so the host can roll back first."""
        if request.method.upper() == "OPTIONS":
            return self._finish(self._preflight(request, host), request, host)
        found = match(self.routes, request.method, request.path)
        request.trace.model = found.args.get("model")
        session = None if found.route.public else self._authenticate(request, host)
        check_query_parameters(found.route, request.params)
        call = Call(request, found.args, host, session, found.route, self)
        key = request.header(idempotency.HEADER)
        if key is not None and session is not None and idempotency.applies_to(request.method):
            response = self._once(call, key)
        else:
            response = self._respond(call)
        return self._finish(response, request, host)

    def run(self, call: Call) -> Result:
        """The route's handler, after every guard (authenticated routes only)."""
        if call.authenticated is not None:
            for guard in self.guards:
                guard(call)
        return call.route.handler(call)

    def translated(self, exc: BaseException) -> ApiError | None:
        """``exc`` by the first error mapping whose class it is an instance of (None: no mapping)."""
        for cls, translate in self.error_mappings:
            if isinstance(exc, cls):
                return translate(exc)
        return None

    def _respond(self, call: Call) -> HttpResponse:
        """Run the handler and render what it answered."""
        request = call.request
        result = self.run(call)
        if isinstance(result, BinaryContent):
            return self._binary(result, request)
        if isinstance(result, InlineContent):
            return self._inline(result, request)
        if isinstance(result, DownloadContent):
            binary = self._binary(BinaryContent(result.content, result.filename, result.mimetype), request)
            return evolve(binary, headers=binary.headers + result.headers)
        if result.status == NOT_MODIFIED:
            headers = (("Cache-Control", "no-store"), ("X-Request-Id", request.request_id))
            return HttpResponse(NOT_MODIFIED, headers + result.headers, b"")
        body = success_envelope(result.message, result.data, self.clock())
        return self._json(result.status, body, request, result.headers)

    def _once(self, call: Call, header: str) -> HttpResponse:
        """A write with an ``Idempotency-Key``: run once and keep the answer, or replay it (§17)."""
        request, host, user_id = call.request, call.host, call.session.user_id
        if user_id is None:  # every host's session names its user; answers are kept per user
            raise AuthenticationError("This endpoint needs an API key")
        once = IdempotentRequest(user_id, idempotency.parse_key(header),
                                 idempotency.fingerprint(request.method, request.path, request.params,
                                                         request.body))
        first: list[HttpResponse] = []

        def run() -> StoredResponse:
            first.append(self._respond(call))
            return StoredResponse(first[0].status, idempotency.replayed_headers(first[0].headers),
                                  first[0].body)

        stored, replayed = run_once(host.idempotency_store(), once, host.settings.idempotency_hours, run)
        if not replayed:
            return first[0]
        headers = stored.headers + (
            ("Content-Length", str(len(stored.body))), ("Cache-Control", "no-store"),
            ("X-Request-Id", request.request_id), (idempotency.REPLAYED_HEADER, "true"))
        return HttpResponse(stored.status, headers, stored.body)

    def _authenticate(self, request: HttpRequest, host: Host) -> Session:
        """The request's session, within the failed-authentication and per-key rate limits."""
        limiter, settings = host.rate_limiter(), host.settings
        failures = RateLimit(settings.auth_failures_per_minute)
        guard = (FailedAuthGuard(limiter, client_bucket(request.remote_addr), failures)
                 if limiter is not None and failures.enabled else None)
        try:
            session = host.session(request)
        except AuthenticationError:
            if guard is not None:
                guard.record_failure()  # 429 once the address is over its limit
            raise
        request.trace.user_id = session.user_id
        per_key = RateLimit(settings.requests_per_minute)
        if limiter is not None and per_key.enabled:
            decision = limiter.hit(key_bucket(bearer_token(request.header("authorization"))), per_key)
            request.trace.rate_headers = decision.headers()
            decision.raise_if_refused("requests for this API key")
        return session

    def _preflight(self, request: HttpRequest, host: Host) -> HttpResponse:
        """``OPTIONS``: the verbs of the route, and CORS approval for allowed origins."""
        methods = allowed_methods(self.routes, request.path)
        headers = (("Allow", ", ".join(methods)), ("X-Request-Id", request.request_id),
                   ("Content-Length", "0"))
        cors = preflight_headers(request.header("origin"), host.settings.cors_origins, methods)
        return HttpResponse(204, headers + cors, b"")

    def error_response(self, error: ApiError, request: HttpRequest, host: Host | None = None) -> HttpResponse:
        """The JSON envelope for an API error, with the headers its status calls for."""
        headers: list[tuple[str, str]] = []
        if isinstance(error, AuthenticationError):
            headers.append(("WWW-Authenticate", 'Bearer realm="api"'))
        if isinstance(error, MethodNotAllowed):
            headers.append(("Allow", ", ".join(error.allowed)))
        if isinstance(error, TooManyRequests) and not request.trace.rate_headers:
            headers.append(("Retry-After", str(error.retry_after)))
        if isinstance(error, ServiceUnavailable) and error.retry_after is not None:
            headers.append(("Retry-After", str(error.retry_after)))
        if isinstance(error, RangeNotSatisfiable):
            headers.append(("Content-Range", f"bytes */{error.size}"))
        body = error_envelope(error, self.clock())
        return self._finish(self._json(http_status(error), body, request, tuple(headers)), request, host)

    def internal_error_response(self, request: HttpRequest, host: Host | None = None) -> HttpResponse:
        """A 500 that reveals nothing but the request id (the log has the traceback)."""
        error = InternalError("Internal server error", {"request_id": request.request_id})
        return self.error_response(error, request, host)

    def _finish(self, response: HttpResponse, request: HttpRequest, host: Host | None) -> HttpResponse:
        """Add CORS and rate-limit headers, and write the request's access log line."""
        extra = request.trace.rate_headers
        if host is not None:
            extra += cors_headers(request.header("origin"), _cors_origins(host))
        if extra:
            response = evolve(response, headers=response.headers + extra)
        trace = request.trace
        ACCESS_LOG.info(
            "request_id=%s method=%s path=%s model=%s user=%s status=%s duration_ms=%.1f",
            request.request_id, request.method, request.path[:200], trace.model or "-",
            trace.user_id if trace.user_id is not None else "-", response.status,
            (time.monotonic() - trace.started) * 1000)
        return response

    def _json(self, status: int, body: dict, request: HttpRequest,
              extra: tuple[tuple[str, str], ...] = ()) -> HttpResponse:
        payload = dump_json(body)
        headers = (("Content-Type", JSON_TYPE), ("Content-Length", str(len(payload))),
                   ("Cache-Control", "no-store"), ("X-Request-Id", request.request_id)) + extra
        return HttpResponse(status, headers, payload)

    def _inline(self, content: InlineContent, request: HttpRequest) -> HttpResponse:
        cache = f"public, max-age={content.cache_seconds}" if content.cache_seconds else "no-store"
        headers = (("Content-Type", content.mimetype), ("Content-Length", str(len(content.content))),
                   ("X-Content-Type-Options", "nosniff"), ("Cache-Control", cache),
                   ("X-Request-Id", request.request_id)) + content.headers
        return HttpResponse(200, headers, content.content)

    def _binary(self, content: BinaryContent, request: HttpRequest) -> HttpResponse:
        """The bytes asked for (all, or one ``Range``), streamed from their source."""
        ascii_name = content.filename.encode("ascii", "replace").decode().replace('"', "")
        disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(content.filename)}"
        part = requested_range(request.header("range"), content.source.size)
        headers: tuple[tuple[str, str], ...] = (
                   ("Content-Type", content.mimetype), ("Content-Length", str(part.length)),
                   ("Accept-Ranges", "bytes"),
                   ("Content-Disposition", disposition), ("X-Content-Type-Options", "nosniff"),
                   ("Content-Security-Policy", "default-src 'none'"), ("Cache-Control", "no-store"),
                   ("X-Request-Id", request.request_id))
        if part.is_partial:
            headers += (("Content-Range", part.content_range()),)
        return HttpResponse(206 if part.is_partial else 200, headers, b"",
                            content.source.chunks(part.start, part.end))


def _cors_origins(host: Host) -> frozenset[str]:
    """The allowed origins; none when the settings cannot be read (a failed database)."""
    try:
        return host.settings.cors_origins
    except Exception:  # noqa: BLE001 - an error answer must still go out
        return frozenset()
