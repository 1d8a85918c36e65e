"""Letting users create keys limited to this API (scope ``odoo.api``) from Odoo's key wizard."""
from odoo import fields, models

from ..adapters.odoo.auth import API_SCOPE

SCOPE_CONTEXT_KEY = "rest_api_key_scope"


class ApiKeys(models.Model):
    _inherit = "res.users.apikeys"

    def _generate(self, scope, name, expiration_date):
        if scope is None and self.env.context.get(SCOPE_CONTEXT_KEY) == API_SCOPE:
            scope = API_SCOPE
        return super()._generate(scope, name, expiration_date)


class ApiKeyDescription(models.TransientModel):
    _inherit = "res.users.apikeys.description"

    rest_api_scope = fields.Selection(
        [("global", "All external APIs (XML-RPC, JSON-RPC, REST)"), (API_SCOPE, "REST API only")],
        string="Usable with", default="global", required=True,
    )

    def make_key(self):
        return super(ApiKeyDescription, self.with_context(**{SCOPE_CONTEXT_KEY: self.rest_api_scope})).make_key()
