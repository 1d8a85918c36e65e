"""Exact JSON Schemas of the query language's values: domains (spec §6) and Odoo relation commands (§7.3).

Decisions (issue 22): tuples are ``prefixItems`` bounded by ``minItems``/``maxItems``, never
``items: false`` — openapi-python-client 0.29 refuses a boolean schema and drops the whole
document — so each tuple is exactly as long as its forms allow; each relation command form
pins its code with ``const``, and the slots Odoo does not read take what the server takes
(``0``, ``false`` or ``null``), so the union is what the server accepts, no more, no less.
"""
from __future__ import annotations

from ...domain.commands import CommandCode
from ...domain.criteria import LOGICAL_ARITY, OPERATORS
from ...domain.limits import INT4_MAX
from .schema import ODOO_COMMAND, schema_ref

DOMAIN = "Domain"
DOMAIN_TERM = "DomainTerm"
FILTER_VALUE = "FilterValue"
_ID = {"type": "integer", "minimum": 1, "maximum": INT4_MAX}
_SCALAR = [{"type": "string"}, {"type": "number"}, {"type": "boolean"}, {"type": "null"}]
# A slot Odoo does not read: the server takes 0, false or null there.
_UNUSED = {"anyOf": [{"const": 0}, {"const": False}, {"type": "null"}]}
_VALUES = {"type": "object", "description": "Field values of the related record"}


def tuple_schema(description: str, *slots: dict, least: int | None = None) -> dict:
    """An array of exactly ``slots`` (the last ones optional down to ``least`` items).

    ``items`` (the union of the slots) says nothing ``maxItems`` does not, but Spectral's
    ``array-items`` asks for it and @hey-api/openapi-ts reads ``{}`` there as one more slot.
    """
    unique = [slot for index, slot in enumerate(slots) if slot not in slots[:index]]
    return {"type": "array", "description": description, "prefixItems": list(slots),
            "items": unique[0] if len(unique) == 1 else {"anyOf": unique},
            "minItems": len(slots) if least is None else least, "maxItems": len(slots)}


def _code(code: CommandCode) -> dict:
    return {"type": "integer", "const": code.value}


def odoo_command_forms() -> list[dict]:
    """The seven forms of ``odoo.fields.Command``, one per code."""
    return [
        tuple_schema("Create a related record: [0, 0, {values}]", _code(CommandCode.CREATE), _UNUSED, _VALUES),
        tuple_schema("Write on a related record: [1, id, {values}]", _code(CommandCode.UPDATE), _ID, _VALUES),
        tuple_schema("Remove and delete a record: [2, id]", _code(CommandCode.DELETE), _ID, _UNUSED, least=2),
        tuple_schema("Remove a record, keep it: [3, id]", _code(CommandCode.UNLINK), _ID, _UNUSED, least=2),
        tuple_schema("Add an existing record: [4, id]", _code(CommandCode.LINK), _ID, _UNUSED, least=2),
        tuple_schema("Remove every record: [5]", _code(CommandCode.CLEAR), _UNUSED, _UNUSED, least=1),
        tuple_schema("Replace by these records: [6, 0, [ids]]", _code(CommandCode.SET), _UNUSED,
               {"type": "array", "items": _ID}),
    ]


def query_language_schemas() -> dict[str, dict]:
    """The component schemas of a domain and of a relation command."""
    value = {"description": "A value compared with the field: a scalar, a list (in, not in), or a domain "
                            "on the related model (any, not any)",
             "anyOf": [*_SCALAR, {"type": "array", "items": {"anyOf": [*_SCALAR, {"type": "array", "items": {}}]}}]}
    term = tuple_schema("A term: [field path, operator, value]",
                  {"type": "string", "minLength": 1, "description": "A field, or a dotted path through relations"},
                  {"type": "string", "enum": sorted(OPERATORS)}, schema_ref(FILTER_VALUE))
    domain = {"type": "array", "description": 'An Odoo domain in prefix notation; terms side by side are and-ed, '
                                              'e.g. [["name", "ilike", "desk"]] or ["|", ["a", "=", 1], ["b", "=", 2]]',
              "items": {"anyOf": [{"type": "string", "enum": list(LOGICAL_ARITY)}, schema_ref(DOMAIN_TERM)]},
              "examples": [[["name", "ilike", "desk"]]]}
    command = {"description": "An Odoo command (odoo.fields.Command), by its code 0 to 6",
               "oneOf": odoo_command_forms()}
    return {DOMAIN: domain, DOMAIN_TERM: term, FILTER_VALUE: value, ODOO_COMMAND: command}
