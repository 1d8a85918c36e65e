"""The WSGI side of the shared edge: environ in, streamed answer out, every error as JSON.

The demo server and the gateway are both ``WsgiApp``s; each says only how it serves one
request (``serve``): in an in-memory transaction, or in front of a remote Odoo.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from http import HTTPStatus
from urllib.parse import parse_qsl

from ..domain.errors import ApiError
from .routes import ROUTES
from .host import Host
from .http_api import RestHttpApi
from .messages import HttpRequest, HttpResponse, new_request_id, streams_body

_logger = logging.getLogger(__name__)


class WsgiApp:
    """A WSGI application around ``serve``: API errors rendered, bugs a logged, opaque 500."""

    def __init__(self, host: Host, api: RestHttpApi | None = None):
        self.host = host
        self.api = api or RestHttpApi(ROUTES)

    def serve(self, request: HttpRequest) -> HttpResponse:
        """The answer to ``request``; raises ``ApiError`` for an error answer."""
        return self.api.dispatch(request, self.host)

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer ``request``, whatever happens."""
        try:
            return self.serve(request)
        except ApiError as error:
            return self.api.error_response(error, request, self.host)
        except Exception as exc:  # noqa: BLE001 - the edge of the process: a bug becomes a logged, opaque 500
            mapped = self.api.translated(exc)  # an addon's exception with a mapping
            if mapped is not None:
                return self.api.error_response(mapped, request, self.host)
            _logger.exception("request %s failed: %s %s", request.request_id, request.method, request.path)
            return self.api.internal_error_response(request, self.host)

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        response = self.handle(wsgi_request(environ))
        start_response(f"{response.status} {HTTPStatus(response.status).phrase}", list(response.headers))
        return response.chunks()


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
    stream = body = None
    if streams_body(environ.get("CONTENT_TYPE"), length):
        stream = LimitedReader(environ["wsgi.input"], length)
    else:
        body = environ["wsgi.input"].read(length) if length > 0 else b""
    path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
    return HttpRequest(environ["REQUEST_METHOD"], path, params, headers, body or b"",
                       new_request_id(headers.get("X-REQUEST-ID")), environ.get("REMOTE_ADDR"),
                       stream=stream)


class LimitedReader:
    """At most ``remaining`` bytes of a WSGI input (reading past Content-Length would block)."""

    def __init__(self, raw, remaining: int):
        self.raw = raw
        self.remaining = remaining

    def read(self, size: int) -> bytes:
        wanted = min(size, self.remaining)
        data = self.raw.read(wanted) if wanted > 0 else b""
        self.remaining -= len(data)
        return data


