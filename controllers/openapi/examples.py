"""Examples for the OpenAPI document (issue 22, item 3): every parameter and body, so that a Postman or
Insomnia import, or Swagger UI's "Try it out", sends a request the server accepts.

They are written for the demo data (``make demo``), in the order a converted collection runs
them: record 2 exists in the common models (on Odoo too: the admin user, a partner); the delete
examples name records the demo can delete (6: a contact, a product, the demo user; 7: one more,
or the user the collection's create made); the download names the demo partner with an image; a
method call is ``name_search``, which every Odoo model has. Values follow the field types; a
create names the fields it must (``NewValues.required``) and ``name`` where there is one. On
another database, replace the ids: they name records, and the delete examples delete them.
"""
from __future__ import annotations

from collections.abc import Collection

from ...domain.model_info import FieldInfo, ModelInfo

RECORD_ID = 2
BINARY_ID = 5  # the demo partner with an image (Azure Interior)
DELETED_ID = 6
DELETED_IDS = "7"
METHOD = "name_search"
DOMAIN = [["id", "!=", 0]]
CONTEXT = {"active_test": True}
# A tag no record version has: If-None-Match answers 200 with the record.
UNKNOWN_TAG = '"0"'

_BY_TYPE: dict[str, object] = {
    "boolean": True, "integer": 1, "float": 1.5, "monetary": 10.0, "date": "2024-01-31",
    "datetime": "2024-01-31T12:00:00Z", "many2one": 1, "html": "<p>Example</p>", "many2one_reference": 1,
    "reference": "res.partner,1", "binary": "", "one2many": [], "many2many": [],
}


def field_example(field: FieldInfo, suffix: str = "") -> object:
    """A value of ``field``'s type: its first selection key, a label-based text, a number…"""
    if field.type == "selection":  # keys computed at run time: any text
        return field.selection[0][0] if field.selection else "example"
    if field.type in ("char", "text"):
        return f"Example {field.string or field.name}{suffix}"
    return _BY_TYPE.get(field.type, "Example")  # other types (json, properties…) take any JSON


def values_example(writable: list[FieldInfo], required: Collection[str], suffix: str = "") -> dict:
    """Create or update values: the ``required`` fields and ``name``, each with a value of its type."""
    chosen = [field for field in writable if field.name in required or field.name == "name"]
    return {field.name: field_example(field, suffix) for field in chosen or writable[:1]}  # an update names one


def selection_example(model: ModelInfo, sensitive: Collection[str]) -> str:
    """A ``query`` of the model's id and display name (or id alone)."""
    shown = model.field("display_name")
    return "{id, display_name}" if shown is not None and shown.readable and "display_name" not in sensitive \
        else "{id}"
