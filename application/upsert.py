"""``POST /{model}/upsert`` (issue 24): create or update records matched by external id or by a
field, all or nothing, with a fixed number of lookups whatever the number of rows."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.errors import Conflict, ValidationError
from ..domain.external_ids import EXTERNAL_ID, ExternalId
from ..domain.model_info import ModelInfo
from ..domain.resolution import ResolvedSelection
from .capabilities import ExternalIdWrites, capability
from .external_ids import claim, names_of, own_records
from .outcome import Outcome
from .ports import RecordStore
from .requests import UpsertBody
from .session import Session
from .write import check_count, decoded_rows, refuse_repeats

# What a ``match`` field may be: one stored value per record, compared with ``=``.
MATCH_TYPES = frozenset({"char", "integer", "many2one", "selection"})


def upsert_records(session: Session, model_name: str, body: UpsertBody) -> Outcome:
    """Create the rows no record matches, update the others; the answer in input order."""
    model = session.model(model_name, "create")
    session.model(model_name, "write")
    capability(session.store, ExternalIdWrites)  # the whole upsert in one transaction, or not at all
    rows = body.data
    if not rows:
        raise ValidationError("'data' must hold at least one record")
    check_count(session, len(rows), "records")
    names = _names(rows, required=body.match is None)
    if body.match is not None:
        _check_match(session, model, body.match, rows)
    values = decoded_rows(session, model, rows)
    keys: Sequence[Any] = names if body.match is None else [row[body.match] for row in values]
    refuse_repeats(body.match or EXTERNAL_ID, keys)
    given = [name for name in names if name is not None]
    store = session.store_for(body.context)
    named = own_records(store, model.name, given)
    if body.match is None:
        found: dict[Any, int] = dict(named)
    else:
        found = _matching(store, model, body.match, list(keys))
        _refuse_other_owners(names, keys, found, named)
    created_at = [i for i, key in enumerate(keys) if key not in found]
    new_ids = store.create(model.name, [values[i] for i in created_at]) if created_at else []
    made = dict(zip(created_at, new_ids, strict=True))
    ids = [found[key] if key in found else made[index] for index, key in enumerate(keys)]
    updates = {found[key]: values[index] for index, key in enumerate(keys) if key in found and values[index]}
    if updates:
        store.write_each(model.name, updates)
    claim(store, model.name, {name: ids[i] for i, name in enumerate(names)
                              if name is not None and name not in named})
    return Outcome("Records upserted successfully",
                   _answer(store, model.name, ids, names, set(created_at)))


def _names(rows: Sequence[Any], required: bool) -> list[ExternalId | None]:
    """Each row's ``external_id`` (None where a ``match`` upsert gives none)."""
    names: list[ExternalId | None] = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise ValidationError(f"Record {index}: values must be a JSON object", {"index": index})
        raw = row.get(EXTERNAL_ID)
        if raw is None and required:
            raise ValidationError(f"Record {index}: '{EXTERNAL_ID}' is required (or upsert by a field with 'match')",
                                  {"index": index, "field": EXTERNAL_ID})
        names.append(None if raw is None else ExternalId.required(raw, f"Record {index}: {EXTERNAL_ID}"))
    return names


def _check_match(session: Session, model: ModelInfo, match: str, rows: Sequence[dict]) -> None:
    """Refuse a ``match`` field unfit to match on, and rows without a value for it."""
    field = model.field(match)
    if field is None or match == EXTERNAL_ID:
        raise ValidationError(f"'match' must be a field of {model.name}: unknown field {match!r}",
                              {"model": model.name, "match": match})
    if match in session.sensitive or not field.readable:
        raise ValidationError(f"'match' must be a field you may read: {match}", model.refused_fields([match]))
    if not field.stored or field.readonly or field.type not in MATCH_TYPES:
        raise ValidationError(
            f"'match' must be a stored, writable field of type {', '.join(sorted(MATCH_TYPES))}: "
            f"{match} is {'not stored' if not field.stored else 'read-only' if field.readonly else field.type}",
            {"model": model.name, "match": match})
    for index, row in enumerate(rows):
        if row.get(match) in (None, False, ""):
            raise ValidationError(f"Record {index}: '{match}' must hold the value to match on",
                                  {"index": index, "field": match})


def _matching(store: RecordStore, model: ModelInfo, match: str, values: list[Any]) -> dict[Any, int]:
    """The record each value matches, archived ones included (a sync must not duplicate them);
    a value several records hold is a ``Conflict`` naming them."""
    everything = store.with_context({"active_test": False})
    found: dict[Any, list[int]] = {}
    selection = ResolvedSelection.of(model, (match,))
    for row in everything.search_read(model.name, [[match, "in", values]], selection, "id", 0, None):
        key = row[match]
        found.setdefault(key, []).append(row["id"])
    several = {str(key): ids for key, ids in found.items() if len(ids) > 1}
    if several:
        first = next(iter(several))
        raise Conflict(f"Several records of {model.name} have {match} = {first}: {several[first]}",
                       {"model": model.name, "match": match, "records": dict(list(several.items())[:10])})
    return {key: ids[0] for key, ids in found.items()}


def _refuse_other_owners(names: Sequence[ExternalId | None], keys: Sequence[Any], found: dict[Any, int],
                         named: dict[ExternalId, int]) -> None:
    """In a ``match`` upsert, an ``external_id`` that already names another record is a ``Conflict``."""
    for name, key in zip(names, keys, strict=True):
        if name is not None and name in named and (key not in found or named[name] != found[key]):
            raise Conflict(f"The external id {name} already names another record ({named[name]})",
                           {"external_id": str(name), "id": named[name]})


def _answer(store: RecordStore, model: str, ids: list, names: Sequence[ExternalId | None],
            created: set[int]) -> dict:
    first = names_of(store).external_ids(model, [i for i, name in zip(ids, names, strict=True) if name is None])
    records = [{"id": record_id, EXTERNAL_ID: str(name) if name is not None else first.get(record_id),
                "created": index in created}
               for index, (record_id, name) in enumerate(zip(ids, names, strict=True))]
    return {"records": records, "created": len(created), "updated": len(ids) - len(created)}
