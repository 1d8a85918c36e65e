"""Record versions for conditional requests (spec §16): the ETag of what was read, the check before a write."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.model_info import ModelInfo
from ..domain.preconditions import EntityTag, Preconditions, record_etag
from ..domain.resolution import ResolvedField, ResolvedSelection
from .ports import RecordStore
from .session import Session
from .capabilities import RecordLocks, capability

VERSION_FIELD = "write_date"


def with_version(model: ModelInfo, selection: ResolvedSelection) -> ResolvedSelection:
    """``selection`` plus ``write_date`` when the model keeps one: read in the same query,
    left out of the answer by the encoder, which follows the client's selection only."""
    field = model.field(VERSION_FIELD)
    if field is None or VERSION_FIELD in selection.names:
        return selection
    return ResolvedSelection(selection.model, selection.fields + (ResolvedField(field),))


def etag_of(model: ModelInfo, row: Mapping[str, Any]) -> EntityTag | None:
    """The ETag of a row read with ``with_version`` (None when the model keeps no version)."""
    return record_etag(model.name, row["id"], row.get(VERSION_FIELD))


def etag_headers(tag: EntityTag | None) -> tuple[tuple[str, str], ...]:
    """The ``ETag`` header of an answer about one record, if it has a version."""
    return (("ETag", tag.render()),) if tag is not None else ()


def check_preconditions(session: Session, store: RecordStore, model: ModelInfo, record_id: int,
                        preconditions: Preconditions) -> None:
    """Before a single-record write: 428 when ``If-Match`` is required and missing; with a
    precondition, lock the record and compare its version, so nothing can change it between
    the check and the write (412 when it already has)."""
    if session.settings.require_if_match:
        preconditions.require_if_match()
    if preconditions.conditional:
        write_date = capability(store, RecordLocks).lock_version(model.name, record_id)
        preconditions.check_write(record_etag(model.name, record_id, write_date))
