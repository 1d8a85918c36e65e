"""API keys: the REST-only scope in Odoo's key wizard, the key's restrictions, and the API's key check."""
from odoo import api, fields, models, tools
from odoo.addons.base.models.res_users import INDEX_SIZE, check_identity
from odoo.exceptions import ValidationError as OdooValidationError

from ..adapters.odoo.auth import API_SCOPE, install_memo, memoized_verify
from ..domain.key_restrictions import KeyRestrictions, parse_networks
from .key_rule import odoo_checked

SCOPE_CONTEXT_KEY = "rest_api_key_scope"
GLOBAL = "global"
# The narrowest first, and preselected (issue 23).
SCOPES = [(API_SCOPE, "REST API only"), (GLOBAL, "All external APIs (XML-RPC, JSON-RPC, REST)")]
# What the key list says for each stored scope (Odoo stores no scope for a global key).
SCOPE_LABELS = {False: "All external APIs", None: "All external APIs", API_SCOPE: "REST API only"}

install_memo()


class ApiKeys(models.Model):
    _inherit = "res.users.apikeys"

    rest_api_scope_label = fields.Char("Usable with", compute="_compute_rest_api_scope_label")
    rest_api_rule_ids = fields.One2many("rest_api.key.rule", "key_id", "REST API rules",
                                        groups="base.group_system")
    rest_api_networks = fields.Char(
        "Networks", groups="base.group_system",
        help="Comma-separated IPv4/IPv6 networks in CIDR form the key may be used from (the client's "
             "address as Odoo sees it, behind a proxy with --proxy-mode). Empty: any address.")
    rest_api_access = fields.Char("Access", compute="_compute_rest_api_access")
    rest_api_last_used = fields.Datetime("Last used", readonly=True)
    rest_api_last_address = fields.Char("Last address", readonly=True)

    def init(self):
        # Odoo makes this table itself (_auto = False, for its secret column): add the API's columns.
        super().init()
        self.env.cr.execute("""
            ALTER TABLE res_users_apikeys
                ADD COLUMN IF NOT EXISTS rest_api_networks varchar,
                ADD COLUMN IF NOT EXISTS rest_api_last_used timestamp without time zone,
                ADD COLUMN IF NOT EXISTS rest_api_last_address varchar""")

    @api.depends("scope")
    def _compute_rest_api_scope_label(self):
        for key in self:
            key.rest_api_scope_label = SCOPE_LABELS.get(key.scope, key.scope)

    @api.depends("rest_api_rule_ids", "rest_api_networks")
    def _compute_rest_api_access(self):
        for key in self:
            configured = key.sudo()  # a summary for the key list, not the rules themselves
            rules, networks = configured.rest_api_rule_ids, configured.rest_api_networks
            parts = [", ".join(rule._summary() for rule in rules)] if rules else ["Full access (as the user)"]
            key.rest_api_access = "; ".join(parts + ([f"from {networks}"] if networks else []))

    @api.constrains("rest_api_networks")
    def _check_rest_api_networks(self):
        for key in self:
            odoo_checked(parse_networks, key.rest_api_networks)

    def write(self, vals):
        result = super().write(vals)
        if "rest_api_networks" in vals:
            self.env.registry.clear_cache()  # the restrictions are cached per key
        return result

    @api.model
    @tools.ormcache("key_id")
    def _rest_api_restrictions(self, key_id):
        """The restrictions of key ``key_id``, cached until a rule or a network list changes."""
        key = self.browse(key_id).sudo()  # the key's own configuration, as Odoo reads keys
        grants = [rule._grant() for rule in key.rest_api_rule_ids]
        return KeyRestrictions.of(grants, parse_networks(key.rest_api_networks))

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

    rest_api_scope = fields.Selection(SCOPES, string="Usable with", default=API_SCOPE, required=True)
    rest_api_access = fields.Selection([("full", "Full access (as the user)"), ("restricted", "Restricted")],
                                       string="Access", default="full", required=True)
    rest_api_readonly_model_ids = fields.Many2many(
        "ir.model", string="Read-only on these models",
        help="A preset: the key may only read these models (add rows below for more).")
    rest_api_line_ids = fields.One2many("rest_api.key.rule.line", "wizard_id", "Models")
    rest_api_networks = fields.Char(
        "Networks", help="Comma-separated IPv4/IPv6 networks in CIDR form (e.g. 203.0.113.0/24). Empty: any address.")

    @check_identity  # Odoo's identity check runs only methods that carry it
    def make_key(self):
        scope, networks, rules = self.rest_api_scope, self.rest_api_networks, self._rest_api_rules()
        odoo_checked(parse_networks, networks)
        action = super(ApiKeyDescription, self.with_context(**{SCOPE_CONTEXT_KEY: scope})).make_key()
        if isinstance(action, dict) and action.get("res_model") == "res.users.apikeys.show":
            action["context"] = {**action.get("context", {}), "default_rest_api_scope": scope}
            if rules or networks:
                self._rest_api_restrict(action["context"]["default_key"], rules, networks)
        return action

    def _rest_api_rules(self):
        """The rules the wizard describes (none for full access); restricted without a model is refused."""
        if self.rest_api_access != "restricted":
            return []
        rules = [{"model_id": model.id, "perm_read": True} for model in self.rest_api_readonly_model_ids]
        rules += [line._rule_values() for line in self.rest_api_line_ids]
        if not rules:
            raise OdooValidationError("A restricted key needs at least one model: choose read-only models "
                                      "or add a row.")
        return rules

    def _rest_api_restrict(self, key, rules, networks):
        """Give the key just made its rules and networks (behind the identity check of make_key)."""
        self.env.cr.execute("SELECT id FROM res_users_apikeys WHERE index = %s AND user_id = %s "
                            "ORDER BY id DESC LIMIT 1", (key[:INDEX_SIZE], self.env.uid))
        [key_id] = self.env.cr.fetchone()
        keys = self.env["res.users.apikeys"].sudo()  # the user's own new key; rules are admin-only data
        keys.browse(key_id).rest_api_networks = networks or False
        self.env["rest_api.key.rule"].sudo().create([{**rule, "key_id": key_id} for rule in rules])


class ApiKeyRuleLine(models.TransientModel):
    _name = "rest_api.key.rule.line"
    _description = "REST API key rule (in the key wizard)"

    wizard_id = fields.Many2one("res.users.apikeys.description", required=True, ondelete="cascade")
    model_id = fields.Many2one("ir.model", "Model", required=True, ondelete="cascade")
    perm_read = fields.Boolean("Read", default=True)
    perm_create = fields.Boolean("Create")
    perm_write = fields.Boolean("Write")
    perm_unlink = fields.Boolean("Delete")
    methods = fields.Char(help="Comma-separated public methods the key may call. Empty: none.")
    field_ids = fields.Many2many("ir.model.fields", string="Fields", domain="[('model_id', '=', model_id)]",
                                 help="Only these fields. Empty: every field the user may see.")

    def _rule_values(self):
        return {"model_id": self.model_id.id, "perm_read": self.perm_read, "perm_create": self.perm_create,
                "perm_write": self.perm_write, "perm_unlink": self.perm_unlink, "methods": self.methods or False,
                "field_ids": [(6, 0, self.field_ids.ids)]}


class ApiKeyShow(models.AbstractModel):
    _inherit = "res.users.apikeys.show"

    rest_api_scope = fields.Selection(SCOPES, string="Usable with", readonly=True)
