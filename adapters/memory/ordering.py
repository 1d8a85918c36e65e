"""Sorting rows by an Odoo order string, like Odoo's ``_order_to_sql`` on PostgreSQL.

Without an order, a model sorts by its own ``_order`` (``ModelSchema.order``); a
many2one sorts by its comodel's ``_order`` (reversed when descending), unless that
is ``id``; booleans sort as ``COALESCE(field, FALSE)``; NULLs come last ascending and
first descending, unless ``nulls first``/``nulls last`` says otherwise.
"""
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
    """One term of an order: field, direction, whether NULLs come last, and whether that was said."""

    field: str
    descending: bool
    nulls_last: bool
    explicit_nulls: bool = False


@frozen
class SortTerm:
    """One sort on rows: a value getter, a direction and the NULL placement."""

    value: Callable[[Row], Any]
    descending: bool
    nulls_last: bool


def parse_order(order: str | None, schema: ModelSchema) -> list[SortKey]:
    """``"name desc, id"`` as sort keys; NULLS LAST for asc and FIRST for desc unless said.

    No ``order`` means the model's default order. Raises ``ValidationError`` for a
    malformed term or an unknown or unsortable field.
    """
    keys = []
    text_order = order or schema.order or DEFAULT_ORDER
    for text in text_order.split(","):
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
    return SortKey(name, descending, nulls == "last" if nulls else not descending, nulls is not None)


def sort_rows(database: Database, schema: ModelSchema, rows: list[Row], order: str | None) -> list[Row]:
    """``rows`` sorted by ``order`` (default: the model's own order)."""
    result = list(rows)
    # Stable sorts, last term first, give the multi-term order.
    for term in reversed(sort_terms(database, schema, order)):
        # Under reverse=True the rank order flips, so NULL's rank flips with it.
        null_rank = 1 if term.nulls_last != term.descending else 0
        value_of = term.value
        result.sort(key=lambda row: _rank(value_of(row), null_rank), reverse=term.descending)
    return result


def sort_terms(database: Database, schema: ModelSchema, order: str | None,
               reach: Callable[[Row], Row | None] = lambda row: row, reverse: bool = False,
               seen: frozenset = frozenset()) -> list[SortTerm]:
    """The sorts ``order`` means on ``schema``, whose rows are reached from the sorted ones by ``reach``."""
    terms: list[SortTerm] = []
    for key in parse_order(order, schema):
        descending = key.descending != reverse
        nulls_last = (key.nulls_last != reverse) if key.explicit_nulls else not descending
        spec = schema.fields[key.field]
        comodel = database.model(spec.info.comodel) if spec.type == "many2one" else None
        if comodel is not None and (schema.name, key.field) in seen:
            continue  # Odoo skips a many2one already being expanded (a loop of orders)
        if comodel is None or (comodel.order or DEFAULT_ORDER) == "id":
            terms.append(SortTerm(_getter(database, spec, reach), descending, nulls_last))
            continue
        follow = _follow(database, comodel.name, key.field, reach)
        if key.explicit_nulls:  # Odoo sorts on "field IS [NOT] NULL" first
            terms.append(SortTerm(_null_flag(follow, nulls_last), False, True))
        terms.extend(sort_terms(database, comodel, comodel.order, follow, descending,
                                seen | {(schema.name, key.field)}))
    return terms


def _getter(database: Database, spec, reach: Callable[[Row], Row | None]) -> Callable[[Row], Any]:
    raw = stored_or_computed(database, spec)
    boolean = spec.type == "boolean"

    def value(row: Row) -> Any:
        target = reach(row)
        found = None if target is None else raw(target)
        if boolean:
            return bool(found)  # COALESCE(field, FALSE)
        return None if found is False else found
    return value


def _follow(database: Database, comodel: str, name: str,
            reach: Callable[[Row], Row | None]) -> Callable[[Row], Row | None]:
    def related(row: Row) -> Row | None:
        target = reach(row)
        related_id = None if target is None else target.get(name)
        return None if related_id is None else database.row(comodel, related_id)
    return related


def _null_flag(follow: Callable[[Row], Row | None], nulls_last: bool) -> Callable[[Row], bool]:
    if nulls_last:
        return lambda row: follow(row) is None  # "IS NULL" ascending: set values first
    return lambda row: follow(row) is not None


def _rank(value: Any, null_rank: int) -> tuple:
    if value is None:
        return (null_rank, 0)
    return (1 - null_rank, value)
