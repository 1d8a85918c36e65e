"""The Odoo route for ``/api/v1`` and the dispatcher that renders every error as JSON.

One catch-all route hands each request to the shared edge (``RestHttpApi``),
which routes it with the same table as the standalone server. Errors are
raised, never returned, so Odoo rolls the transaction back (and retries on
serialization failures); the dispatcher's ``handle_error`` renders them.
"""
from __future__ import annotations

import logging

import werkzeug.exceptions

from odoo import http
from odoo.http import Dispatcher, request

from ..adapters.odoo.errors import odoo_error
from ..adapters.odoo.outage import OUTAGE
from ..models.ir_http import CONVERTER
from ..domain.errors import (ApiError, AuthenticationError, Conflict, MethodNotAllowed, NotFound, PayloadTooLarge,
                             ServiceUnavailable, ValidationError)
from .router import API_PREFIX
from .routes import ROUTES
from .http_api import RestHttpApi
from .messages import HttpRequest, HttpResponse, new_request_id, streams_body
from .no_browser_session import without_browser_session
from .odoo_host import OdooHost

_logger = logging.getLogger(__name__)

CORE_API = RestHttpApi(ROUTES)  # for answers before a database is chosen, or where it lacks the addon
ROUTING_TYPE = "rest_api"
ENDPOINT_MODEL = "rest_api.endpoint"


def database_api(env) -> RestHttpApi:
    """The API of ``env``'s database: the core table as installed addons extend it (built once per
    registry by ``rest_api.endpoint``)."""
    if env is None or ENDPOINT_MODEL not in env.registry:
        return CORE_API
    return env[ENDPOINT_MODEL]._rest_api_app()


def api_request(odoo_request) -> HttpRequest:
    """The framework-neutral view of the current werkzeug request."""
    httprequest = odoo_request.httprequest
    params = {key: httprequest.args.get(key) for key in httprequest.args}
    headers = dict(httprequest.headers)
    # An upload is read as it is used (werkzeug's stream, bounded by its max_content_length),
    # never whole; a JSON body is read up front.
    streamed = streams_body(httprequest.content_type, httprequest.content_length)
    # With --proxy-mode Odoo has already replaced remote_addr by the client's address.
    return HttpRequest(method=httprequest.method, path=httprequest.path, params=params,
                       headers=headers, body=b"" if streamed else httprequest.get_data(cache=True),
                       request_id=new_request_id(headers.get("X-Request-Id")),
                       remote_addr=httprequest.remote_addr,
                       stream=_body_stream(httprequest) if streamed else None)


def _body_stream(httprequest):
    """werkzeug's input stream (bounded by Content-Length and max_content_length); Odoo's
    wrapper exposes no attribute for it, only ``get_data`` which reads the body whole."""
    return httprequest._HTTPRequest__wrapped.stream


def odoo_response(response: HttpResponse):
    if response.stream is not None:  # a download: sent chunk by chunk after the transaction
        return http.Response(response.stream, status=response.status, headers=list(response.headers),
                             direct_passthrough=True)
    return http.Response(response.body, status=response.status, headers=list(response.headers))


def translate(exc: Exception, env=None, api: RestHttpApi = CORE_API) -> ApiError | None:
    """An exception that escaped the adapters, as an API error (None: a genuine bug); the
    addons' error mappings first."""
    if isinstance(exc, ApiError):
        return exc
    mapped = api.translated(exc)
    if mapped is not None:
        return mapped
    if isinstance(exc, werkzeug.exceptions.RequestEntityTooLarge):
        return PayloadTooLarge("Request body too large")
    if isinstance(exc, werkzeug.exceptions.MethodNotAllowed):
        return MethodNotAllowed("Method not allowed", tuple(exc.valid_methods or ()))
    if isinstance(exc, werkzeug.exceptions.NotFound):
        return NotFound("Not found")
    if isinstance(exc, werkzeug.exceptions.Unauthorized):
        return AuthenticationError("Authentication required")
    if isinstance(exc, werkzeug.exceptions.HTTPException) and exc.code and exc.code < 500:
        return ValidationError(exc.description or "Bad request")
    return odoo_error(env, exc)


class RestApiDispatcher(Dispatcher):
    """``type='rest_api'`` routes: raw request in, JSON envelope out, errors included."""

    routing_type = ROUTING_TYPE

    @classmethod
    def is_compatible_with(cls, odoo_request):
        return True

    def dispatch(self, endpoint, args):
        self.request.params = {}
        without_browser_session(self.request)
        return endpoint(**args)

    def handle_error(self, exc: Exception):
        api = getattr(self.request, "rest_api_request", None) or api_request(self.request)
        host = getattr(self.request, "rest_api_host", None) or (
            OdooHost(self.request) if self.request.env is not None else None)  # None: no database chosen
        app = getattr(self.request, "rest_api_app", None) or CORE_API
        error = translate(exc, self.request.env, app)
        if error is None:
            _logger.error("rest_api request %s failed: %s %s", api.request_id, api.method,
                          api.path, exc_info=exc)
            exc.loglevel = logging.DEBUG  # type: ignore[attr-defined]  # logged just above, with the request id
            return odoo_response(app.internal_error_response(api, host))
        # A client error is no server error: keep Odoo from logging a traceback for it; an outage
        # is logged once, when it begins (adapters/odoo/outage.py).
        exc.loglevel = (logging.DEBUG if isinstance(error, ServiceUnavailable)  # type: ignore[attr-defined]
                        else logging.INFO)
        return odoo_response(app.error_response(error, api, host))


def _readonly_request(_controller) -> bool:
    """GET and HEAD read only; Odoo still retries them read/write if they happen to write.

    Without this, ``auth='none'`` makes Odoo run every request on a read-only
    cursor first, so each write failed once and ran a second time.
    """
    return request.httprequest.method in ("GET", "HEAD")


class RestApiController(http.Controller):
    """Every path under ``/api/v1``; the shared route table decides the rest."""

    @http.route([API_PREFIX, f"{API_PREFIX}/<{CONVERTER}:subpath>"], type=ROUTING_TYPE, auth="none",
                csrf=False, save_session=False, methods=None, readonly=_readonly_request)
    def rest_api(self, subpath=None):
        api = api_request(request)
        if api.stream is not None:
            # Odoo replays a request after a serialization failure; an upload's body is gone by then.
            if getattr(request, "rest_api_stream_read", False):
                raise Conflict("The upload met a concurrent update and cannot be replayed: send it again")
            request.rest_api_stream_read = True
        host = OdooHost(request)
        app = database_api(request.env)
        request.rest_api_request, request.rest_api_host, request.rest_api_app = api, host, app
        response = app.dispatch(api, host)
        OUTAGE.ended()  # this request reached the database
        return odoo_response(response)
