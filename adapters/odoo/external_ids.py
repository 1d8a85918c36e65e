"""External ids on Odoo (issue 24): ``ir.model.data``, read and written as the superuser.

Users have no rights on ``ir.model.data`` (Odoo's ACL gives them none): the names are looked up
for them, and written only for the records the use case has just created or written as them.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ..external_id_domain import found_names, names_domain
from ...application.capabilities import ExternalIds, ExternalIdWrites
from .errors import odoo_errors


class OdooExternalIds(ExternalIds, ExternalIdWrites):
    """``ir.model.data`` for an ``OdooRecordStore`` (its ``env`` is the user's)."""

    env: Any

    def _names(self):
        return self.env["ir.model.data"].sudo().with_context(active_test=False)

    def external_ids(self, model: str, ids: Collection[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        if not ids:
            return found
        rows = self._names().search_read([("model", "=", model), ("res_id", "in", list(ids))],
                                         ["module", "name", "res_id"], order="id")
        for row in rows:
            found.setdefault(row["res_id"], f"{row['module']}.{row['name']}")
        return found

    def find_external_ids(self, names: Collection[str]) -> dict[str, tuple[str, int]]:
        if not names:
            return {}
        domain = names_domain(names)
        rows = self._names().search_read(domain, ["module", "name", "model", "res_id"])
        return found_names(rows)

    def add_external_ids(self, model: str, records: Mapping[str, int]) -> None:
        values = [{"module": text.partition(".")[0], "name": text.partition(".")[2], "model": model,
                   "res_id": record_id, "noupdate": True} for text, record_id in records.items()]
        with odoo_errors(self.env):  # a name taken meanwhile: the unique (module, name) index, a 409
            self._names().create(values)

    def module_names(self, namespaces: Collection[str]) -> set[str]:
        modules = self.env["ir.module.module"].sudo().search_read([("name", "in", list(namespaces))], ["name"])
        return {row["name"] for row in modules}
