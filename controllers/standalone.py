"""A standalone WSGI server for the API on the in-memory store: the demo, and the HTTP tests.

It serves the same route table, handlers and codec as the Odoo controller;
only the host differs (keys from a small table, records in memory, one
in-memory transaction per request).
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, make_server

from ..adapters.memory.database import Database
from ..adapters.memory.idempotency import InMemoryIdempotencyStore
from ..adapters.memory.rate_limiter import InMemoryRateLimiter
from ..adapters.memory.seed import ADMIN_ID, DEMO_ID, build_catalog, seed_database
from ..adapters.memory.store import InMemoryRecordStore
from ..application.auth_guard import FailedAuthGuard
from ..application.session import Session
from ..domain.credentials import bearer_token
from ..domain.errors import ApiError, AuthenticationError
from ..domain.settings import ApiSettings
from .handlers import HANDLERS
from .http_api import Host, HttpRequest, HttpResponse, RestHttpApi, new_request_id

_logger = logging.getLogger(__name__)

DEMO_KEYS = {"demo": ADMIN_ID, "demo-user": DEMO_ID}
MODULE_VERSION = "18.0.1.0.0"


class MemoryHost(Host):
    """Keys from a table, records from an in-memory database."""

    def __init__(self, database: Database, keys: Mapping[str, int] = DEMO_KEYS,
                 settings: ApiSettings = ApiSettings()):
        self.database = database
        self.keys = dict(keys)
        self._settings = settings
        self.limiter = InMemoryRateLimiter()
        self.idempotency = InMemoryIdempotencyStore()

    @property
    def settings(self) -> ApiSettings:
        return self._settings

    def session(self, request: HttpRequest, guard: FailedAuthGuard | None = None) -> Session:
        if guard is not None:
            guard.check()
        user_id = self.keys.get(bearer_token(request.header("authorization")))
        if user_id is None:
            raise AuthenticationError("Invalid or expired API key")
        return Session(build_catalog(user_id, self.database),
                       InMemoryRecordStore(self.database, user_id), self.settings, user_id)

    def database_answers(self) -> bool:
        return True

    def versions(self) -> tuple[str, str]:
        return MODULE_VERSION, "in-memory demo"

    def rate_limiter(self) -> InMemoryRateLimiter:
        return self.limiter

    def idempotency_store(self) -> InMemoryIdempotencyStore:
        return self.idempotency


class StandaloneApp:
    """A WSGI application: one in-memory transaction per request, every error as JSON."""

    def __init__(self, host: MemoryHost, api: RestHttpApi | None = None):
        self.host = host
        self.api = api or RestHttpApi(HANDLERS)

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer ``request``; writes of a failed request are undone."""
        try:
            with self.host.database.transaction():
                return self.api.dispatch(request, self.host)
        except ApiError as error:
            return self.api.error_response(error, request, self.host)
        except Exception:  # the edge of the process: a bug becomes a logged, opaque 500
            _logger.exception("request %s failed: %s %s", request.request_id, request.method, request.path)
            return self.api.internal_error_response(request, self.host)

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        response = self.handle(wsgi_request(environ))
        reason = REASONS.get(response.status, "")
        start_response(f"{response.status} {reason}", list(response.headers))
        return [response.body]


REASONS = {200: "OK", 201: "Created", 304: "Not Modified", 412: "Precondition Failed",
           422: "Unprocessable Content", 428: "Precondition Required", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
           404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 413: "Payload Too Large",
           415: "Unsupported Media Type", 429: "Too Many Requests", 500: "Internal Server Error",
           503: "Service Unavailable"}


def wsgi_request(environ: dict) -> HttpRequest:
    """A WSGI environ as the edge's request (first value of a repeated parameter wins)."""
    params: dict[str, str] = {}
    for key, value in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True):
        params.setdefault(key, value)
    headers = {key[5:].replace("_", "-"): value for key, value in environ.items()
               if key.startswith("HTTP_")}
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = environ["CONTENT_TYPE"]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
    return HttpRequest(environ["REQUEST_METHOD"], path, params, headers, body,
                       new_request_id(headers.get("X-REQUEST-ID")), environ.get("REMOTE_ADDR"))


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        _logger.info("%s %s", self.address_string(), format % args)


def serve(host: str = "127.0.0.1", port: int = 8069) -> None:
    """Serve the demo until Ctrl-C."""
    app = StandaloneApp(MemoryHost(seed_database()))
    with make_server(host, port, app, handler_class=_QuietHandler) as server:
        base = f"http://{host}:{port}/api/v1"
        print(f"rest_api demo serving {base}  (in-memory data, API key: demo)\n")
        print("Try:")
        print(f"  curl {base}/health")
        print(f"  curl -g -H 'Authorization: Bearer demo' '{base}/res.partner?query={{id,name}}&page_size=2'")
        print(f"  curl -g -H 'Authorization: Bearer demo' '{base}/product.template"
              f"?filter=[[\"list_price\",\">\",100]]&query={{id,name,list_price}}'")
        print("\nCtrl-C to stop.", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nstopped.")
