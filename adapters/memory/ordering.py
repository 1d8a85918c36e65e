"""Sorting rows by an Odoo order string, with PostgreSQL's NULL placement."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from ...domain.errors import ValidationError
from .database import Database, Row
from .relations import stored_or_computed
from .schema import ModelSchema

DEFAULT_ORDER = "id"


@frozen
class SortKey:
    """One term of an order: field, direction, and whether NULLs come last."""

    field: str
    descending: bool
    nulls_last: bool


def parse_order(order: str | None, schema: ModelSchema) -> list[SortKey]:
    """``"name desc, id"`` as sort keys; NULLS LAST for asc and FIRST for desc unless said.

    Raises ``ValidationError`` for a malformed term or an unknown or unsortable field.
    """
    keys = []
    for text in (order or DEFAULT_ORDER).split(","):
        words = text.lower().split()
        if not words:
            raise ValidationError(f"Empty term in order {order!r}", {"order": order})
        keys.append(_sort_key(words, text, schema))
    return keys


def _sort_key(words: list[str], text: str, schema: ModelSchema) -> SortKey:
    name = text.split()[0]
    direction = words[1] if len(words) > 1 else "asc"
    nulls = words[3] if len(words) == 4 and words[2] == "nulls" else None
    well_formed = len(words) in (1, 2) or (len(words) == 4 and nulls in ("first", "last"))
    if not well_formed or direction not in ("asc", "desc"):
        raise ValidationError(f"Invalid order term {text.strip()!r}", {"term": text.strip()})
    spec = schema.field(name)
    if spec is None or not spec.info.sortable or spec.info.is_x2many:
        raise ValidationError(f"Cannot order {schema.name} by {name!r}",
                              {"model": schema.name, "field": name})
    descending = direction == "desc"
    return SortKey(name, descending, nulls == "last" if nulls else not descending)


def sort_rows(database: Database, schema: ModelSchema, rows: list[Row], order: str | None) -> list[Row]:
    """``rows`` sorted by ``order`` (default ``id``); a many2one sorts by its display name."""
    result = list(rows)
    # Stable sorts, last key first, give the multi-key order.
    for key in reversed(parse_order(order, schema)):
        value_of = _value_getter(database, schema, key.field)
        # Under reverse=True the rank order flips, so NULL's rank flips with it.
        null_rank = 1 if key.nulls_last != key.descending else 0
        result.sort(key=lambda row: _rank(value_of(row), null_rank), reverse=key.descending)
    return result


def _rank(value: Any, null_rank: int) -> tuple:
    if value is None:
        return (null_rank, 0)
    return (1 - null_rank, value)


def _value_getter(database: Database, schema: ModelSchema, name: str) -> Callable[[Row], Any]:
    spec = schema.fields[name]
    raw = stored_or_computed(database, spec)
    if spec.type != "many2one":
        return raw
    comodel = database.model(spec.info.comodel)
    label = stored_or_computed(database, comodel.fields.get("display_name") or comodel.fields["id"])

    def related_label(row: Row) -> Any:
        related = database.row(comodel.name, row[name]) if row.get(name) is not None else None
        return None if related is None else (label(related) or None)
    return related_label
