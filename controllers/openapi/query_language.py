"""Exact JSON Schemas of the query language's values: domains (spec §6) and Odoo relation commands (§7.3).

Decisions (issue 22), each a construct the stock generators translate right:

- A tuple is ``prefixItems`` for all its slots but the last, ``items`` for the last, and
  ``minItems`` = ``maxItems``: exactly the tuple in JSON Schema; @hey-api/openapi-ts types it as
  the tuple (it reads ``items`` as one more slot, and turns a tuple inside a ``oneOf`` whose
  ``items`` is a union into that union); Spectral's ``array-items`` finds its ``items``;
  openapi-python-client 0.29 refuses ``items: false`` (a boolean schema) with the whole document.
- A relation command is one of the seven forms of ``odoo.fields.Command``, each pinning its
  code with ``const``, written as Odoo writes them (the server also reads ``false``/``null`` or
  a trailing ``0`` in the slots Odoo does not read). The forms are inline in each x2many field:
  openapi-python-client 0.29 writes the code of a shared list of unions with the same variable
  names for every field of a model, which mypy refuses (no-redef).
- A command's values are "not a scalar nor an array" (an object, said without ``type:
  object``, which openapi-python-client makes a class its union code then mistypes).
- A filter value nests to a bounded depth (a scalar, a list, a domain of terms with such values
  under ``any``): openapi-python-client drops the operations of a recursive non-object schema.
"""
from __future__ import annotations

from ...domain.commands import CommandCode
from ...domain.criteria import LOGICAL_ARITY, OPERATORS
from ...domain.limits import INT4_MAX
from .refs import schema_ref

DOMAIN = "Domain"
DOMAIN_TERM = "DomainTerm"
FILTER_VALUE = "FilterValue"
# Raw commands take ids only here: a reference by external id in a tuple slot makes the stock
# generators' unions unusable (the server takes one there too: docs/external-ids.md).
_ID = {"type": "integer", "minimum": 1, "maximum": INT4_MAX}
_SCALARS = [{"type": "string"}, {"type": "number"}, {"type": "boolean"}, {"type": "null"}]
_VALUES = {"description": "Field values of the related record (an object)",
           "not": {"anyOf": [*_SCALARS, {"type": "array", "items": {}}]}}


def tuple_schema(description: str, *slots: dict) -> dict:
    """An array of exactly ``slots``: the last one as ``items``, the others as ``prefixItems``."""
    schema = {"type": "array", "description": description, "items": slots[-1],
              "minItems": len(slots), "maxItems": len(slots)}
    if len(slots) > 1:
        schema["prefixItems"] = list(slots[:-1])
    return schema


def _code(code: CommandCode) -> dict:
    return {"type": "integer", "const": code.value}


_ZERO = {"type": "integer", "const": 0}


def odoo_command_schema() -> dict:
    """The seven forms of ``odoo.fields.Command``, one per code (inline in each x2many field)."""
    return {"description": "An Odoo command (odoo.fields.Command), by its code 0 to 6", "oneOf": [
        tuple_schema("Create a related record: [0, 0, {values}]", _code(CommandCode.CREATE), _ZERO, _VALUES),
        tuple_schema("Write on a related record: [1, id, {values}]", _code(CommandCode.UPDATE), _ID, _VALUES),
        tuple_schema("Remove and delete a record: [2, id]", _code(CommandCode.DELETE), _ID),
        tuple_schema("Remove a record, keep it: [3, id]", _code(CommandCode.UNLINK), _ID),
        tuple_schema("Add an existing record: [4, id]", _code(CommandCode.LINK), _ID),
        tuple_schema("Remove every record: [5]", _code(CommandCode.CLEAR)),
        tuple_schema("Replace by these records: [6, 0, [ids]]", _code(CommandCode.SET), _ZERO,
                     {"type": "array", "items": _ID}),
    ]}


def query_language_schemas() -> dict[str, dict]:
    """The component schemas of a domain: the domain, its term and a term's value."""
    listed = {"type": "array", "items": {"anyOf": _SCALARS}}
    nested_term = {"type": "array", "items": {"anyOf": [*_SCALARS, listed]}}
    value = {"description": "A value compared with the field: a scalar, a list (in, not in), or a domain "
                            "on the related model (any, not any)",
             "anyOf": [*_SCALARS, {"type": "array", "items": {"anyOf": [*_SCALARS, nested_term]}}]}
    path = {"type": "string", "minLength": 1, "description": "A field, or a dotted path through relations"}
    term = tuple_schema("A term: [field path, operator, value]", path,
                        {"type": "string", "enum": sorted(OPERATORS)}, schema_ref(FILTER_VALUE))
    domain = {"type": "array", "description": 'An Odoo domain in prefix notation; terms side by side are and-ed, '
                                              'e.g. [["name", "ilike", "desk"]] or ["|", ["a", "=", 1], ["b", "=", 2]]',
              "items": {"anyOf": [{"type": "string", "enum": list(LOGICAL_ARITY)}, schema_ref(DOMAIN_TERM)]},
              "examples": [[["name", "ilike", "desk"]]]}
    return {DOMAIN: domain, DOMAIN_TERM: term, FILTER_VALUE: value}
