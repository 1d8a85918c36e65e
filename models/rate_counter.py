"""The table behind the API's rate limits (see ``adapters/odoo/rate_limiter.py``)."""
from odoo import api, fields, models

from ..adapters.odoo.rate_limiter import TABLE

KEEP_SECONDS = 3600


class RateCounter(models.Model):
    """Not an ORM table: an UNLOGGED counter table, so hits cost no WAL; no access rights."""

    _name = "rest_api.rate.counter"
    _description = "REST API rate-limit counters"
    _auto = False
    _log_access = False
    _table = TABLE

    # Declared so that Odoo knows the columns (it would otherwise treat them as removed).
    bucket = fields.Char(required=True)
    window_start = fields.Integer(required=True)
    hits = fields.Integer(required=True)

    def init(self):
        self.env.cr.execute(f"""
            CREATE UNLOGGED TABLE IF NOT EXISTS {TABLE} (
                bucket varchar NOT NULL,
                window_start bigint NOT NULL,
                hits integer NOT NULL,
                PRIMARY KEY (bucket, window_start)
            )
        """)

    @api.autovacuum
    def _gc_counters(self):
        self.env.cr.execute(
            f"DELETE FROM {TABLE} WHERE window_start < extract(epoch FROM now())::bigint - %s",
            (KEEP_SECONDS,))
