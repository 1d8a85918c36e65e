"""``child_of`` and ``parent_of``: the ids below or above some records along the parent field."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from .database import Database

NameSearch = Callable[[str, str], set[int]]
"""``name_search(model, name) -> ids`` whose display name contains ``name``."""


def hierarchy_ids(database: Database, model: str, operator: str, value, name_search: NameSearch,
                  parent: str | None = None) -> set[int]:
    """The records of ``model`` that are ``operator`` (child_of/parent_of) those ``value`` names.

    ``value`` is an id, a list of ids or a name; ``parent`` the field linking a record to its
    parent (by default the model's parent field); a model without one gives the records
    themselves, as Odoo does.
    """
    start = set(_start_ids(model, value, name_search))
    parent_name = parent or database.model(model).parent_name
    if parent_name is None:
        return start
    if operator == "child_of":
        return _descendants(database, model, parent_name, start)
    return _ancestors(database, model, parent_name, start)


def _start_ids(model: str, value, name_search: NameSearch) -> Iterable[int]:
    if isinstance(value, str):
        return name_search(model, value)
    if value is False or value is None:
        return ()
    return value if isinstance(value, (list, tuple)) else [value]


def _descendants(database: Database, model: str, parent_name: str, start: set[int]) -> set[int]:
    children: dict[int, list[int]] = {}
    for rid, row in database.table(model).items():
        if row.get(parent_name) is not None:
            children.setdefault(row[parent_name], []).append(rid)
    found, frontier = set(start), list(start)
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def _ancestors(database: Database, model: str, parent_name: str, start: set[int]) -> set[int]:
    table = database.table(model)
    found = set()
    rid: int | None
    for rid in start:
        # ``found`` also stops a cycle (which Odoo's recursion check forbids anyway).
        while rid is not None and rid not in found and rid in table:
            found.add(rid)
            rid = table[rid].get(parent_name)
    return found
