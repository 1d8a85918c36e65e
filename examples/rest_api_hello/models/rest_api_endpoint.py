"""``GET /api/v1/hello/{name}``: one route added to the REST API by inheritance."""
from odoo import api, models

from odoo.addons.rest_api.application.outcome import Outcome
from odoo.addons.rest_api.controllers.router import Route

HELLO_OPERATION = {
    "summary": "Say hello to someone, as the API key's user",
    "description": "An example of a route added by another addon (rest_api_hello).",
    "parameters": [{"name": "name", "in": "path", "required": True, "description": "Who to greet",
                    "schema": {"type": "string", "maxLength": 128}, "example": "World"}],
    "responses": {"200": {"description": "The greeting", "content": {"application/json": {"schema": {
        "type": "object", "required": ["success", "data"], "properties": {
            "success": {"const": True},
            "data": {"type": "object", "required": ["message", "user"], "properties": {
                "message": {"type": "string"}, "user": {"type": "string"}}}}}}}}},
}


def hello(call):
    """The greeting, and the login of the key's user (``call.host.env`` runs as that user)."""
    return Outcome("Hello", {"message": f"Hello, {call.args['name']}", "user": call.host.env.user.login})


class RestApiEndpoint(models.AbstractModel):
    _inherit = "rest_api.endpoint"

    @api.model
    def _rest_api_routes(self):
        return super()._rest_api_routes() + [
            Route("GET", "/hello/{name}", hello, "Say hello (the rest_api_hello example addon)",
                  operation=HELLO_OPERATION),
        ]
