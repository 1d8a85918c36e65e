"""``rest_api.key.rule``: what a restricted API key may do on one model (issue 23).

A key with no rule is its user. A key with rules may touch only the models they list, with the
operations they grant, the methods they name and (when listed) only their fields. Rules are made
in the key wizard (behind Odoo's identity check) and changed by administrators; the API never
serves them.
"""
from odoo import api, fields, models
from odoo.exceptions import ValidationError as OdooValidationError

from ..domain.errors import ValidationError
from ..domain.key_restrictions import ModelGrant, parse_methods


def odoo_checked(parse, text):
    """``parse(text)``, its refusal raised as Odoo's ``ValidationError`` (a form shows it)."""
    try:
        return parse(text)
    except ValidationError as exc:
        raise OdooValidationError(exc.message) from exc


class KeyRule(models.Model):
    _name = "rest_api.key.rule"
    _inherit = "rest_api.cached.rows"  # the keys' restrictions are cached (``_rest_api_restrictions``)
    _description = "REST API key rule"
    _order = "key_id, model_id"

    key_id = fields.Many2one("res.users.apikeys", "API key", required=True, ondelete="cascade", index=True)
    model_id = fields.Many2one("ir.model", "Model", required=True, ondelete="cascade")
    model = fields.Char(related="model_id.model", string="Model name")
    perm_read = fields.Boolean("Read", default=True)
    perm_create = fields.Boolean("Create")
    perm_write = fields.Boolean("Write")
    perm_unlink = fields.Boolean("Delete")
    methods = fields.Char(help="Comma-separated public methods the key may call on this model "
                               "(POST /api/v1/object/...). Empty: none.")
    field_ids = fields.Many2many("ir.model.fields", string="Fields",
                                 domain="[('model_id', '=', model_id)]",
                                 help="The only fields the key may read, filter, order, group or write. "
                                      "Empty: every field the user may see.")

    @api.constrains("methods")
    def _check_methods(self):
        for rule in self:
            odoo_checked(parse_methods, rule.methods)

    @api.constrains("model_id", "field_ids")
    def _check_fields(self):
        for rule in self:
            if rule.field_ids.filtered(lambda f, r=rule: f.model_id != r.model_id):
                raise OdooValidationError(f"The fields of a rule on {rule.model_id.model} must be its own")

    def _grant(self) -> ModelGrant:
        """The rule as the core's value."""
        return ModelGrant(self.model_id.model, self.perm_read, self.perm_create, self.perm_write,
                          self.perm_unlink, parse_methods(self.methods),
                          frozenset(self.field_ids.mapped("name")))

    def _summary(self) -> str:
        letters = "".join(letter for letter, allowed in (("r", self.perm_read), ("c", self.perm_create),
                                                         ("w", self.perm_write), ("d", self.perm_unlink)) if allowed)
        return f"{self.model_id.model}: {letters or '-'}"

