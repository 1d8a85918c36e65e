"""Dispatch: a request matched against the route table, authenticated, guarded, answered.

The same for every host (Odoo, the demo server, the gateway): the messages are in ``messages``,
the host port in ``host``, the rendering of answers in ``rendering``.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Union

from attrs import frozen

from ..application.outcome import Outcome
from ..application.ports import BinaryContent
from ..application.session import Session
from ..domain import idempotency
from ..domain.errors import ApiError, AuthenticationError, InternalError
from .authentication import authenticate
from .cors import preflight_headers
from .host import Host
from .messages import HttpRequest, HttpResponse
from .rendering import error_response, finish, render
from .replay import once
from .results import DownloadContent, InlineContent
from .router import Route, allowed_methods, check_query_parameters, match


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
ErrorMapping = tuple[type[BaseException], Callable[[BaseException], ApiError]]


class RestHttpApi:
    """Routes a request, runs its guards and handler, and renders the answer or the error.

    ``error_mappings``: (exception class, translation) pairs a host applies, before its own, to
    exceptions that are not API errors (an addon's own exceptions, on the Odoo host).
    """

    def __init__(self, routes: Sequence[Route], guards: Sequence[Guard] = (),
                 error_mappings: Sequence[ErrorMapping] = (),
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.routes = tuple(routes)
        self.guards = tuple(guards)
        self.error_mappings = tuple(error_mappings)
        self.clock = clock

    def dispatch(self, request: HttpRequest, host: Host) -> HttpResponse:
        """The answer to ``request``; raises ``ApiError`` so the host can roll back first."""
        if request.method.upper() == "OPTIONS":
            return finish(self._preflight(request, host), request, host)
        found = match(self.routes, request.method, request.path)
        request.trace.model = found.args.get("model")
        session = None if found.route.public else authenticate(request, host)
        check_query_parameters(found.route, request.params)
        call = Call(request, found.args, host, session, found.route, self)
        key = request.header(idempotency.HEADER)
        if key is not None and session is not None and idempotency.applies_to(request.method):
            response = once(request, host, session.user_id, key, lambda: self._respond(call))
        else:
            response = self._respond(call)
        return finish(response, request, host)

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

    def error_response(self, error: ApiError, request: HttpRequest, host: Host | None = None) -> HttpResponse:
        """The JSON envelope for an API error, with every answer's headers."""
        return finish(error_response(error, request, self.clock), request, host)

    def internal_error_response(self, request: HttpRequest, host: Host | None = None) -> HttpResponse:
        """A 500 that reveals nothing but the request id (the log has the traceback)."""
        error = InternalError("Internal server error", {"request_id": request.request_id})
        return self.error_response(error, request, host)

    def _respond(self, call: Call) -> HttpResponse:
        return render(self.run(call), call.request, self.clock)

    def _preflight(self, request: HttpRequest, host: Host) -> HttpResponse:
        """``OPTIONS``: the verbs of the route, and CORS approval for allowed origins."""
        methods = allowed_methods(self.routes, request.path)
        cors = preflight_headers(request.header("origin"), host.settings.cors_origins, methods)
        return HttpResponse(204, (("Allow", ", ".join(methods)), ("Content-Length", "0")) + cors, b"")
