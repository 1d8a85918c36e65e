"""A page of plain stored fields in one query, with ``read``'s values but not its per-value cost.

``search_fetch`` applies the record rules and field access rights and loads the columns into
the ORM cache, as Odoo's own ``search_read`` does. The values are then taken from the cache
column by column and converted as ``read(load=None)`` would convert them, instead of through a
record and a field descriptor for every value. Anything else (nested selections, x2many,
binary, html, monetary, computed-on-read fields) goes through ``web_read``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xmlrpc.client import MAXINT

from ...domain.resolution import ResolvedSelection


def _or_false(value: Any) -> Any:
    return False if value is None else value


def _integer(value: Any) -> Any:
    value = value or 0
    return float(value) if value > MAXINT else value  # as Integer.convert_to_read


def _float(value: Any) -> Any:
    return value or 0.0


# Cache value → what ``read(load=None)`` returns (convert_to_record, then convert_to_read).
_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "char": _or_false, "text": _or_false, "selection": _or_false, "boolean": _or_false,
    "date": _or_false, "datetime": _or_false, "many2one": _or_false,
    "integer": _integer, "float": _float,
}


def flat_fields(model, selection: ResolvedSelection) -> list | None:
    """The Odoo fields of ``selection`` (``id`` aside) when all are plain stored columns; else None."""
    fields = []
    for resolved in selection.fields:
        if resolved.name == "id":
            continue
        field = model._fields.get(resolved.name)
        if (resolved.nested is not None or field is None or field.type not in _CONVERTERS
                or not field.store or not field.column_type or callable(field.translate)):
            return None
        fields.append(field)
    return fields


def read_flat_page(model, fields: list, domain: list, offset: int, limit: int | None,
                   order: str | None) -> list[dict]:
    """The matching records' ``fields`` as ``read(load=None)`` rows, in one query."""
    records = model.search_fetch(domain, [field.name for field in fields], offset=offset, limit=limit,
                                 order=order)
    rows = [{"id": record_id} for record_id in records._ids]
    cache = records.env.cache
    for field in fields:
        values = cache.get_until_miss(records, field)
        if len(values) < len(rows):  # not all in the cache (cannot happen after the fetch): as read does
            values = [row[field.name] for row in records._read_format([field.name], load=None)]
        else:
            convert = _CONVERTERS[field.type]
            values = [convert(value) for value in values]
        for row, value in zip(rows, values):
            row[field.name] = value
    return rows
