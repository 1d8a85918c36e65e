"""A model with every trap the API must handle: secret fields, a unique code, failing methods."""
import time

from odoo import api, fields, models
from odoo.exceptions import UserError


class ApiTest(models.Model):
    _name = "x.api.test"
    _description = "REST API test record"

    name = fields.Char(required=True)
    secret = fields.Char(groups="base.group_system")
    nope = fields.Char(groups=".")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    code = fields.Char()
    counter = fields.Integer()
    amount = fields.Float()
    day = fields.Date()
    moment = fields.Datetime()
    active = fields.Boolean(default=True)
    data = fields.Binary(attachment=True)
    data_filename = fields.Char()
    secret_file = fields.Binary(attachment=True, groups="base.group_system")
    partner_id = fields.Many2one("res.partner")
    tag_ids = fields.Many2many("res.partner.category")
    line_ids = fields.One2many("x.api.test.line", "test_id")
    name_upper = fields.Char(compute="_compute_name_upper")
    # Not stored: attribute access would not check its groups (checklist trap 3).
    secret_upper = fields.Char(compute="_compute_secret_upper", groups="base.group_system")

    _sql_constraints = [("code_unique", "UNIQUE(code)", "The code must be unique.")]

    @api.depends("name")
    def _compute_name_upper(self):
        for record in self:
            record.name_upper = (record.name or "").upper()

    @api.depends("secret")
    def _compute_secret_upper(self):
        for record in self:
            record.secret_upper = (record.secret or "").upper()

    def write_then_fail(self):
        self.write({"name": "written before failing"})
        raise UserError("This method always fails after writing")

    def write_and_wait(self, name, seconds=3.0):
        """Write, then keep the transaction open a while: a commit that comes late (change feed)."""
        self.write({"name": name})
        self.env.flush_all()
        time.sleep(min(float(seconds), 10.0))
        return True

    def boom(self):
        return 1 / 0

    def increment(self, step=1):
        for record in self:
            record.counter += step
        return self.mapped("counter")

    def fail_while_draft(self):
        """Counts a call, then fails (a 500: ZeroDivisionError) while a record is still draft."""
        for record in self:
            record.counter += 1
        if "draft" in self.mapped("state"):
            return 1 / 0
        return self.mapped("counter")

    def _hidden(self):
        return "hidden"

    @api.private
    def not_rpc(self):
        return "private"

    @api.model
    def today_and_records(self):
        return {"today": fields.Date.today(), "records": self.search([], limit=2),
                "raw": b"bytes"}


class ApiTestChild(models.Model):
    _inherit = "x.api.test"

    def not_rpc(self):  # overriding without the decorator must stay private
        return super().not_rpc()


class ApiTestLine(models.Model):
    _name = "x.api.test.line"
    _description = "REST API test line"

    name = fields.Char(required=True)
    test_id = fields.Many2one("x.api.test", ondelete="cascade")
