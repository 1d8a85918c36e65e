"""Following relations between stored rows: x2many ids, one2many inverses, computed values."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from .database import Database, Row
from .schema import FieldSpec
from .scope import Scope

RelatedIds = Callable[[Row], list[int]]


def visible_ids(database: Database, scope: Scope, model: str) -> set[int]:
    """Ids of ``model`` a search by ``scope`` could return (record rules and ``active_test``)."""
    schema = database.model(model)
    return {rid for rid, row in database.table(model).items() if scope.sees(schema, row)}


def children_by_parent(database: Database, spec: FieldSpec) -> dict[int, list[int]]:
    """For a one2many, the ids of its comodel's rows grouped by their inverse many2one."""
    index: dict[int, list[int]] = defaultdict(list)
    for rid, row in database.table(spec.info.comodel).items():
        parent = row.get(spec.inverse)
        if parent is not None:
            index[parent].append(rid)
    return index


def all_related_ids(database: Database, spec: FieldSpec, row: Row) -> list[int]:
    """Every id an x2many of ``row`` holds, visible or not, sorted."""
    if spec.type == "many2many":
        return sorted(row.get(spec.name) or [])
    return sorted(children_by_parent(database, spec).get(row["id"], []))


def linked_reader(database: Database, spec: FieldSpec) -> RelatedIds:
    """A function giving every id an x2many of a row holds, visible or not: the relation itself."""
    if spec.type == "many2many":
        return lambda row: row.get(spec.name) or []
    index = children_by_parent(database, spec)
    return lambda row: index.get(row["id"], [])


def x2many_reader(database: Database, scope: Scope, spec: FieldSpec) -> RelatedIds:
    """A function giving the ids an x2many of a row shows to ``scope``, sorted.

    Odoo reads x2many through a search on the comodel, so hidden and archived
    related records are left out (archived ones always, for an ``active_only``
    field); the comodel is scanned once, not once per row.
    """
    visible = visible_ids(database, scope, spec.info.comodel)
    if spec.active_only:
        table = database.table(spec.info.comodel)
        visible = {i for i in visible if table[i].get("active")}
    if spec.type == "many2many":
        return lambda row: sorted(i for i in (row.get(spec.name) or []) if i in visible)
    index = children_by_parent(database, spec)
    return lambda row: sorted(i for i in index.get(row["id"], []) if i in visible)


def stored_or_computed(database: Database, spec: FieldSpec) -> Callable[[Row], Any]:
    """A getter of the raw value of a non-x2many field: the column, or the computed value."""
    if spec.compute is None:
        return lambda row: row.get(spec.name)
    compute = spec.compute
    return lambda row: compute(database, row)
