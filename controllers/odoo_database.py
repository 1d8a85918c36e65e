"""Choosing the database of an API request from ``X-Odoo-Database`` (spec §13), server-wide.

Odoo picks a request's database before any route runs (``Request._get_session_and_dbname``:
the session cookie's, else the only one the server serves). That only happens inside an
addon's code if the addon is loaded server-wide (``--load=base,web,rest_api``), whose
``post_load`` hook installs this. For paths under ``/api/v1`` the cookie plays no part
(spec §11): the header names the database, or the server must serve exactly one; otherwise
the answer is the API's JSON 404, not Odoo's HTML page.
"""
from __future__ import annotations

import logging

import psycopg2
from werkzeug.datastructures import ImmutableDict
from werkzeug.routing import Map

from odoo import http
from odoo.http import RegistryError
from odoo.modules.registry import Registry

from ..adapters.odoo.errors import database_unavailable, odoo_error
from ..domain.databases import DATABASE_HEADER, choose_database
from ..domain.errors import ApiError, ServiceUnavailable
from ..models.ir_http import CONVERTER, AnyPathConverter
from .database_list import served_databases
from .no_browser_session import CHOSEN_WITHOUT_COOKIE, fresh_session
from .router import API_PREFIX

_logger = logging.getLogger(__name__)


def is_api_path(path: str) -> bool:
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def _served(host: str):
    def served(name: str) -> bool:
        if not http.db_filter([name], host=host):
            return False
        # A loaded registry proves the database exists without asking PostgreSQL.
        return name in Registry.registries or name in served_databases(host)
    return served


def _only_database(host: str) -> str | None:
    served = served_databases(host)
    return served[0] if len(served) == 1 else None


def api_session_and_dbname(odoo_request):
    """A fresh, never-saved session and the database chosen for an API request.

    The API's dispatcher is in place from here on, so whatever fails before Odoo matches the
    route (the database list, the registry) is answered as JSON too.
    """
    from .odoo_http import RestApiDispatcher  # the JSON error renderer; imported late (cycle)
    odoo_request.dispatcher = RestApiDispatcher(odoo_request)
    httprequest = odoo_request.httprequest
    host = httprequest.environ.get("HTTP_HOST", "")
    try:
        dbname = choose_database(httprequest.headers.get(DATABASE_HEADER), _served(host),
                                 lambda: _only_database(host))
    except ApiError as error:
        # a client error or an outage: logged by Odoo as one line, no traceback
        error.loglevel = (logging.DEBUG  # type: ignore[attr-defined]  # read by Odoo
                          if isinstance(error, ServiceUnavailable) else logging.INFO)
        raise
    setattr(odoo_request, CHOSEN_WITHOUT_COOKIE, True)
    return fresh_session(dbname, odoo_request.default_lang()), dbname


def serve_api_db(serve_db, odoo_request):
    """Odoo's ``_serve_db`` for an API request: a registry or a cursor that cannot be opened
    (PostgreSQL down or restarting) is a 503, where Odoo would serve the request without a
    database or answer 500."""
    try:
        return serve_db(odoo_request)
    except RegistryError as exc:
        raise _quietly(database_unavailable(exc.__cause__ or exc)) from exc
    except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
        outage = None if hasattr(exc, "error_response") else odoo_error(None, exc)  # answered already?
        if outage is None:
            raise
        raise _quietly(outage) from exc


def _quietly(error: ApiError) -> ApiError:
    error.loglevel = logging.DEBUG  # type: ignore[attr-defined]  # read by Odoo; the outage is logged once
    return error


def post_load() -> None:
    """Odoo's ``post_load`` hook: API requests choose their database as above."""
    original = http.Request._get_session_and_dbname
    if getattr(original, "rest_api", False):
        return

    def _get_session_and_dbname(self):
        if is_api_path(self.httprequest.path):
            return api_session_and_dbname(self)
        return original(self)

    original_serve_db = http.Request._serve_db

    def _serve_db(self):
        if is_api_path(self.httprequest.path):
            return serve_api_db(original_serve_db, self)
        return original_serve_db(self)

    _get_session_and_dbname.rest_api = True  # type: ignore[attr-defined]  # the mark checked above
    http.Request._get_session_and_dbname = _get_session_and_dbname
    http.Request._serve_db = _serve_db
    # Loaded server-wide, the API's route (auth='none') joins Odoo's database-less route map,
    # which knows only werkzeug's own converters: without ours, building it fails and every
    # request without a database (the database manager included) would answer 500.
    Map.default_converters = ImmutableDict({**Map.default_converters, CONVERTER: AnyPathConverter})
    _logger.info("rest_api: API requests choose their database with the %s header", DATABASE_HEADER)
