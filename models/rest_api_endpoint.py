"""``rest_api.endpoint``: where other addons extend the API, the Odoo way (``_inherit`` + ``super()``).

The API of a database is built from these methods once per registry (``_rest_api_app`` is an
ormcache, rebuilt when modules are installed or updated), so extending it costs nothing per
request. Routes an addon adds get everything the core routes get: authentication, rate limits,
request ids, CORS, the envelope, the error table, idempotency keys, the guards, ``/info`` and the
OpenAPI document. ``docs/extending.md`` walks through an example addon.
"""
from odoo import api, models, tools

from ..controllers.http_api import RestHttpApi
from ..controllers.routes import ROUTES


class RestApiEndpoint(models.AbstractModel):
    _name = "rest_api.endpoint"
    _description = "REST API endpoint (routes, guards and error mappings other addons extend)"

    @api.model
    def _rest_api_routes(self):
        """The route table: a list of ``controllers.router.Route`` (method, path template, handler,
        description, query parameters, OpenAPI operation). Extend with ``super()`` and add routes;
        a route may also replace a core one (same method and path) by overriding its handler."""
        return list(ROUTES)

    @api.model
    def _rest_api_guards(self):
        """Callables ``guard(call)`` run before the handler of every authenticated route (and every
        step of ``POST /transaction``); a guard refuses by raising an ``ApiError``."""
        return []

    @api.model
    def _rest_api_error_mappings(self):
        """``(exception class, translate)`` pairs: an addon's own exception, escaping a handler, is
        answered as ``translate(exc)`` (an ``ApiError``) instead of an opaque 500."""
        return []

    @api.model
    @tools.ormcache()
    def _rest_api_app(self):
        """The API of this database, built from the three methods above (once per registry)."""
        return RestHttpApi(_one_route_per_endpoint(self._rest_api_routes()), self._rest_api_guards(),
                           self._rest_api_error_mappings())


def _one_route_per_endpoint(routes):
    """The table with, for each method and path, the route listed last (an override wins)."""
    kept = {}
    for route in routes:
        kept.pop((route.method, route.path), None)
        kept[(route.method, route.path)] = route
    return tuple(kept.values())
