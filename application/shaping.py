"""Turning what the store read into the JSON records the client gets."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..domain.model_info import ModelInfo
from ..domain.resolution import ResolvedField, ResolvedSelection, default_selection, resolve
from ..domain.errors import ValidationError
from ..domain.selection import FieldSelection, Inclusion, parse_query
from ..domain.values import plain_value_encoder
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


Encoder = Callable[[Any], Any]


def encode_records(selection: ResolvedSelection, rows: Sequence[Mapping[str, Any]]) -> list[dict]:
    """Rows read by the store, encoded as JSON records in selection order."""
    encode = record_encoder(selection)
    return [encode(row) for row in rows]


def encode_record(selection: ResolvedSelection, row: Mapping[str, Any]) -> dict:
    """One row as a JSON record; nested selections are encoded recursively."""
    return record_encoder(selection)(row)


def record_encoder(selection: ResolvedSelection) -> Callable[[Mapping[str, Any]], dict]:
    """A function encoding one row of ``selection``: field encoders looked up once, not per row."""
    plan = tuple((resolved.name, _field_encoder(resolved)) for resolved in selection.fields)
    return lambda row: {name: encode(row.get(name, False)) for name, encode in plan}


def _field_encoder(resolved: ResolvedField) -> Encoder:
    if resolved.nested is None:
        return plain_value_encoder(resolved.field)
    encode_row = record_encoder(resolved.nested)
    # Rows of a page share their related records (one company, a few tags): the store hands
    # the same mapping to every row that points at it, so each is encoded once. The memo
    # keeps the mapping itself alongside, so its id() cannot be reused while it lives.
    memo: dict[int, tuple[Mapping[str, Any], dict]] = {}

    def encode_nested(item: Mapping[str, Any]) -> dict:
        known = memo.get(id(item))
        if known is None or known[0] is not item:
            known = memo[id(item)] = (item, encode_row(item))
        return known[1]

    def encode(raw: Any) -> Any:
        if isinstance(raw, list):
            return [encode_nested(item) for item in raw]
        if isinstance(raw, Mapping):
            return encode_nested(raw)
        return None
    return encode
