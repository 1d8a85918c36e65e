"""A record's external id for webhook payloads: its first ``ir.model.data`` name, ``module.name``.

The one place that says what ``external_id`` is (issue 24 makes it a readable field of every
model; wire this to it then).
"""
from __future__ import annotations

from collections.abc import Sequence


def external_ids(env, model: str, ids: Sequence[int]) -> dict[int, str]:
    """``{id: "module.name"}`` for the records of ``ids`` that have one (the first one made)."""
    if not ids:
        return {}
    env.cr.execute("SELECT DISTINCT ON (res_id) res_id, module || '.' || name FROM ir_model_data"
                   " WHERE model = %s AND res_id = ANY(%s) ORDER BY res_id, id", (model, list(ids)))
    return dict(env.cr.fetchall())
