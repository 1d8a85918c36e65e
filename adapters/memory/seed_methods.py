"""Methods registered on the demo models: ``fn(store, ids, *args, **kwargs)``, like Odoo's public ones."""
from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from ...domain.errors import ValidationError
from ...domain.resolution import ResolvedField, ResolvedSelection
from .schema import MAGIC_FIELDS, ModelSchema


def name_search(model, store, ids, name="", args=None, operator="ilike", limit=100) -> list[list]:
    """``[[id, display_name], ...]`` of the ``model`` records whose name matches, in the model's order
    (a model method every Odoo model has; registered with the model bound, ``partial(name_search,
    model)``; Odoo's limit 0 or None is no limit)."""
    if not isinstance(name, str) or not (limit is None or isinstance(limit, int)):
        raise ValidationError("name_search takes a string name and an integer limit")
    domain = list(args or [])
    if name:
        domain.append(["display_name", operator, name])
    ids_only = ResolvedSelection(model, (ResolvedField(store.database.model(model).fields["id"].info),))
    rows = store.search_read(model, domain, ids_only, None, 0, limit or None)
    return [[row["id"], _display_name(store, model, row["id"])] for row in rows]


def toggle_active(store, ids) -> None:
    """Archive the active records and restore the archived ones (a record method)."""
    for rid in ids:
        row = store.database.row("res.partner", rid)
        store.write("res.partner", [rid], {"active": not row.get("active")})


def copy_records(store, ids, default=None) -> list[int]:
    """Duplicate the product templates with ``default`` overriding values; the new ids.

    Like Odoo, the name gets `` (copy)`` and the unique ``default_code`` is not copied.
    """
    if default is not None and not isinstance(default, Mapping):
        raise ValidationError("copy: 'default' must be a dict of field values")
    schema = store.database.model("product.template")
    copies = []
    for rid in ids:
        row = store.database.row("product.template", rid)
        values = {**copy_values(schema, row), "name": f"{row['name']} (copy)", "default_code": False}
        copies.append({**values, **(default or {})})
    return store.create("product.template", copies)


def copy_values(schema: ModelSchema, row: Mapping[str, Any]) -> dict[str, Any]:
    """The write values that would recreate ``row`` (stored fields, one2many left out)."""
    values: dict[str, Any] = {}
    for spec in schema.stored_fields():
        if spec.name in MAGIC_FIELDS or spec.type == "one2many":
            continue
        stored = row.get(spec.name)
        if spec.type == "many2many":
            values[spec.name] = [(6, 0, list(stored or []))]
        elif spec.type == "binary" and stored is not None:
            values[spec.name] = base64.b64encode(stored).decode("ascii")
        else:
            values[spec.name] = False if stored is None else stored
    return values


def _display_name(store, model: str, record_id: int) -> Any:
    spec = store.database.model(model).fields["display_name"]
    return spec.compute(store.database, store.database.row(model, record_id))
