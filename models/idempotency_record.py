"""The table behind idempotency keys (see ``adapters/odoo/idempotency.py``), and its cleaning cron."""
from odoo import api, fields, models

from ..adapters.odoo.idempotency import TABLE


class IdempotencyRecord(models.Model):
    """Not an ORM table: rows are read and written in SQL by the API's edge only."""

    _name = "rest_api.idempotency.record"
    _description = "REST API answers kept for idempotency keys"
    _auto = False
    _log_access = False
    _table = TABLE

    # Declared so that Odoo knows the columns (it would otherwise treat them as removed).
    user_id = fields.Many2one("res.users", required=True)
    key = fields.Char(required=True)
    fingerprint = fields.Char(required=True)
    status = fields.Integer(required=True)
    headers = fields.Json()
    body = fields.Binary(attachment=False)
    created_at = fields.Datetime(required=True)

    def init(self):
        self.env.cr.execute(f"""
            CREATE TABLE IF NOT EXISTS {TABLE} (
                user_id integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE,
                key varchar(255) NOT NULL,
                fingerprint varchar(64) NOT NULL,
                status smallint NOT NULL,
                headers jsonb NOT NULL,
                body bytea NOT NULL,
                created_at timestamp NOT NULL,
                PRIMARY KEY (user_id, key)
            );
            CREATE INDEX IF NOT EXISTS {TABLE}_created_at_index ON {TABLE} (created_at);
        """)

    @api.model
    def _gc_expired(self):
        """Delete the answers older than the retention (``rest_api.idempotency_hours``)."""
        hours = self.env["rest_api.settings"]._current().idempotency_hours
        self.env.cr.execute(
            f"DELETE FROM {TABLE} WHERE created_at < (now() AT TIME ZONE 'UTC') - make_interval(hours => %s)",
            (hours,))
        return self.env.cr.rowcount
