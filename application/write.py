"""Use cases that write: create, batch create, update (one, by ids, by filter), delete."""
from __future__ import annotations

from collections.abc import Sequence

from ..domain.errors import ValidationError
from ..domain.model_info import ModelInfo
from ..domain.preconditions import NO_PRECONDITIONS, Preconditions
from .outcome import Outcome
from .read import checked_domain
from .requests import BatchBody, BulkUpdateBody, RecordBody
from .session import Session
from .shaping import encode_records, selection_for, selection_of_names
from .versions import check_preconditions, etag_headers, etag_of, with_version
from .write_values import decode_record


def _read_back(session: Session, model: ModelInfo, store, ids: Sequence[int],
               sent: Sequence[dict], query: str | None) -> list[dict]:
    """Records after a write: ``query``'s selection, else ``id`` plus every field sent."""
    selection = _read_back_selection(session, model, sent, query)
    return encode_records(selection, store.read(model.name, list(ids), selection))


def _read_back_selection(session: Session, model: ModelInfo, sent: Sequence[dict], query: str | None):
    if query is not None:
        return selection_for(session, model, query)
    names = dict.fromkeys(name for values in sent for name in values)
    return selection_of_names(session, model, list(names))


def _read_back_one(session: Session, model: ModelInfo, store, record_id: int, sent: dict,
                   query: str | None) -> tuple[dict, tuple[tuple[str, str], ...]]:
    """One record after a write, and its new ``ETag`` header."""
    selection = _read_back_selection(session, model, [sent], query)
    [row] = store.read(model.name, [record_id], with_version(model, selection))
    return encode_records(selection, [row])[0], etag_headers(etag_of(model, row))


def create_record(session: Session, model_name: str, body: RecordBody,
                  query: str | None = None) -> Outcome:
    """``POST /{model}``: 201 with ``Location`` and the record read back."""
    model = session.model(model_name, "create")
    values = decode_record(session, model, body.data)
    store = session.store_for(body.context)
    [new_id] = store.create(model.name, [values])
    record, etag = _read_back_one(session, model, store, new_id, body.data, query)
    return Outcome("Record created successfully", record, 201, etag, location=f"/{model.name}/{new_id}")


def create_batch(session: Session, model_name: str, body: BatchBody,
                 query: str | None = None) -> Outcome:
    """``POST /{model}/batch``: every record or none, answered in input order."""
    model = session.model(model_name, "create")
    if not body.data:
        raise ValidationError("'data' must hold at least one record")
    _check_count(session, len(body.data), "records")
    values = [_decode_item(session, model, index, item) for index, item in enumerate(body.data)]
    store = session.store_for(body.context)
    ids = store.create(model.name, values)
    records = _read_back(session, model, store, ids, body.data, query)
    return Outcome("Records created successfully", {"records": records, "count": len(records)}, 201)


def _decode_item(session: Session, model: ModelInfo, index: int, item: dict) -> dict:
    try:
        return decode_record(session, model, item)
    except ValidationError as exc:
        raise ValidationError(f"Record {index}: {exc.message}",
                              {"index": index, "error": exc.details}) from exc


def update_record(session: Session, model_name: str, record_id: int, body: RecordBody,
                  query: str | None = None, preconditions: Preconditions = NO_PRECONDITIONS) -> Outcome:
    """``PUT /{model}/{id}``: 200 with the record read back and its new ``ETag``;
    412 and nothing written when ``If-Match`` names an older version."""
    model = session.model(model_name, "write")
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


def delete_record(session: Session, model_name: str, record_id: int,
                  context: str | None = None, preconditions: Preconditions = NO_PRECONDITIONS) -> Outcome:
    """``DELETE /{model}/{id}``; 412 and nothing deleted when ``If-Match`` names an older version."""
    model = session.model(model_name, "unlink")
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
    values = decode_record(session, model, data)
    if not values:
        raise ValidationError("'data' must name at least one field to write")
    return values


def _targets(session: Session, model: ModelInfo, store, ids, filter_) -> list[int]:
    """The records to write or delete. Client-given ids are not searched here: the store's
    ``write``/``unlink`` refuse missing or hidden ones (``NotFound``) before changing anything."""
    if ids is not None and filter_ is not None:
        raise ValidationError("Give either ?id= or 'filter', not both")
    if ids is not None:
        _check_count(session, len(ids), "ids")
        return list(dict.fromkeys(ids))
    if filter_ is None:
        raise ValidationError("Give ?id=[…] or a 'filter' to choose the records")
    return store.search_ids(model.name, checked_domain(session, model, filter_))


def _check_count(session: Session, count: int, what: str) -> None:
    if count > session.settings.max_ids:
        raise ValidationError(f"Too many {what}: {count} (at most {session.settings.max_ids})")
