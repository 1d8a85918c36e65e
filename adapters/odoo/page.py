"""A page of records for a list: ``web_read``'s answer at ``search_read``'s cost.

``search_fetch`` applies the record rules and field access rights and loads the fields into
the ORM cache in one query, as Odoo's own ``search_read`` does (``web_read`` after a plain
``search`` fetches them again, evaluating the rules a second time). The values are then taken
from the cache field by field and converted as ``read(load=None)`` converts them, instead of
through a record and a field descriptor for every value; fields without such a shortcut go
through ``_read_format``, as in ``read``. Nested selections are read as ``web_read`` reads them:
one batched ``web_read`` of the related records per relation.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xmlrpc.client import MAXINT


def _or_false(value: Any) -> Any:
    return False if value is None else value


def _integer(value: Any) -> Any:
    value = value or 0
    return float(value) if value > MAXINT else value  # as Integer.convert_to_read


def _float(value: Any) -> Any:
    return value or 0.0


# Cache value → what ``read(load=None)`` returns (convert_to_record, then convert_to_read).
SCALARS: dict[str, Callable[[Any], Any]] = {
    "char": _or_false, "text": _or_false, "selection": _or_false, "boolean": _or_false,
    "date": _or_false, "datetime": _or_false, "many2one": _or_false,
    "integer": _integer, "float": _float,
}
X2MANY = ("one2many", "many2many")


def read_page(model, specification: dict, domain: list, offset: int, limit: int | None,
              order: str | None) -> list[dict]:
    """The matching records as ``search(...).web_read(specification)`` answers them."""
    names = [name for name in specification if name != "id"]
    if any(model._fields[name].type == "many2one" and "display_name" in specification[name].get("fields", ())
           for name in names):
        # web_read names such related records as the superuser, even unreadable ones: leave that to Odoo
        return model.search(domain, offset=offset, limit=limit, order=order).web_read(specification)
    records = model.search_fetch(domain, names, offset=offset, limit=limit, order=order)
    rows = [{"id": record_id} for record_id in records._ids]
    for name in names:
        for row, value in zip(rows, _column(records, model._fields[name]), strict=True):
            row[name] = value
    for name in names:
        if "fields" in specification[name]:
            _nest(records, model._fields[name], specification[name]["fields"], rows)
    return rows


def _column(records, field) -> list:
    """``field``'s value for each record, as ``read(load=None)`` gives it."""
    cached = _cached(records, field)
    if cached is None:
        return [row.get(field.name, False) for row in records._read_format([field.name], load=None)]
    if field.type in X2MANY:
        # convert_to_record drops inactive related records; decide for all of them at once
        visible = set(field.convert_to_record_multi(cached, records)._ids)
        return [[i for i in ids if i in visible] for ids in cached]
    convert = SCALARS[field.type]
    return [convert(value) for value in cached]


def _cached(records, field) -> list | None:
    """The cache values of a plain stored field for all ``records``; None when there is no shortcut."""
    plain = field.type in X2MANY or (field.type in SCALARS and field.column_type)
    if not plain or not field.store or field.compute or callable(field.translate):
        return None
    values = records.env.cache.get_until_miss(records, field)
    return values if len(values) == len(records) else None


def _nest(records, field, fields: dict, rows: list[dict]) -> None:
    """Replace related ids by the related records' rows (``web_read``'s own rules)."""
    name = field.name
    related = records[name]
    if field.type == "many2one":
        data = {values["id"]: values for values in related.web_read(fields)}  # no display_name here
        for row in rows:
            if row[name] is not False:
                row[name] = data[row[name]]
        return
    data = {values["id"]: values for values in related.web_read(fields)}
    for row in rows:
        row[name] = [data.get(i) or {"id": i} for i in row[name]]
