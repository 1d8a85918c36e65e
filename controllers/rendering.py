"""Answers as HTTP responses: the JSON envelope, inline documents, downloads, and the headers every
answer carries (added once, by ``finish``, with the access log line)."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote

from attrs import evolve

from ..application.outcome import Outcome
from ..application.ports import BinaryContent
from .byte_range import requested_range
from .envelope import error_envelope, success_envelope
from ..domain.errors import (ApiError, AuthenticationError, MethodNotAllowed, RangeNotSatisfiable,
                             ServiceUnavailable, TooManyRequests)
from .codec import dump_json
from .cors import cors_headers
from .host import Host
from .messages import JSON_TYPE, HttpRequest, HttpResponse
from .results import DownloadContent, InlineContent
from .router import API_PREFIX
from .statuses import http_status

Headers = tuple[tuple[str, str], ...]
NOT_MODIFIED = 304
ACCESS_LOG = logging.getLogger("rest_api.access")


def render(result: Outcome | BinaryContent | InlineContent | DownloadContent, request: HttpRequest,
           now: Callable[[], datetime]) -> HttpResponse:
    """What a handler answered, as a response (without the common headers ``finish`` adds)."""
    if isinstance(result, BinaryContent):
        return binary_response(result, request)
    if isinstance(result, InlineContent):
        return inline_response(result)
    if isinstance(result, DownloadContent):
        binary = binary_response(BinaryContent(result.content, result.filename, result.mimetype), request)
        return evolve(binary, headers=binary.headers + result.headers)
    if result.status == NOT_MODIFIED:
        return HttpResponse(NOT_MODIFIED, (("Cache-Control", "no-store"),) + result.headers, b"")
    location = (("Location", API_PREFIX + result.location),) if result.location is not None else ()
    return json_response(result.status, success_envelope(result.message, result.data, now()),
                         location + result.headers)


def error_response(error: ApiError, request: HttpRequest, now: Callable[[], datetime]) -> HttpResponse:
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
    return json_response(http_status(error), error_envelope(error, now()), tuple(headers))


def json_response(status: int, body: dict, extra: Headers = ()) -> HttpResponse:
    payload = dump_json(body)
    headers = (("Content-Type", JSON_TYPE), ("Content-Length", str(len(payload))),
               ("Cache-Control", "no-store")) + extra
    return HttpResponse(status, headers, payload)


def inline_response(content: InlineContent) -> HttpResponse:
    cache = f"public, max-age={content.cache_seconds}" if content.cache_seconds else "no-store"
    headers = (("Content-Type", content.mimetype), ("Content-Length", str(len(content.content))),
               ("X-Content-Type-Options", "nosniff"), ("Cache-Control", cache)) + content.headers
    return HttpResponse(content.status, headers, content.content)


def binary_response(content: BinaryContent, request: HttpRequest) -> HttpResponse:
    """The bytes asked for (all, or one ``Range``), streamed from their source."""
    ascii_name = content.filename.encode("ascii", "replace").decode().replace('"', "")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(content.filename)}"
    part = requested_range(request.header("range"), content.source.size)
    headers: Headers = (
        ("Content-Type", content.mimetype), ("Content-Length", str(part.length)), ("Accept-Ranges", "bytes"),
        ("Content-Disposition", disposition), ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", "default-src 'none'"), ("Cache-Control", "no-store"))
    if part.is_partial:
        headers += (("Content-Range", part.content_range()),)
    return HttpResponse(206 if part.is_partial else 200, headers, b"", content.source.chunks(part.start, part.end))


def finish(response: HttpResponse, request: HttpRequest, host: Host | None) -> HttpResponse:
    """Add the headers every answer carries (request id, rate limits, CORS) and log the request."""
    extra = (("X-Request-Id", request.request_id),) + request.trace.rate_headers
    if host is not None:
        extra += cors_headers(request.header("origin"), _cors_origins(host))
    response = evolve(response, headers=response.headers + extra)
    trace = request.trace
    ACCESS_LOG.info(
        "request_id=%s method=%s path=%s model=%s user=%s status=%s duration_ms=%.1f",
        request.request_id, request.method, request.path[:200], trace.model or "-",
        trace.user_id if trace.user_id is not None else "-", response.status,
        (time.monotonic() - trace.started) * 1000)
    return response


def _cors_origins(host: Host) -> frozenset[str]:
    """The allowed origins; none when the settings cannot be read (a failed database)."""
    try:
        return host.settings.cors_origins
    except Exception:  # noqa: BLE001 - an error answer must still go out
        return frozenset()
