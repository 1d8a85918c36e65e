"""Groups through Odoo's ``_read_group``, as the request's user, in the port's shapes."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ...domain.aggregation import AggregateQuery


def read_group(env, model: str, domain: list, query: AggregateQuery, offset: int,
               limit: int | None) -> list[dict]:
    """``_read_group`` on ``model`` (access rights and record rules apply) as plain dicts."""
    records = env[model]
    groupby = [group.spec for group in query.groupby]
    aggregates = [aggregate.spec for aggregate in query.aggregates]
    # Without an order, Odoo's own read_group sorts by the groupby specs, a many2one by its
    # model's _order; _read_group alone would sort a many2one by id.
    rows = records._read_group(domain, groupby, aggregates, offset=offset, limit=limit,
                               order=query.render_order() or ", ".join(groupby) or None)
    fields = [records._fields[group.field] for group in query.groupby]
    result = []
    for row in rows:
        group = {spec: _group_value(field, value, records)
                 for spec, field, value in zip(groupby, fields, row, strict=False)}
        group.update(zip(aggregates, row[len(groupby):], strict=True))
        result.append(group)
    return result


def _group_value(field, value: Any, records) -> Any:
    """A many2one as ``(id, display_name)`` the way Odoo's own ``read`` and ``read_group`` show it."""
    if field.type == "many2one":
        return field.convert_to_read(value, records)
    if isinstance(value, dt.datetime):
        return value.date()
    return value
