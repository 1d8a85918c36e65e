"""External ids in use cases (issue 24): records addressed, related and read by ``module.name``.

Every lookup is one store call for all the names of a request (never one per row), and every
record found is then read or written with the user's rights like any other.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from ..domain.errors import Conflict, NotFound, ValidationError
from ..domain.external_ids import EXTERNAL_ID, ExternalId, RecordRef, check_new_namespaces, reference
from ..domain.model_info import ModelInfo
from ..domain.resolution import ResolvedSelection
from .capabilities import ExternalIds, ExternalIdWrites, capability
from .ports import RecordStore
from .session import Session


def names_of(store: RecordStore) -> ExternalIds:
    """The store's external ids (``NotSupported`` where it keeps none)."""
    return capability(store, ExternalIds)


def find_records(store: RecordStore, model: str, names: Iterable[ExternalId]) -> dict[ExternalId, int]:
    """The records of ``model`` that ``names`` name (a name of another model's record is not one)."""
    return {name: record_id for name, (owner, record_id) in _lookup(store, names).items() if owner == model}


def own_records(store: RecordStore, model: str, names: Iterable[ExternalId]) -> dict[ExternalId, int]:
    """``find_records`` for names that are to name records of ``model``: ``Conflict`` when one
    already names a record of another model (one lookup for both)."""
    found = _lookup(store, names)
    foreign = {str(name): owner for name, (owner, _id) in found.items() if owner != model}
    if foreign:
        first = next(iter(foreign))
        raise Conflict(f"The external id {first} names a record of {foreign[first]}, not of {model}",
                       {"model": model, "external_ids": dict(list(foreign.items())[:10])})
    return {name: record_id for name, (_owner, record_id) in found.items()}


def _lookup(store: RecordStore, names: Iterable[ExternalId]) -> dict[ExternalId, tuple[str, int]]:
    """The model and record of each of ``names`` that exists."""
    wanted = {str(name): name for name in names}
    if not wanted:
        return {}
    return {wanted[text]: found for text, found in names_of(store).find_external_ids(list(wanted)).items()}


def record_id(session: Session, model: str, ref: RecordRef) -> int:
    """The id of the record a path names: its id as is, or the record of its external id (404
    when no record of ``model`` has that name)."""
    if isinstance(ref, int):
        return ref
    found = find_records(session.store, model, [ref]).get(ref)
    if found is None:
        raise NotFound(f"No record of {model} has the external id {ref}", {"model": model, "external_id": str(ref)})
    return found


def record_ids(session: Session, model: str, refs: Sequence[RecordRef]) -> list[int]:
    """``record_id`` of each of ``refs``, with one lookup for all the names."""
    names = find_records(session.store, model, [ref for ref in refs if not isinstance(ref, int)])
    unknown = [str(ref) for ref in refs if not isinstance(ref, int) and ref not in names]
    if unknown:
        raise NotFound(f"No record of {model} has the external id(s) {', '.join(unknown[:10])}",
                       {"model": model, "external_ids": unknown[:10]})
    return [ref if isinstance(ref, int) else names[ref] for ref in refs]


def claim(store: RecordStore, model: str, records: Mapping[ExternalId, int]) -> None:
    """Give records their new external ids, each in a namespace that is not a module's name."""
    if not records:
        return
    ids = capability(store, ExternalIdWrites)
    check_new_namespaces(records, ids.module_names({name.namespace for name in records}))
    ids.add_external_ids(model, {str(name): record for name, record in records.items()})


# --- related records named by external id in written values ---------------------------------

def resolve_references(session: Session, model: ModelInfo, rows: Sequence[Any]) -> list[Any]:
    """``rows`` (clients' values for ``model``) with every ``{"external_id": …}`` that stands for a
    related record replaced by its id: many2one values, x2many ids and commands, nested
    ``create``/``update`` values. One lookup per related model; an unknown name is a 400 naming it."""
    wanted: dict[str, set[ExternalId]] = {}

    def collect(comodel: str, name: ExternalId, where: str) -> ExternalId:
        wanted.setdefault(comodel, set()).add(name)
        return name

    walker = _ReferenceWalker(session, collect)
    for row in rows:
        walker.values(model, row)
    if not wanted:
        return list(rows)
    found = {comodel: find_records(session.store, comodel, names) for comodel, names in wanted.items()}

    def replace(comodel: str, name: ExternalId, where: str) -> int:
        record = found[comodel].get(name)
        if record is None:
            raise ValidationError(f"Field '{where}': no record of {comodel} has the external id {name}",
                                  {"field": where, "model": comodel, "external_id": str(name)})
        return record

    walker = _ReferenceWalker(session, replace)
    return [walker.values(model, row) for row in rows]


