"""API keys: the REST-only scope in Odoo's key wizard, and the API's key check."""
from odoo import api, fields, models
from odoo.addons.base.models.res_users import check_identity

from ..adapters.odoo.auth import API_SCOPE, install_memo, memoized_verify

SCOPE_CONTEXT_KEY = "rest_api_key_scope"
GLOBAL = "global"
SCOPES = [(GLOBAL, "All external APIs (XML-RPC, JSON-RPC, REST)"), (API_SCOPE, "REST API only")]
# What the key list says for each stored scope (Odoo stores no scope for a global key).
SCOPE_LABELS = {False: "All external APIs", None: "All external APIs", API_SCOPE: "REST API only"}

install_memo()


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

    def _rest_api_check_key(self, key):
        """The user id of a valid ``odoo.api`` (or global) ``key``, else None.

        Odoo's own ``_check_credentials`` (and every override of it) decides, on every
        request; only its pbkdf2 step may answer from the memo of successes.
        """
        with memoized_verify():
            return self._check_credentials(scope=API_SCOPE, key=key)


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
