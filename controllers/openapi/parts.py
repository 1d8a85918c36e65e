"""Reusable parts of the OpenAPI document: parameters, request bodies, each model's schemas."""
from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ...domain.model_info import FieldInfo, ModelInfo
from .schema import read_schema, schema_ref, write_schema
from ...domain.pagination import MAX_PAGE
from ...domain.settings import ApiSettings
from ...domain.limits import IDENTIFIER_PATTERN, INT4_MAX
from ...application.metadata import FIELD_ATTRIBUTES
from ...application.write_values import MAGIC_FIELDS

COMPONENT_PARAMETERS = "#/components/parameters/"
CONTEXT = "Context"
DOMAIN = "Domain"


def parameter_ref(name: str) -> dict:
    """A ``$ref`` to the reusable parameter ``name``."""
    return {"$ref": COMPONENT_PARAMETERS + name}


def _query(name: str, description: str, schema: dict, **extra) -> dict:
    return {"name": name, "in": "query", "description": description, "schema": schema, **extra}


def comma_list_parameter(name: str, description: str, items: dict) -> dict:
    """A query parameter holding an array sent as ``a,b,c``."""
    return _query(name, description, {"type": "array", "minItems": 1, "items": items},
                  style="form", explode=False)


def shared_parameters(settings: ApiSettings) -> dict[str, dict]:
    """``components/parameters``: the query and path parameters every model shares."""
    sizes = {"type": "integer", "minimum": 1, "maximum": settings.max_limit}
    caps = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
    text = {"type": "string"}
    return {
        "query": _query("query", "Field selection, e.g. `{id, name, company_id{name}}`; none means `{*}`", text),
        "filter": _query("filter", 'An Odoo domain as JSON, e.g. `[["name", "ilike", "desk"]]`', text),
        "order": _query("order", 'Order: `name desc, id` or `["name desc", "id"]`', text),
        "limit": _query("limit", "Without `page_size`: the records of the one page, at most "
                        f"{settings.max_limit} (the default). With `page_size`: caps the whole result set "
                        "before paging; without it, paging reaches every matching record", caps),
        "page_size": _query("page_size", f"Records per page, at most {settings.max_limit}; `total_pages` and "
                            "`next_page` cover every matching record (or the `limit` sent)", sizes),
        "page": _query("page", "Page number, from 1 (needs `page_size`)",
                       {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}),
        "context": _query("context", "Context keys as a JSON object: "
                          + ", ".join(f"`{key}`" for key in sorted(settings.context_keys)), text),
        "ids": _query("id", "Record ids: `[1,2,3]` or `1,2,3`", text),
        "required_ids": _query("id", "Record ids: `[1,2,3]` or `1,2,3`", text, required=True),
        "attributes": comma_list_parameter("attributes", "Field attributes to describe (default: all)",
                                           {"enum": list(FIELD_ATTRIBUTES)}),
        "id": {"name": "id", "in": "path", "required": True, "description": "Record id",
               "schema": {"type": "integer", "minimum": 1, "maximum": INT4_MAX}},
        **conditional_parameters(),
        "function": {"name": "function", "in": "path", "required": True,
                     "description": "A public method of the model",
                     "schema": {"type": "string", "maxLength": 128,
                                "pattern": f"^{IDENTIFIER_PATTERN}$"}},
    }


def conditional_parameters() -> dict[str, dict]:
    """The request headers of conditional and idempotent requests (spec §16, §17)."""
    tags = {"type": "string", "maxLength": 8192}
    return {
        "if_match": {"name": "If-Match", "in": "header", "schema": tags,
                     "description": "Write only if the record is still at this version: `*` or "
                                    "the `ETag` of an earlier answer (else 412, nothing written)"},
        "if_none_match": {"name": "If-None-Match", "in": "header", "schema": tags,
                          "description": "The `ETag` the client holds: 304 without a body when "
                                         "the record has not changed since"},
        "idempotency_key": {"name": "Idempotency-Key", "in": "header",
                            "schema": {"type": "string", "minLength": 1, "maxLength": 255,
                                       "pattern": "^[ -~]+$"},
                            "description": "Run this write at most once: the same key and request "
                                           "again replays the first answer (`Idempotent-Replayed: "
                                           "true`); another request with the key: 422"},
    }


# The types of the default context keys; keys an administrator adds may hold anything.
_CONTEXT_TYPES = {"lang": {"type": "string"}, "tz": {"type": "string", "minLength": 1, "maxLength": 64},
                  "active_test": {"type": "boolean"},
                  "allowed_company_ids": {"type": "array", "minItems": 1, "items": {"type": "integer"}}}


def shared_schemas(settings: ApiSettings, languages: Collection[str]) -> dict[str, dict]:
    """The body parts every model shares: the context object and a domain."""
    types = {**_CONTEXT_TYPES, **({"lang": {"enum": sorted(languages)}} if languages else {})}
    context = {"type": "object", "additionalProperties": False,
               "description": "Context keys passed to Odoo (an allow-list)",
               "properties": {key: types.get(key, {}) for key in sorted(settings.context_keys)}}
    domain = {"type": "array", "description": 'An Odoo domain, e.g. [["name", "ilike", "desk"]]',
              "items": {"anyOf": [{"enum": ["&", "|", "!"]},
                                  {"type": "array", "minItems": 3, "maxItems": 3}]}}
    return {CONTEXT: context, DOMAIN: domain}


def readable_fields(model: ModelInfo, sensitive: Collection[str]) -> list[FieldInfo]:
    """The fields a client may read: readable by the user and not sensitive."""
    return [field for field in model.fields.values() if field.readable and field.name not in sensitive]


def writable_fields(model: ModelInfo, sensitive: Collection[str]) -> list[FieldInfo]:
    """The fields a client may write: readable, not sensitive, not read-only, not Odoo's own."""
    return [field for field in readable_fields(model, sensitive)
            if not field.readonly and field.name not in MAGIC_FIELDS]


def record_name(model: str) -> str:
    """The component name of a model's record schema, e.g. ``res.partner.Record``."""
    return f"{model}.Record"


def values_name(model: str) -> str:
    """The component name of a model's update values."""
    return f"{model}.Values"


def new_values_name(model: str) -> str:
    """The component name of a model's create values (required fields required)."""
    return f"{model}.NewValues"


def model_schemas(model: ModelInfo, sensitive: Collection[str]) -> dict:
    """A model's record, update values and create values schemas.

    A related record is the light ``NestedRecord`` (id, display name, what its nested
    selection asks), never the related model's own schema: inlining those pulled dozens
    of models, with cycles, into each operation and froze Swagger UI on large databases.
    """
    readable = readable_fields(model, sensitive)
    record = {"type": "object", "title": model.description,
              "properties": {field.name: read_schema(field) for field in readable}}
    if model.field("id") is not None:
        record["required"] = ["id"]
    writable = writable_fields(model, sensitive)
    values = {"type": "object", "additionalProperties": False,
              "properties": {field.name: write_schema(field) for field in writable}}
    # A required boolean is satisfied by false, which Odoo writes by default.
    required = [field.name for field in writable if field.required and field.type != "boolean"]
    new_values: dict[str, Any] = {"allOf": [schema_ref(values_name(model.name))]}
    if required:
        new_values["required"] = required
    return {record_name(model.name): record, values_name(model.name): values,
            new_values_name(model.name): new_values}