@attrs.define
class _ReferenceWalker:
    """Walks clients' values, passing each reference by external id to ``visit`` and putting what
    it answers in its place (a copy: the client's values are left as they are)."""

    session: Session
    visit: Callable[[str, ExternalId, str], Any]

    def values(self, model: ModelInfo, row: Any) -> Any:
        if not isinstance(row, Mapping):
            return row
        out = dict(row)
        for name, raw in row.items():
            field = model.field(name)
            if field is None or not field.is_relational or not field.readable:
                continue  # decode_record reports them
            if field.is_x2many:
                out[name] = self._x2many(field.comodel, name, raw)
            else:
                out[name] = self._id(field.comodel, name, raw)
        return out

    def _id(self, comodel: str, where: str, raw: Any) -> Any:
        name = reference(raw)
        return raw if name is None else self.visit(comodel, name, where)

    def _ids(self, comodel: str, where: str, raw: Any) -> Any:
        return [self._id(comodel, where, item) for item in raw] if isinstance(raw, list) else raw

    def _nested(self, comodel: str, raw: Any) -> Any:
        return self.values(self.session.lookup(comodel), raw) if isinstance(raw, Mapping) else raw

    def _x2many(self, comodel: str, where: str, raw: Any) -> Any:
        if isinstance(raw, Mapping) and EXTERNAL_ID not in raw:  # an operations object
            return {op: self._operation(comodel, where, op, value) for op, value in raw.items()}
        if isinstance(raw, list) and any(isinstance(item, list) for item in raw):  # Odoo commands
            return [self._command(comodel, where, item) for item in raw]
        return self._ids(comodel, where, raw)

    def _operation(self, comodel: str, where: str, op: str, value: Any) -> Any:
        if op in ("set", "link", "unlink", "delete"):
            return self._ids(comodel, where, value)
        if op == "create" and isinstance(value, list):
            return [self._nested(comodel, item) for item in value]
        if op == "update" and isinstance(value, list):
            return [self._update_item(comodel, where, item) for item in value]
        return value

    def _update_item(self, comodel: str, where: str, item: Any) -> Any:
        if not isinstance(item, Mapping):
            return item
        out = dict(self._nested(comodel, {k: v for k, v in item.items() if k != "id"}))
        if "id" in item:
            out["id"] = self._id(comodel, where, item["id"])
        return out

    def _command(self, comodel: str, where: str, item: Any) -> Any:
        if not isinstance(item, list) or not item or type(item[0]) is not int:
            return item
        code, out = item[0], list(item)
        if code in (1, 2, 3, 4) and len(item) > 1:
            out[1] = self._id(comodel, where, item[1])
        if code == 6 and len(item) == 3:
            out[2] = self._ids(comodel, where, item[2])
        if code in (0, 1) and len(item) == 3:
            out[2] = self._nested(comodel, item[2])
        return out


# --- the pseudo-field ``external_id`` when reading -------------------------------------------

def without_external_ids(selection: ResolvedSelection) -> ResolvedSelection:
    """``selection`` without ``external_id`` at any level: what the store reads."""
    fields = tuple(attrs.evolve(f, nested=without_external_ids(f.nested)) if f.nested is not None else f
                   for f in selection.fields if f.name != EXTERNAL_ID)
    return ResolvedSelection(selection.model, fields)


def asks_external_ids(selection: ResolvedSelection) -> bool:
    """Whether ``external_id`` is selected at any level."""
    return any(f.name == EXTERNAL_ID or (f.nested is not None and asks_external_ids(f.nested))
               for f in selection.fields)


def read_with_external_ids(store: RecordStore, selection: ResolvedSelection,
                           fetch: Callable[[ResolvedSelection], list[dict]]) -> list[dict]:
    """``fetch(selection)``, the store reading all but ``external_id``, which is then added at
    every level that selects it: one lookup per level, for all its rows."""
    if not asks_external_ids(selection):
        return fetch(selection)
    rows = fetch(without_external_ids(selection))
    add_external_ids(store, selection, rows)
    return rows


def add_external_ids(store: RecordStore, selection: ResolvedSelection, rows: Sequence[dict]) -> None:
    """Set ``external_id`` on ``rows`` (and their nested rows) where ``selection`` selects it."""
    if not rows:
        return
    if EXTERNAL_ID in selection.names:
        found = names_of(store).external_ids(selection.model, {row["id"] for row in rows})
        for row in rows:
            row[EXTERNAL_ID] = found.get(row["id"], False)
    for field in selection.fields:
        if field.nested is not None and asks_external_ids(field.nested):
            add_external_ids(store, field.nested, _nested_rows(rows, field.name))


def _nested_rows(rows: Sequence[dict], name: str) -> list[dict]:
    seen: dict[int, dict] = {}
    for row in rows:
        value = row.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                seen.setdefault(id(item), item)
    return list(seen.values())
