"""Letting users create keys limited to this API (scope ``odoo.api``) from Odoo's key wizard."""
from odoo import api, fields, models
from odoo.addons.base.models.res_users import check_identity

from ..adapters.odoo.auth import API_SCOPE

SCOPE_CONTEXT_KEY = "rest_api_key_scope"
GLOBAL = "global"
SCOPES = [(GLOBAL, "All external APIs (XML-RPC, JSON-RPC, REST)"), (API_SCOPE, "REST API only")]
# What the key list says for each stored scope (Odoo stores no scope for a global key).
SCOPE_LABELS = {False: "All external APIs", None: "All external APIs", API_SCOPE: "REST API only"}


class ApiKeys(models.Model):
    _inherit = "res.users.apikeys"

    rest_api_scope_label = fields.Char("Usable with", compute="_compute_rest_api_scope_label")

    @api.depends("scope")
    def _compute_rest_api_scope_label(self):
        for key in self:
            key.rest_api_scope_label = SCOPE_LABELS.get(key.scope, key.scope)

    def _generate(self, scope, name, expiration_date):
        if scope is None and self.env.context.get(SCOPE_CONTEXT_KEY) == API_SCOPE:
            scope = API_SCOPE
        return super()._generate(scope, name, expiration_date)


class ApiKeyDescription(models.TransientModel):
    _inherit = "res.users.apikeys.description"

    rest_api_scope = fields.Selection(SCOPES, string="Usable with", default=GLOBAL, required=True)

    @check_identity  # Odoo's identity check runs only methods that carry it
    def make_key(self):
        scope = self.rest_api_scope
        action = super(ApiKeyDescription, self.with_context(**{SCOPE_CONTEXT_KEY: scope})).make_key()
        if isinstance(action, dict) and action.get("res_model") == "res.users.apikeys.show":
            action["context"] = {**action.get("context", {}), "default_rest_api_scope": scope}
        return action


class ApiKeyShow(models.AbstractModel):
    _inherit = "res.users.apikeys.show"

    rest_api_scope = fields.Selection(SCOPES, string="Usable with", readonly=True)
