"""Groups through the public ``read_group`` of Odoo's external API, in the port's shapes.

``_read_group`` (what the addon calls) is private over RPC; the public ``read_group`` wraps it
with labels for display. Aggregates are asked under aliases (``a0:sum(list_price)``) so that two
functions of one field stay apart; dates come back as labels, so the period's first day is
read from ``__range`` (for datetimes in UTC, taken back to the request's time zone).
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ...domain.aggregation import COUNT, AggregateQuery
from .calls import RpcCalls


def read_group(calls: RpcCalls, model: str, domain: list, query: AggregateQuery, offset: int,
               limit: int | None, types: dict[str, str]) -> list[dict]:
    """``read_group`` on ``model`` as the caller; ``types`` are the grouped fields' types."""
    aliases = {aggregate.spec: f"a{i}" for i, aggregate in enumerate(query.aggregates)
               if aggregate.spec != COUNT}
    fields = [f"{aliases[a.spec]}:{a.function}({a.field})" for a in query.aggregates if a.spec in aliases]
    order = ", ".join(f"{aliases.get(o.spec, o.spec)} {'desc' if o.descending else 'asc'}"
                      for o in query.order) or False
    rows = calls.execute(model, "read_group", kwargs={
        "domain": domain, "fields": fields, "groupby": [g.spec for g in query.groupby],
        "offset": offset, "limit": limit, "orderby": order, "lazy": False})
    zone = _zone(calls.context.get("tz"))
    groups = []
    for row in rows:
        group = {g.spec: _group_value(row, g.spec, types[g.field], zone) for g in query.groupby}
        group.update({a.spec: row[aliases.get(a.spec, COUNT)] for a in query.aggregates})
        groups.append(group)
    return groups


def _group_value(row: dict, spec: str, field_type: str, zone):
    value = row.get(spec)
    if field_type in ("date", "datetime") and ":" in spec:
        bounds = (row.get("__range") or {}).get(spec)
        if not value or not bounds:
            return False
        start = bounds["from"]
        if field_type == "date":
            return dt.date.fromisoformat(start[:10])
        moment = dt.datetime.strptime(start, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.timezone.utc)
        return moment.astimezone(zone).date()
    if isinstance(value, list) and len(value) == 2:  # a many2one: [id, display_name]
        return tuple(value)
    return value


def _zone(name):
    try:
        return ZoneInfo(name) if name else dt.timezone.utc
    except (ZoneInfoNotFoundError, ValueError):
        return dt.timezone.utc
