"""Use cases that write: create, batch create, update (one, by ids, by filter), delete."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ..domain.errors import Conflict, PreconditionFailed, ValidationError
from ..domain.external_ids import EXTERNAL_ID, ExternalId, RecordRef
from . import external_ids
from ..domain.model_info import ModelInfo
from ..domain.preconditions import NO_PRECONDITIONS, Preconditions
from .outcome import Outcome
from .read import checked_domain
from .requests import BatchBody, BulkUpdateBody, RecordBody
from .session import Session
from .shaping import encode_records, selection_for, selection_of_names
from .versions import check_preconditions, etag_headers, etag_of, with_version
from .capabilities import ExternalIdWrites, capability
from .external_ids import claim, find_records, own_records, read_with_external_ids, resolve_references
from .write_values import decode_record


def _read_back(session: Session, model: ModelInfo, store, ids: Sequence[int],
               sent: Sequence[dict], query: str | None) -> list[dict]:
    """Records after a write: ``query``'s selection, else ``id`` plus every field sent."""
    selection = _read_back_selection(session, model, sent, query)
    return encode_records(selection, read_with_external_ids(
        store, selection, lambda plain: store.read(model.name, list(ids), plain)))


def _read_back_selection(session: Session, model: ModelInfo, sent: Sequence[dict], query: str | None):
    if query is not None:
        return selection_for(session, model, query)
    names = dict.fromkeys(name for values in sent for name in values)
    return selection_of_names(session, model, list(names))


def _read_back_one(session: Session, model: ModelInfo, store, record_id: int, sent: dict,
                   query: str | None) -> tuple[dict, tuple[tuple[str, str], ...]]:
    """One record after a write, and its new ``ETag`` header."""
    selection = _read_back_selection(session, model, [sent], query)
    [row] = read_with_external_ids(store, selection, lambda plain: store.read(
        model.name, [record_id], with_version(model, plain)))
    return encode_records(selection, [row])[0], etag_headers(etag_of(model, row))


def create_record(session: Session, model_name: str, body: RecordBody,
                  query: str | None = None) -> Outcome:
    """``POST /{model}``: 201 with ``Location`` and the record read back."""
    model = session.model(model_name, "create")
    [names] = new_names(session, model, [body.data])
    [values] = decoded_rows(session, model, [body.data])
    store = session.store_for(body.context)
    [new_id] = store.create(model.name, [values])
    claim(store, model.name, {names: new_id} if names else {})
    record, etag = _read_back_one(session, model, store, new_id, body.data, query)
    return Outcome("Record created successfully", record, 201, etag, location=f"/{model.name}/{new_id}")


def create_batch(session: Session, model_name: str, body: BatchBody,
                 query: str | None = None) -> Outcome:
    """``POST /{model}/batch``: every record or none, answered in input order."""
    model = session.model(model_name, "create")
    if not body.data:
        raise ValidationError("'data' must hold at least one record")
    check_count(session, len(body.data), "records")
    names = new_names(session, model, body.data)
    values = decoded_rows(session, model, body.data)
    store = session.store_for(body.context)
    ids = store.create(model.name, values)
    claim(store, model.name, {name: new_id for name, new_id in zip(names, ids, strict=True) if name})
    records = _read_back(session, model, store, ids, body.data, query)
    return Outcome("Records created successfully", {"records": records, "count": len(records)}, 201)


def decoded_rows(session: Session, model: ModelInfo, rows: Sequence[Any], *,
                 keep: Iterable[str] = (EXTERNAL_ID,)) -> list[dict]:
    """Clients' values for new or written records, related records named by external id
    resolved (one lookup for all), checked and translated; ``keep``: keys given to the use case,
    not written. A bad row is a 400 naming its index when there are several."""
    resolved = resolve_references(session, model, rows)
    kept = set(keep)
    decoded = []
    for index, item in enumerate(resolved):
        values = {k: v for k, v in item.items() if k not in kept} if isinstance(item, dict) else item
        try:
            decoded.append(decode_record(session, model, values))
        except ValidationError as exc:
            if len(rows) == 1:
                raise
            raise ValidationError(f"Record {index}: {exc.message}",
                                  {"index": index, "error": exc.details}) from exc
    return decoded


def new_names(session: Session, model: ModelInfo, rows: Sequence[Any]) -> list[ExternalId | None]:
    """The ``external_id`` each new record is to get (None where none is given); the same name
    twice, or one that exists already, is refused."""
    names = [ExternalId.required(row[EXTERNAL_ID], f"Record {index}: {EXTERNAL_ID}")
             if isinstance(row, dict) and row.get(EXTERNAL_ID) is not None else None
             for index, row in enumerate(rows)]
    given = [name for name in names if name is not None]
    refuse_repeats(EXTERNAL_ID, given)
    if given:
        capability(session.store, ExternalIdWrites)  # before anything is written
        existing = own_records(session.store, model.name, given)
        if existing:
            shown = sorted(map(str, existing))[:10]
            raise Conflict(f"External id(s) already name records of {model.name}: {', '.join(shown)}; "
                           f"update them with PUT /{model.name}/{{external id}} or /upsert",
                           {"model": model.name, "external_ids": shown})
    return names


