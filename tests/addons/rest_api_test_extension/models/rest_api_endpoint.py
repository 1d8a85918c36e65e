"""A second extension of ``rest_api.endpoint``: a route, a guard, an error mapping and a handler
override, each through ``_inherit`` and ``super()`` (tests only)."""
from odoo import api, models

from odoo.addons.rest_api.application.outcome import Outcome
from odoo.addons.rest_api.controllers.router import Route
from odoo.addons.rest_api.domain.errors import AccessError, Conflict

GUARD_HEADER = "X-Test-Guard"


class StockLevelTooLow(Exception):
    """This addon's own exception, mapped to a 409 below."""


def goodbye(call):
    return Outcome("Goodbye", {"message": f"Goodbye, {call.args['name']}"})


def fail(call):
    raise StockLevelTooLow("Not enough stock for this order")


def refuse_marked_requests(call):
    """A guard: refuses any authenticated request that carries ``X-Test-Guard: refuse``."""
    if call.request.header(GUARD_HEADER) == "refuse":
        raise AccessError("Refused by the test extension's guard",
                          {"restriction": "test", "route": call.route.name})


class RestApiEndpoint(models.AbstractModel):
    _inherit = "rest_api.endpoint"

    @api.model
    def _rest_api_routes(self):
        routes = super()._rest_api_routes()
        health = next(r for r in routes if r.path == "/health")

        def health_with_extension(call):  # overriding a core handler: wrap the one in the table
            outcome = health.handler(call)
            if call.request.header(GUARD_HEADER) != "show":  # the other tests see the core answer
                return outcome
            return Outcome(outcome.message, {**outcome.data, "extension": "rest_api_test_extension"},
                           outcome.status, outcome.headers)

        return routes + [
            Route("GET", "/goodbye/{name}", goodbye, "Say goodbye (the test extension)",
                  operation={"summary": "Say goodbye", "responses": {"200": {"description": "Goodbye"}}}),
            Route("POST", "/test_extension/fail", fail, "Always fails with the addon's own exception"),
            Route("GET", "/health", health_with_extension, health.description, public=True,
                  operation=health.operation),
        ]

    @api.model
    def _rest_api_guards(self):
        return super()._rest_api_guards() + [refuse_marked_requests]

    @api.model
    def _rest_api_error_mappings(self):
        return super()._rest_api_error_mappings() + [
            (StockLevelTooLow, lambda exc: Conflict(str(exc), {"reason": "stock"}))]
