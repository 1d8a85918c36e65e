"""``rest_api.webhook``: a subscription of an API key to a model's changes (issue 25).

Managed by the key through ``/api/v1/webhooks`` (``adapters/odoo/webhooks.py``) and by administrators in
Settings → REST API → Webhooks. The runner (``adapters/odoo/webhook_runner.py``) is the cron below.
"""
from odoo import api, fields, models, tools

from ..adapters.odoo import webhook_queue, webhook_runner

STATES = [("active", "Active"), ("disabled", "Disabled"), ("stopped", "Stopped (API key gone)")]
CRON = "rest_api.ir_cron_webhooks"
# Both runners wake after a change: with two cron workers, they share the deliveries.
RUNNERS = (CRON, "rest_api.ir_cron_webhooks_2")


class Webhook(models.Model):
    _name = "rest_api.webhook"
    _inherit = "rest_api.cached.rows"  # the watched models (``_rest_api_watched``)
    _rest_api_cached_fields = frozenset({"state", "model", "events"})
    _description = "REST API webhook"
    _order = "id"
    _rec_name = "url"

    key_id = fields.Many2one("res.users.apikeys", "API key", ondelete="set null", index=True, readonly=True)
    user_id = fields.Many2one("res.users", "Owner", required=True, ondelete="cascade", readonly=True)
    url = fields.Char("URL", required=True)
    model = fields.Char(required=True, readonly=True)
    events = fields.Char(required=True, help="Comma-separated: created, updated, deleted")
    query = fields.Char(help="The fields of the payload's record (the list endpoint's query)")
    filter_text = fields.Char("Filter", help="The list endpoint's filter, as JSON")
    description = fields.Char()
    state = fields.Selection(STATES, default="active", required=True, index=True)
    reason = fields.Char(readonly=True, help="Why the webhook is disabled or stopped")
    secret = fields.Char(groups="base.group_system", readonly=True, copy=False)
    previous_secret = fields.Char(groups="base.group_system", readonly=True, copy=False)
    previous_secret_until = fields.Datetime(readonly=True, copy=False)
    cursor_at = fields.Datetime(readonly=True, copy=False)
    cursor_id = fields.Integer(readonly=True, copy=False)
    deletion_at = fields.Datetime(readonly=True, copy=False)
    deletion_id = fields.Integer(readonly=True, copy=False)
    failing_since = fields.Datetime(readonly=True, copy=False)
    delivery_ids = fields.One2many("rest_api.webhook.delivery", "webhook_id", "Deliveries", readonly=True)
    pending_count = fields.Integer("Pending", compute="_compute_counts")
    dead_count = fields.Integer("Dead", compute="_compute_counts")

    @api.depends("delivery_ids.state")
    def _compute_counts(self):
        for webhook in self:
            states = webhook.delivery_ids.mapped("state")
            webhook.pending_count, webhook.dead_count = states.count("pending"), states.count("dead")

    @api.model
    @tools.ormcache()
    def _rest_api_watched(self):
        """``{model: whether a subscription wants its deletions}`` over the active webhooks."""
        self.env.cr.execute("SELECT model, bool_or(events LIKE '%%deleted%%') FROM rest_api_webhook"
                            " WHERE state = 'active' GROUP BY model")
        return dict(self.env.cr.fetchall())

    @api.model
    def _rest_api_notice_change(self, model, ids, fields_written=None):
        """A watched model changed: remember which fields (for ``changed``) and wake the runner after commit."""
        if fields_written is not None and ids:
            webhook_queue.log_written_fields(self.env, model, ids, fields_written)
        flags = self.env.cr.precommit.data
        if not flags.get(CRON):
            flags[CRON] = True
            for xmlid in RUNNERS:
                cron = self.env.ref(xmlid, raise_if_not_found=False)
                if cron:
                    cron._trigger()

    @api.model
    def _rest_api_run_webhooks(self):
        """The cron: turn committed changes into events and deliver the due ones."""
        webhook_runner.run(self.env)

    def action_rotate_secret(self):
        """Form button: a new secret (the old one signs beside it for 24 h)."""
        for webhook in self:
            webhook_queue.rotate(webhook)

    def action_test(self):
        """Form button: queue a ping event."""
        for webhook in self:
            webhook_queue.queue_ping(webhook)

    def action_enable(self):
        self.write({"state": "active", "reason": False, "failing_since": False})

    def action_disable(self):
        self.write({"state": "disabled", "reason": "Disabled by an administrator"})

    @api.autovacuum
    def _gc_written_fields(self):
        webhook_queue.forget_old_written_fields(self.env)


class WebhookDelivery(models.Model):
    _name = "rest_api.webhook.delivery"
    _description = "REST API webhook delivery"
    _order = "id desc"
    _rec_name = "event_id"

    webhook_id = fields.Many2one("rest_api.webhook", required=True, ondelete="cascade", index=True, readonly=True)
    event_id = fields.Char("Event id", required=True, index=True, readonly=True)
    event_type = fields.Char("Event", required=True, readonly=True)
    res_id = fields.Integer("Record id", readonly=True)
    payload = fields.Text(required=True, readonly=True)
    state = fields.Selection([("pending", "Pending"), ("delivered", "Delivered"), ("dead", "Dead")],
                             default="pending", required=True, readonly=True)
    attempt_count = fields.Integer("Attempts", readonly=True, default=0)
    first_attempt_at = fields.Datetime(readonly=True)
    next_attempt_at = fields.Datetime("Next attempt", readonly=True)
    last_status = fields.Integer("HTTP status", readonly=True)
    last_error = fields.Char("Error", readonly=True)
    last_duration_ms = fields.Integer("Duration (ms)", readonly=True)
    attempt_log = fields.Json(readonly=True)

    def init(self):
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS rest_api_webhook_delivery_due_idx
                ON rest_api_webhook_delivery (next_attempt_at, id) WHERE state = 'pending';
            CREATE INDEX IF NOT EXISTS rest_api_webhook_delivery_order_idx
                ON rest_api_webhook_delivery (webhook_id, res_id, id) WHERE state = 'pending';""")

    def action_retry(self):
        """Form button: try again now (a dead delivery too), the same event id."""
        webhook_queue.requeue(self)


class WebhookWrittenFields(models.Model):
    """Which fields a transaction wrote on a watched record (insert-only: writers never conflict)."""

    _name = "rest_api.webhook.written"
    _description = "REST API webhook: fields written"
    _log_access = False

    model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    field_names = fields.Char(required=True)
    written_at = fields.Datetime(required=True)

    def init(self):
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS rest_api_webhook_written_idx"
                            " ON rest_api_webhook_written (model, res_id, written_at)")


def watched(env):
    """The watched models (none while the registry loads: the webhooks table may not exist yet)."""
    return env["rest_api.webhook"]._rest_api_watched() if env.registry.ready else {}


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if self._name in watched(self.env):
            self.env["rest_api.webhook"]._rest_api_notice_change(self._name, records.ids)
        return records

    def write(self, vals):
        result = super().write(vals)
        if self._name in watched(self.env):
            self.env["rest_api.webhook"]._rest_api_notice_change(self._name, self.ids, sorted(vals))
        return result