def update_record(session: Session, model_name: str, ref: RecordRef, body: RecordBody,
                  query: str | None = None, preconditions: Preconditions = NO_PRECONDITIONS,
                  upsert: bool = False) -> Outcome:
    """``PUT /{model}/{id}``: 200 with the record read back and its new ``ETag``;
    412 and nothing written when ``If-Match`` names an older version. With ``upsert`` (``PUT`` on
    an external id), a name no record has yet creates the record with it: 201 and ``Location``."""
    model = session.model(model_name, "write")
    if isinstance(body.data, dict) and EXTERNAL_ID in body.data:
        raise ValidationError(f"'{EXTERNAL_ID}' is not written on an existing record: the path names the record",
                              {"field": EXTERNAL_ID})
    if upsert and isinstance(ref, ExternalId) and not find_records(session.store, model.name, [ref]):
        if preconditions.if_match is not None:  # no current version: If-Match (even *) fails
            raise PreconditionFailed(f"No record of {model.name} has the external id {ref}: If-Match fails, "
                                     "nothing created", {"model": model.name, "external_id": str(ref)})
        # a name of another model's record is refused (409) by create_record, as any new name
        return create_record(session, model_name, RecordBody({**body.data, EXTERNAL_ID: str(ref)}, body.context),
                             query)
    record_id = external_ids.record_id(session, model.name, ref)
    values = _nonempty_values(session, model, body.data)
    store = session.store_for(body.context)
    check_preconditions(session, store, model, record_id, preconditions)
    store.write(model.name, [record_id], values)
    record, etag = _read_back_one(session, model, store, record_id, body.data, query)
    return Outcome("Record updated successfully", record, 200, etag)


def update_many(session: Session, model_name: str, body: BulkUpdateBody,
                ids: Sequence[int] | None) -> Outcome:
    """``PUT /{model}`` by ``?id=`` or by ``filter``; never "update everything"."""
    model = session.model(model_name, "write")
    values = _nonempty_values(session, model, body.data)
    store = session.store_for(body.context)
    if ids is None and body.filter is not None:
        targets = store.write_matching(model.name, checked_domain(session, model, body.filter), values)
    else:
        targets = _targets(session, model, store, ids, body.filter)
        if targets:
            store.write(model.name, targets, values)
    return Outcome("Records updated successfully", {"ids": targets, "count": len(targets)})


def delete_record(session: Session, model_name: str, ref: RecordRef,
                  context: str | None = None, preconditions: Preconditions = NO_PRECONDITIONS) -> Outcome:
    """``DELETE /{model}/{id}``; 412 and nothing deleted when ``If-Match`` names an older version."""
    model = session.model(model_name, "unlink")
    record_id = external_ids.record_id(session, model.name, ref)
    store = session.store_for_text(context)
    check_preconditions(session, store, model, record_id, preconditions)
    store.unlink(model.name, [record_id])
    return Outcome("Record deleted successfully",
                   {"success": True, "message": "Record deleted successfully"})


def delete_many(session: Session, model_name: str, ids: Sequence[int] | None,
                context: str | None = None) -> Outcome:
    """``DELETE /{model}?id=[…]``: all or nothing."""
    model = session.model(model_name, "unlink")
    if not ids:
        raise ValidationError("Give the ids to delete: ?id=[1,2,3]")
    store = session.store_for_text(context)
    targets = _targets(session, model, store, ids, None)
    store.unlink(model.name, targets)
    return Outcome("Records deleted successfully",
                   {"success": True, "message": "Records deleted successfully",
                    "ids": targets, "count": len(targets)})


def _nonempty_values(session: Session, model: ModelInfo, data: dict) -> dict:
    [values] = decoded_rows(session, model, [data], keep=())
    if not values:
        raise ValidationError("'data' must name at least one field to write")
    return values


def _targets(session: Session, model: ModelInfo, store, ids, filter_) -> list[int]:
    """The records to write or delete. Client-given ids are not searched here: the store's
    ``write``/``unlink`` refuse missing or hidden ones (``NotFound``) before changing anything."""
    if ids is not None and filter_ is not None:
        raise ValidationError("Give either ?id= or 'filter', not both")
    if ids is not None:
        check_count(session, len(ids), "ids")
        return list(dict.fromkeys(ids))
    if filter_ is None:
        raise ValidationError("Give ?id=[…] or a 'filter' to choose the records")
    return store.search_ids(model.name, checked_domain(session, model, filter_))


def refuse_repeats(what: str, keys: Sequence[Any]) -> None:
    """A 400 naming the keys given more than once in one request (rows of a batch or an upsert)."""
    twice = sorted({str(key) for key, count in Counter(keys).items() if count > 1})[:10]
    if twice:
        raise ValidationError(f"The same {what} is given twice: {', '.join(twice)}", {"field": what, "repeated": twice})


def check_count(session: Session, count: int, what: str) -> None:
    """A 400 when one request names more than ``max_ids`` records (``what``: ids, records)."""
    if count > session.settings.max_ids:
        raise ValidationError(f"Too many {what}: {count} (at most {session.settings.max_ids})",
                              {what: count, "max_ids": session.settings.max_ids})
