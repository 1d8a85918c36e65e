"""External ids on Odoo (issue 24): ``ir.model.data``, read and written as the superuser.

Users have no rights on ``ir.model.data`` (Odoo's ACL gives them none): the names are looked up
for them, and written only for the records the use case has just created or written as them.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ..external_id_domain import found_names, names_domain
from odoo.tools import SQL

from ...application.capabilities import ExternalIds, ExternalIdWrites
from .errors import odoo_errors


def first_names(env, model: str, ids: Collection[int]) -> dict[int, str]:
    """``{id: "module.name"}`` for the records of ``ids`` that have a name: the first one made (one
    query; webhook payloads read it too)."""
    if not ids:
        return {}
    env["ir.model.data"].flush_model()
    env.cr.execute(SQL("SELECT DISTINCT ON (res_id) res_id, module || '.' || name FROM ir_model_data "
                       "WHERE model = %s AND res_id = ANY(%s) ORDER BY res_id, id", model, list(ids)))
    return dict(env.cr.fetchall())


class OdooExternalIds(ExternalIds, ExternalIdWrites):
    """``ir.model.data`` for an ``OdooRecordStore`` (its ``env`` is the user's)."""

    env: Any

    def _names(self):
        return self.env["ir.model.data"].sudo().with_context(active_test=False)

    def external_ids(self, model: str, ids: Collection[int]) -> dict[int, str]:
        return first_names(self.env, model, ids)

    def find_external_ids(self, names: Collection[str]) -> dict[str, tuple[str, int]]:
        if not names:
            return {}
        domain = names_domain(names)
        rows = self._names().search_read(domain, ["module", "name", "model", "res_id"])
        return found_names(rows)

    def add_external_ids(self, model: str, records: Mapping[str, int]) -> None:
        # One INSERT for all, as Odoo's own imports write them (``_update_xmlids``), but with no
        # ON CONFLICT: a name taken meanwhile is the unique (module, name) index's error, a 409.
        uid = self.env.uid
        rows = SQL(", ").join(
            SQL("(%s, %s, %s, %s, TRUE, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')",
                text.partition(".")[0], text.partition(".")[2], model, record_id, uid, uid)
            for text, record_id in records.items())
        with odoo_errors(self.env):
            self.env.cr.execute(SQL("INSERT INTO ir_model_data (module, name, model, res_id, noupdate, "
                                    "create_uid, write_uid, create_date, write_date) VALUES %s", rows))
        self.env["ir.model.data"].invalidate_model()

    def module_names(self, namespaces: Collection[str]) -> set[str]:
        modules = self.env["ir.module.module"].sudo().search_read([("name", "in", list(namespaces))], ["name"])
        return {row["name"] for row in modules}
