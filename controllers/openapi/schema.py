"""JSON Schemas (OpenAPI 3.1, JSON Schema 2020-12) of field values, read and written (spec §4).

Decisions: a value Odoo may leave empty is ``null``-able; integers and ids carry the int4
bounds the API checks; an x2many input is an ``anyOf`` (not a ``oneOf``) because ``[]``
is both an empty list of ids and an empty list of commands.
"""
from __future__ import annotations

from typing import Any

from ...domain.commands import OPERATION_ORDER
from ...domain.model_info import FieldInfo
from ...domain.limits import INT4_MAX, INT4_MIN
from .query_language import odoo_command_schema
from .refs import COMPONENT_SCHEMAS, EXTERNAL_ID_REFERENCE, REFERENCE_OBJECT, schema_ref

__all__ = ["COMPONENT_SCHEMAS", "schema_ref"]  # their home is refs.py; imported from here too

NESTED_RECORD = "NestedRecord"
RECORD_IDS = "RecordIds"
RELATION_OPERATIONS = "RelationOperations"


def _nullable(json_type: str, **keywords) -> dict:
    return {"type": [json_type, "null"], **keywords}


_INTEGER = {"minimum": INT4_MIN, "maximum": INT4_MAX}

# What ``read`` answers for each scalar type; unknown types (properties, json, …) are ``{}``.
_READ_SCALARS: dict[str, dict] = {
    "char": _nullable("string"), "text": _nullable("string"), "html": _nullable("string"),
    "reference": _nullable("string"),
    "boolean": {"type": "boolean"},
    "integer": _nullable("integer"), "many2one_reference": _nullable("integer"),
    "float": _nullable("number"), "monetary": _nullable("number"),
    "date": _nullable("string", format="date"),
    "datetime": _nullable("string", format="date-time"),
    "binary": _nullable("string", contentEncoding="base64"),
}

# What ``create``/``write`` accept for each scalar type; ``null`` clears any of them.
_WRITE_SCALARS: dict[str, dict] = {
    **_READ_SCALARS,
    "boolean": _nullable("boolean"),
    "integer": _nullable("integer", **_INTEGER), "many2one_reference": _nullable("integer", **_INTEGER),
    "many2one": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": INT4_MAX},
                           schema_ref(EXTERNAL_ID_REFERENCE), {"type": "null"}]},
    "reference": _nullable("string", pattern=r"^[A-Za-z0-9_.]+,[0-9]{1,10}$"),
}


def _labelled(field: FieldInfo, schema: dict) -> dict:
    """``schema`` with the field's label and help, as Odoo shows them."""
    labels = {"title": field.string} if field.string else {}
    if field.help:
        labels["description"] = field.help
    return {**labels, **schema}


def _selection(field: FieldInfo) -> dict:
    keys = [key for key, _label in field.selection]
    if not keys:  # computed at run time: Odoo checks the value itself
        return _nullable("string")
    return {"type": ["string", "null"], "enum": [*keys, None]}


def read_schema(field: FieldInfo, nested: str | None = None) -> dict:
    """The schema of ``field`` in a record the API answers.

    ``nested`` names the component schema of the related record (None: ``NestedRecord``);
    a relational field is an id (or ids) or, under a nested selection, objects.
    """
    related = schema_ref(nested or NESTED_RECORD)
    schema: dict[str, Any]
    if field.type == "many2one":
        schema = {"anyOf": [_nullable("integer"), related]}
    elif field.is_x2many:
        schema = {"type": "array", "items": {"anyOf": [{"type": "integer"}, related]}}
    elif field.type == "selection":
        schema = _selection(field)
    elif field.name == "id":
        schema = {"type": "integer"}
    else:
        schema = dict(_READ_SCALARS.get(field.type, {}))
    return _labelled(field, schema)


def write_schema(field: FieldInfo) -> dict:
    """The schema of ``field`` in the values of a create or an update.

    Labels and help are left to the record schema: repeating them doubles a large document.
    A required field cannot be cleared: the server refuses its ``null``, so does the schema.
    """
    if field.is_x2many:
        schema = {"anyOf": [schema_ref(RECORD_IDS),
                            {"type": "array", "items": odoo_command_schema()},
                            schema_ref(RELATION_OPERATIONS), {"type": "null"}]}
    elif field.type == "selection":
        schema = _selection(field)
    else:
        schema = dict(_WRITE_SCALARS.get(field.type, {}))
    return _not_null(schema) if field.required else schema


def _not_null(schema: dict) -> dict:
    """``schema`` without its ``null``: the type, the enum value or the ``anyOf`` form."""
    result = dict(schema)
    if isinstance(result.get("type"), list):
        kept = [name for name in result["type"] if name != "null"]
        result["type"] = kept[0] if len(kept) == 1 else kept
    if "enum" in result:
        result["enum"] = [value for value in result["enum"] if value is not None]
    if "anyOf" in result:
        result["anyOf"] = [form for form in result["anyOf"] if form != {"type": "null"}]
    return result


def relation_value_schemas() -> dict[str, dict]:
    """The shared component schemas of x2many inputs and nested records."""
    ids = schema_ref(RECORD_IDS)
    objects = {"type": "array", "items": {"type": "object"}}
    updates = {"type": "array",
               "items": {"type": "object", "required": ["id"],
                         "properties": {"id": {"type": "integer", "minimum": 1, "maximum": INT4_MAX}}}}
    forms = {"link": ids, "unlink": ids, "delete": ids, "set": ids, "create": objects,
             "update": updates, "clear": {"type": "boolean", "enum": [True]}}
    operations = {name: forms[name] for name in OPERATION_ORDER}
    return {
        RECORD_IDS: {"type": "array", "description": "Record ids (replaces the relation, like `set`)",
                     "items": {"type": "integer", "minimum": 1, "maximum": INT4_MAX}},
        EXTERNAL_ID_REFERENCE: REFERENCE_OBJECT,
        RELATION_OPERATIONS: {"type": "object", "additionalProperties": False,
                              "description": "Applied in this order: " + ", ".join(OPERATION_ORDER),
                              "properties": operations},
        NESTED_RECORD: {"type": "object",
                        "description": "A related record: its id, and the fields its nested selection asks, "
                                       "e.g. `partner_id{display_name}`; its model's own document describes them",
                        "properties": {"id": {"type": "integer"}, "display_name": {"type": ["string", "null"]}}},
    }
