"""The framework-neutral HTTP edge: a request in, a response out, the same for every host."""
from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from urllib.parse import quote

from attrs import field, frozen

from ..application.outcome import Outcome
from ..application.ports import BinaryContent
from ..application.session import Session
from ..domain.envelope import error_envelope, success_envelope
from ..domain.errors import (ApiError, AuthenticationError, InternalError, MethodNotAllowed,
                             TooManyRequests, http_status)
from ..domain.settings import ApiSettings
from .codec import dump_json
from .router import Route, match
from .routes import ROUTES

JSON_TYPE = "application/json; charset=utf-8"


def new_request_id() -> str:
    """A fresh request id."""
    return uuid.uuid4().hex


@frozen
class HttpRequest:
    """What the edge needs of an HTTP request; ``params`` keep the first value of each name."""

    method: str
    path: str
    params: Mapping[str, str] = field(factory=dict)
    headers: Mapping[str, str] = field(factory=dict, converter=lambda h: {k.lower(): v for k, v in h.items()})
    body: bytes = b""
    request_id: str = field(factory=new_request_id)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@frozen
class HttpResponse:
    """Status, headers and body bytes, ready for any WSGI-ish server."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

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


@frozen
class InlineContent:
    """A document shown as is (a page, a script, a spec): no envelope, no attachment."""

    content: bytes
    mimetype: str
    cache_seconds: int = 0


@frozen
class Call:
    """One matched request, as handlers see it."""

    request: HttpRequest
    args: dict
    host: Host
    session: Session | None


Handler = Callable[[Call], "Outcome | BinaryContent | InlineContent"]


class RestHttpApi:
    """Routes a request, runs its handler, and renders the answer or the error."""

    def __init__(self, handlers: Mapping[str, Handler], routes: Sequence[Route] = ROUTES,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.handlers = handlers
        self.routes = routes
        self.clock = clock

    def dispatch(self, request: HttpRequest, host: Host) -> HttpResponse:
        """The answer to ``request``; raises ``ApiError`` so the host can roll back first."""
        found = match(self.routes, request.method, request.path)
        session = None if found.route.public else host.session(request)
        result = self.handlers[found.route.handler](Call(request, found.args, host, session))
        if isinstance(result, BinaryContent):
            return self._binary(result, request)
        if isinstance(result, InlineContent):
            return self._inline(result, request)
        body = success_envelope(result.message, result.data, self.clock())
        return self._json(result.status, body, request, result.headers)

    def error_response(self, error: ApiError, request: HttpRequest) -> HttpResponse:
        """The JSON envelope for an API error, with the headers its status calls for."""
        headers: list[tuple[str, str]] = []
        if isinstance(error, AuthenticationError):
            headers.append(("WWW-Authenticate", 'Bearer realm="api"'))
        if isinstance(error, MethodNotAllowed):
            headers.append(("Allow", ", ".join(error.allowed)))
        if isinstance(error, TooManyRequests):
            headers.append(("Retry-After", str(error.retry_after)))
        body = error_envelope(error, self.clock())
        return self._json(http_status(error), body, request, tuple(headers))

    def internal_error_response(self, request: HttpRequest) -> HttpResponse:
        """A 500 that reveals nothing but the request id (the log has the traceback)."""
        error = InternalError("Internal server error", {"request_id": request.request_id})
        return self.error_response(error, request)

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
                   ("X-Request-Id", request.request_id))
        return HttpResponse(200, headers, content.content)

    def _binary(self, content: BinaryContent, request: HttpRequest) -> HttpResponse:
        ascii_name = content.filename.encode("ascii", "replace").decode().replace('"', "")
        disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(content.filename)}"
        headers = (("Content-Type", content.mimetype), ("Content-Length", str(len(content.content))),
                   ("Content-Disposition", disposition), ("X-Content-Type-Options", "nosniff"),
                   ("Content-Security-Policy", "default-src 'none'"), ("Cache-Control", "no-store"),
                   ("X-Request-Id", request.request_id))
        return HttpResponse(200, headers, content.content)
