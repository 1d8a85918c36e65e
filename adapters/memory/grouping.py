"""``read_group`` over in-memory rows, shaped like Odoo's ``_read_group`` and its SQL.

PostgreSQL's rules are followed where they show: aggregates skip NULLs, an empty
aggregate is NULL (Odoo's ``False``), a boolean groups NULL with ``False``, ascending
order puts NULLs last and descending first, and without a groupby there is always
one group. Weeks start on Sunday (Odoo's ``en_US``); datetimes are grouped in the
context's ``tz``, as Odoo does.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from ...domain.aggregation import Aggregate, AggregateQuery, GroupBy, GroupOrder
from .database import Database, Row
from .relations import stored_or_computed
from .schema import ModelSchema

Key = tuple


def read_group(database: Database, schema: ModelSchema, rows: list[Row], query: AggregateQuery,
               tz: str | None) -> list[dict]:
    """The groups of ``rows`` (already searched and visible), ordered, not yet sliced."""
    keys = [_key_getter(database, schema, group, tz) for group in query.groupby]
    buckets: dict[Key, list[Row]] = {}
    for row in rows:
        buckets.setdefault(tuple(key(row) for key in keys), []).append(row)
    if not query.groupby:
        buckets = {(): rows}
    groups = []
    for key, members in buckets.items():
        group = {g.spec: _group_value(database, schema, g, value) for g, value in zip(query.groupby, key, strict=True)}
        for aggregate in query.aggregates:
            group[aggregate.spec] = _aggregate(aggregate, members)
        groups.append((key, group))
    return [group for _key, group in _ordered(database, schema, query, groups)]


def _key_getter(database: Database, schema: ModelSchema, group: GroupBy, tz: str | None
                ) -> Callable[[Row], Any]:
    spec = schema.fields[group.field]
    raw = stored_or_computed(database, spec)
    granularity = group.granularity
    if granularity:
        zone = ZoneInfo(tz) if tz and spec.type == "datetime" and tz in available_timezones() else None
        return lambda row: _period_start(raw(row), granularity, zone)
    if spec.type == "boolean":
        return lambda row: bool(raw(row))
    # A computed value may be False where Odoo's column holds NULL: one empty group, sorted last.
    return lambda row: None if (value := raw(row)) is False else value


def _period_start(value: Any, granularity: str, zone: ZoneInfo | None) -> dt.date | None:
    if value is None:
        return None
    if zone is not None:
        value = value.replace(tzinfo=dt.timezone.utc).astimezone(zone)
    day = value.date() if isinstance(value, dt.datetime) else value
    if granularity == "day":
        return day
    if granularity == "week":
        return day - dt.timedelta(days=(day.weekday() + 1) % 7)
    if granularity == "month":
        return day.replace(day=1)
    if granularity == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def _group_value(database: Database, schema: ModelSchema, group: GroupBy, value: Any) -> Any:
    """A key as ``_read_group`` formats it: a many2one as ``(id, display_name)``, NULL as False."""
    if value is None:
        return False
    spec = schema.fields[group.field]
    if spec.type != "many2one":
        return value
    comodel = database.model(spec.info.comodel)
    related = database.row(comodel.name, value)
    name = stored_or_computed(database, comodel.fields["display_name"])(related) if related else False
    return (value, name)


def _aggregate(aggregate: Aggregate, rows: list[Row]) -> Any:
    if aggregate.field is None:
        return len(rows)
    values = [value for value in (row.get(aggregate.field) for row in rows) if value is not None]
    function = aggregate.function
    if function == "count":
        return len(values)
    if function == "count_distinct":
        return len(set(values))
    if not values:
        return False
    if function == "sum":
        return sum(values)
    if function == "avg":
        return sum(values) / len(values)
    if function == "min":
        return min(values)
    if function == "max":
        return max(values)
    if function == "bool_and":
        return all(values)
    return any(values)


def _ordered(database: Database, schema: ModelSchema, query: AggregateQuery,
             groups: list[tuple[Key, dict]]) -> list[tuple[Key, dict]]:
    """Stable sorts, last key first: the order (by default the groupby specs ascending, as
    Odoo's read_group), ties by the groupby keys ascending."""
    positions = {g.spec: i for i, g in enumerate(query.groupby)}
    result = sorted(groups, key=lambda item: tuple(_rank(v) for v in item[0]))
    for term in reversed(query.order or tuple(GroupOrder(g.spec) for g in query.groupby)):
        if term.spec in positions:
            value_of = _groupby_sort_value(database, schema, query.groupby[positions[term.spec]],
                                           positions[term.spec])
        else:
            value_of = _aggregate_sort_value(term.spec)
        result.sort(key=lambda item: _rank(value_of(item)), reverse=term.descending)
    return result


def _groupby_sort_value(database: Database, schema: ModelSchema, group: GroupBy,
                        position: int) -> Callable[[tuple[Key, dict]], Any]:
    """The raw key; a many2one sorts by its display name (its model's order)."""
    if schema.fields[group.field].type == "many2one":
        return lambda item: item[1][group.spec][1] if item[1][group.spec] else None
    return lambda item: item[0][position]


def _aggregate_sort_value(spec: str) -> Callable[[tuple[Key, dict]], Any]:
    def value(item: tuple[Key, dict]) -> Any:
        found = item[1][spec]
        return None if found is False and not spec.endswith(("bool_and", "bool_or")) else found
    return value


def _rank(value: Any) -> tuple:
    """NULLs rank last, so last ascending and (reversed) first descending, as in PostgreSQL."""
    if value is None:
        return (1, 0)
    return (0, value)
