"""The change feed's deletion log (spec §19): filled by ``unlink`` for the models listed in
``rest_api.change_feed_models``, pruned after ``rest_api.change_feed_days`` by the autovacuum cron."""
from odoo import api, fields, models
from odoo.tools import SQL

from ..adapters.odoo.change_feed import DELETIONS_TABLE
from ..adapters.odoo.external_ids import first_names
from .webhook import watched


class ChangeDeletion(models.Model):
    """One deleted record; ``deleted_at`` is the deleting transaction's start, like ``write_date``."""

    _name = "rest_api.change.deletion"
    _description = "REST API change feed: deleted records"
    _table = DELETIONS_TABLE
    _log_access = False
    _order = "deleted_at, id"

    model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    deleted_at = fields.Datetime(required=True)
    external_id = fields.Char(help="The record's first external id when it was deleted (webhook payloads)")

    def init(self):
        self.env.cr.execute(SQL("CREATE INDEX IF NOT EXISTS %s ON %s (model, deleted_at, id)",
                                SQL.identifier(f"{DELETIONS_TABLE}_feed_idx"), SQL.identifier(DELETIONS_TABLE)))

    @api.model
    def _log(self, model, ids, names=None):
        """Record the deletion of ``ids`` of ``model`` with the external id each had (``names``:
        id → ``module.name``), bookkeeping of the addon, written in SQL."""
        names = names or {}
        self.env.cr.execute(SQL(
            "INSERT INTO %s (model, res_id, deleted_at, external_id)"
            " SELECT %s, deleted.id, %s, deleted.name FROM unnest(%s::int[], %s::varchar[]) AS deleted(id, name)",
            SQL.identifier(DELETIONS_TABLE), model, self.env.cr.now(), list(ids),
            [names.get(record_id) for record_id in ids]))

    @api.autovacuum
    def _gc_deletions(self):
        days = self.env["rest_api.settings"]._current().change_feed_days
        self.env.cr.execute(SQL(
            "DELETE FROM %s WHERE deleted_at < (now() AT TIME ZONE 'UTC') - make_interval(days => %s)",
            SQL.identifier(DELETIONS_TABLE), days))


class Base(models.AbstractModel):
    _inherit = "base"

    def unlink(self):
        ids = [record_id for record_id in self._ids if isinstance(record_id, int)]
        if not ids:
            return super().unlink()
        webhooks = watched(self.env).get(self._name)  # None: not watched; True: its deletions are
        # Odoo deletes a record's external ids with it: a webhook's ``deleted`` event keeps the first
        names = first_names(self.env, self._name, ids) if webhooks else None
        result = super().unlink()
        # The settings are read after the deletion, never during it: deleting a system parameter
        # clears the caches first, and reading it before its row is gone would cache it again.
        if webhooks or self._name in self.env["rest_api.settings"]._current().change_feed_models:
            self.env["rest_api.change.deletion"]._log(self._name, ids, names)
        if webhooks is not None:
            self.env["rest_api.webhook"]._rest_api_notice_change(self._name, ids)
        return result
