"""API keys: the REST-only scope in Odoo's key wizard, and the API's key check."""
from odoo import fields, models

from ..adapters.odoo.auth import API_SCOPE, install_memo, memoized_verify

SCOPE_CONTEXT_KEY = "rest_api_key_scope"

install_memo()


class ApiKeys(models.Model):
    _inherit = "res.users.apikeys"

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

    rest_api_scope = fields.Selection(
        [("global", "All external APIs (XML-RPC, JSON-RPC, REST)"), (API_SCOPE, "REST API only")],
        string="Usable with", default="global", required=True,
    )

    def make_key(self):
        return super(ApiKeyDescription, self.with_context(**{SCOPE_CONTEXT_KEY: self.rest_api_scope})).make_key()
