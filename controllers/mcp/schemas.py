"""The JSON Schemas of the MCP tools' inputs and outputs, built from the OpenAPI document's own
(typed domains, relation commands, record ids): one definition, two documents.

A tool's ``inputSchema`` stands alone: the component schemas it uses are copied into its
``$defs`` and its ``$ref``s point there.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...domain.limits import AGENT_PAGE_SIZE, INT4_MAX, MODEL_NAME_PATTERN, NAME_LENGTH
from ..openapi.query_language import DOMAIN, odoo_command_schema, query_language_schemas
from ..openapi.refs import COMPONENT_SCHEMAS, schema_ref
from ..openapi.schema import RECORD_IDS, RELATION_OPERATIONS, relation_value_schemas

DEFS = "#/$defs/"
_COMPONENTS = {**query_language_schemas(), **relation_value_schemas()}
ID = {"type": "integer", "minimum": 1, "maximum": INT4_MAX}
IDS = {"type": "array", "items": ID, "minItems": 1}
QUERY = {"type": "string", "description": "Field selection, e.g. `{id, name, partner_id{display_name}}`; "
                                          "`{*}` for every field"}
ORDER = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
         "description": "Order, e.g. `name desc, id` or `[\"name desc\", \"id\"]`"}
# What one field of ``values`` may hold: a scalar, or for an x2many the same forms REST takes.
FIELD_VALUE = {"description": "A field's value; an x2many takes ids, Odoo commands or named operations",
               "anyOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}, {"type": "null"},
                         schema_ref(RECORD_IDS), {"type": "array", "items": odoo_command_schema()},
                         schema_ref(RELATION_OPERATIONS)]}
VALUES = {"type": "object", "description": "Field values by field name (see describe_model)",
          "additionalProperties": FIELD_VALUE}


def model_schema(models: Sequence[str] | None) -> dict:
    """A model name: any (``models`` None) or one of the few a restricted key may use."""
    if models is not None:
        return {"type": "string", "enum": list(models), "description": "The model's technical name"}
    return {"type": "string", "pattern": f"^{MODEL_NAME_PATTERN}$", "maxLength": NAME_LENGTH,
            "description": "The model's technical name, e.g. `res.partner` (see list_models)"}


def domain_schema() -> dict:
    return schema_ref(DOMAIN)


def page_schemas(max_limit: int) -> dict[str, dict]:
    return {"limit": {"type": "integer", "minimum": 1, "maximum": max_limit, "default": AGENT_PAGE_SIZE,
                      "description": f"Records per page (default {AGENT_PAGE_SIZE}, at most {max_limit})"},
            "page": {"type": "integer", "minimum": 1, "default": 1, "description": "Page number, from 1"}}


def object_schema(properties: dict[str, dict], required: Sequence[str] = ()) -> dict:
    """A tool's input schema: these properties, no others, with the definitions they use."""
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return standalone(schema)


def standalone(schema: dict) -> dict:
    """``schema`` with each component it refers to (and theirs) under ``$defs``, refs rewritten."""
    used: dict[str, Any] = {}
    pending = [schema]
    while pending:
        for name in _refs(pending.pop()):
            if name not in used:
                used[name] = _COMPONENTS[name]
                pending.append(_COMPONENTS[name])
    result = localized(schema)
    if used:
        result["$defs"] = {name: localized(part) for name, part in sorted(used.items())}
    return result


def _refs(value: Any) -> set[str]:
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith(COMPONENT_SCHEMAS):
                found.add(ref[len(COMPONENT_SCHEMAS):])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def localized(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: (DEFS + item[len(COMPONENT_SCHEMAS):] if key == "$ref" and isinstance(item, str)
                      and item.startswith(COMPONENT_SCHEMAS) else localized(item))
                for key, item in value.items()}
    if isinstance(value, list):
        return [localized(item) for item in value]
    return value


def output_object(properties: dict[str, dict], required: Sequence[str]) -> dict:
    """A tool's output schema (plain: clients validate it without resolving references)."""
    return {"type": "object", "properties": properties, "required": list(required)}


RECORDS = {"type": "array", "items": {"type": "object"}}
PAGINATION = output_object({
    "page": {"type": "integer"}, "limit": {"type": "integer"}, "returned": {"type": "integer"},
    "total": {"type": "integer"}, "truncated": {"type": "boolean"},
    "next_page": {"type": ["integer", "null"]}}, ["page", "limit", "returned", "total", "truncated", "next_page"])
