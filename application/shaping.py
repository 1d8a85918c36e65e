"""Turning what the store read into the JSON records the client gets."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..domain.model_info import ModelInfo
from ..domain.resolution import ResolvedSelection, default_selection, resolve
from ..domain.errors import ValidationError
from ..domain.selection import FieldSelection, Inclusion, parse_query
from ..domain.values import encode_value
from .session import Session


def selection_for(session: Session, model: ModelInfo, query: str | None) -> ResolvedSelection:
    """The fields to read for a ``query`` text (none means ``{*}``)."""
    settings = session.settings
    tree = default_selection() if query is None else parse_query(
        query, settings.max_query_depth, settings.max_query_names)
    return resolve(tree, model, session.lookup, session.sensitive)


def selection_of_names(session: Session, model: ModelInfo, names: Sequence[str]) -> ResolvedSelection:
    """The fields to read for a plain list of names (``id`` always included)."""
    if len(names) > session.settings.max_query_names:
        raise ValidationError(
            f"Too many fields: {len(names)} (at most {session.settings.max_query_names})")
    unique = dict.fromkeys(names)
    tree = FieldSelection(includes=tuple(Inclusion(name) for name in unique))
    return resolve(tree, model, session.lookup, session.sensitive)


def encode_records(selection: ResolvedSelection, rows: Sequence[Mapping[str, Any]]) -> list[dict]:
    """Rows read by the store, encoded as JSON records in selection order."""
    return [encode_record(selection, row) for row in rows]


def encode_record(selection: ResolvedSelection, row: Mapping[str, Any]) -> dict:
    """One row as a JSON record; nested selections are encoded recursively."""
    record = {}
    for resolved in selection.fields:
        raw = row.get(resolved.name, False)
        if resolved.nested is None:
            record[resolved.name] = encode_value(resolved.field, raw)
        elif isinstance(raw, list):
            record[resolved.name] = encode_records(resolved.nested, raw)
        elif isinstance(raw, Mapping):
            record[resolved.name] = encode_record(resolved.nested, raw)
        else:
            record[resolved.name] = None
    return record
