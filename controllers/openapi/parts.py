"""Reusable parts of the OpenAPI document: parameters, request bodies, each model's schemas."""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from ...domain.external_ids import EXTERNAL_ID
from ...domain.model_info import FieldInfo, ModelInfo
from ...domain.idempotency import MAX_KEY_LENGTH
from ...domain.preconditions import MAX_HEADER_LENGTH
from . import examples
from .query_language import DOMAIN, query_language_schemas
from .refs import EXTERNAL_ID_TEXT
from .schema import read_schema, schema_ref, write_schema
from ...domain.pagination import MAX_PAGE
from ...domain.settings import ApiSettings
from ...domain.limits import IDENTIFIER_PATTERN, INT4_MAX
from ...application.metadata import FIELD_ATTRIBUTES
from ...application.write_values import MAGIC_FIELDS

COMPONENT_PARAMETERS = "#/components/parameters/"
CONTEXT = "Context"
# A record id in a list: 1 to 999,999,999 (a subset of int4 that a pattern can say).
ID_TEXT = "[1-9][0-9]{0,8}"
# RFC 9110 If-Match / If-None-Match: ``*`` or quoted entity tags, as domain/preconditions reads them.
_TAG = '(W/)?"[\\x21\\x23-\\x7e]*"'
ENTITY_TAGS = f"^(\\*|{_TAG}( *, *{_TAG})*)$"


def parameter_ref(name: str) -> dict:
    """A ``$ref`` to the reusable parameter ``name``."""
    return {"$ref": COMPONENT_PARAMETERS + name}


def _query(name: str, description: str, schema: dict, **extra) -> dict:
    return {"name": name, "in": "query", "description": description, "schema": schema, **extra}


def comma_list_parameter(name: str, description: str, choices: Sequence[str] = (), item: str = "",
                         most: int | None = None, empty: bool = False, **extra) -> dict:
    """A query parameter holding a list sent as ``a,b,c``: a string whose pattern is the list's grammar.

    Not an array with ``explode: false``: openapi-python-client 0.29 ignores ``explode`` and sends
    ``?a=1&a=2``, of which the server reads the first (issue 22).
    """
    return _query(name, description, {"type": "string", "pattern": comma_list_pattern(choices, item, most, empty)},
                  **extra)


def comma_list_pattern(choices: Sequence[str] = (), item: str = "", most: int | None = None,
                       empty: bool = False) -> str:
    """The pattern of ``a,b,c`` whose items are one of ``choices`` (or match ``item``), at most ``most``
    (``empty``: the empty text too, which the parameter's parser reads as absent)."""
    one = "(" + "|".join(re.escape(choice) for choice in choices) + ")" if choices else f"({item})"
    more = "*" if most is None else f"{{0,{most - 1}}}"
    return f"^({one}(,{one}){more}){'?' if empty else ''}$"


def json_parameter(name: str, description: str, schema: dict, example: object) -> dict:
    """A query parameter whose value is JSON text: ``content: application/json`` with its schema and
    an example (the media type's: a parameter with ``content`` has none of its own)."""
    return {"name": name, "in": "query", "description": description,
            "content": {"application/json": {"schema": schema, "example": example}}}


# The query parameters whose value is JSON text. Inline in each operation, never ``$ref``-ed:
# openapi-python-client 0.29 drops an operation whose referenced parameter has no ``schema``
# (it leaves an inline one out of its client, which still has the search body for domains).
JSON_PARAMETERS = {
    "filter": json_parameter("filter", 'An Odoo domain as JSON, e.g. `[["name", "ilike", "desk"]]`',
                             schema_ref(DOMAIN), example=examples.DOMAIN),
    "context": json_parameter("context", "Context keys as a JSON object (see the `Context` schema)",
                              schema_ref(CONTEXT), example=examples.CONTEXT),
}


def parameter(name: str) -> dict:
    """A parameter by name: a JSON one inline, any other as a ``$ref`` to the shared one."""
    return JSON_PARAMETERS.get(name) or parameter_ref(name)


def shared_parameters(settings: ApiSettings) -> dict[str, dict]:
    """``components/parameters``: the query and path parameters every model shares."""
    sizes = {"type": "integer", "minimum": 1, "maximum": settings.max_limit}
    caps = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
    text = {"type": "string"}
    ids = ("Record ids, comma-separated: `1,2,3` (a JSON list `[1,2,3]` is read too)",
           (), ID_TEXT, settings.max_ids)
    return {
        "order": _query("order", 'Order: `name desc, id` or `["name desc", "id"]`', text, example="id desc"),
        "limit": _query("limit", "Without `page_size`: the records of the one page, at most "
                        f"{settings.max_limit} (the default). With `page_size`: caps the whole result set "
                        "before paging; without it, paging reaches every matching record", caps, example=10),
        "page_size": _query("page_size", f"Records per page, at most {settings.max_limit}; `total_pages` and "
                            "`next_page` cover every matching record (or the `limit` sent)", sizes, example=10),
        "page": _query("page", "Page number, from 1 (needs `page_size`)",
                       {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, example=1),
        # No example: ?id= and a body filter exclude each other, and the update's example is the filter.
        "ids": comma_list_parameter("id", *ids),
        "required_ids": comma_list_parameter("id", *ids, required=True, example=examples.DELETED_IDS),
        "attributes": comma_list_parameter("attributes", "Field attributes to describe, comma-separated "
                                           "(default: all)", FIELD_ATTRIBUTES, example="type,string"),
        "id": id_parameter(examples.RECORD_ID),
        **conditional_parameters(),
        "function": {"name": "function", "in": "path", "required": True,
                     "description": "A public method of the model",
                     "schema": {"type": "string", "maxLength": 128,
                                "pattern": f"^{IDENTIFIER_PATTERN}$"}, "example": examples.METHOD},
    }


def id_parameter(example: int) -> dict:
    """The ``{id}`` path parameter, with ``example``."""
    return {"name": "id", "in": "path", "required": True,
            "description": "Record id, or one of its external ids (module.name)",
            "schema": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": INT4_MAX}, EXTERNAL_ID_TEXT]},
            "example": example}


def conditional_parameters() -> dict[str, dict]:
    """The request headers of conditional and idempotent requests (spec §16, §17)."""
    tags = {"type": "string", "maxLength": MAX_HEADER_LENGTH, "pattern": ENTITY_TAGS}
    return {
        "if_match": {"name": "If-Match", "in": "header", "schema": tags, "example": "*",
                     "description": "Write only if the record is still at this version: `*` or "
                                    "the `ETag` of an earlier answer (else 412, nothing written)"},
        "if_none_match": {"name": "If-None-Match", "in": "header", "schema": tags, "example": examples.UNKNOWN_TAG,
                          "description": "The `ETag` the client holds: 304 without a body when "
                                         "the record has not changed since"},
        "idempotency_key": {"name": "Idempotency-Key", "in": "header",
                            # printable ASCII, not blank (a blank key is a 400), no space at either end
                            "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH,
                                       "pattern": "^[!-~]([ -~]*[!-~])?$"},
                            # No example: a key is the client's own, new for each request.
                            "description": "Run this write at most once: the same key and request "
                                           "again replays the first answer (`Idempotent-Replayed: "
                                           "true`); another request with the key: 422"},
    }


# The types of the default context keys; keys an administrator adds may hold anything.
_CONTEXT_TYPES = {"lang": {"type": ["string", "null"]},
                  "tz": {"type": ["string", "null"], "minLength": 1, "maxLength": 64},
                  "active_test": {"type": "boolean"},
                  "allowed_company_ids": {"type": "array", "minItems": 1,
                                          "items": {"type": "integer", "minimum": 1, "maximum": INT4_MAX}}}


def shared_schemas(settings: ApiSettings, languages: Collection[str]) -> dict[str, dict]:
    """The body parts every model shares: the context object, a domain and a relation command."""
    types = {**_CONTEXT_TYPES, **({"lang": {"enum": [*sorted(languages), None]}} if languages else {})}
    context = {"type": ["object", "null"], "additionalProperties": False,
               "description": "Context keys passed to Odoo (an allow-list); null: none",
               "properties": {key: types.get(key, {}) for key in sorted(settings.context_keys)}}
    return {CONTEXT: context, **query_language_schemas()}


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


def selection_name(model: str) -> str:
    """The component name of a model's ``query`` selection schema."""
    return f"{model}.Selection"


def query_parameter(model: str) -> dict:
    """A ``$ref`` to a model's ``query`` parameter (``model_parameters``)."""
    return parameter_ref(f"{model}.query")


def model_parameters(model: ModelInfo, sensitive: Collection[str]) -> dict[str, dict]:
    """``components/parameters`` of one model: its ``query``, whose pattern names its fields."""
    return {f"{model.name}.query": _query("query", "Field selection, e.g. `{id, name, company_id{display_name}}`; "
                                          "none means `{*}`", schema_ref(selection_name(model.name)),
                                          example=examples.selection_example(model, sensitive))}


def new_values_name(model: str) -> str:
    """The component name of a model's create values (required fields required)."""
    return f"{model}.NewValues"


def required_on_create(writable: list[FieldInfo]) -> list[str]:
    """The fields a create must name: required, not filled by the server (a required boolean is
    satisfied by false, which Odoo writes by default)."""
    return [field.name for field in writable if field.required and field.type != "boolean" and not field.has_default]


def model_schemas(model: ModelInfo, sensitive: Collection[str]) -> dict:
    """A model's record, update values and create values schemas.

    A related record is the light ``NestedRecord`` (id, display name, what its nested
    selection asks), never the related model's own schema: inlining those pulled dozens
    of models, with cycles, into each operation and froze Swagger UI on large databases.
    """
    readable = readable_fields(model, sensitive)
    record = {"type": "object", "description": model.description,
              "properties": {field.name: read_schema(field) for field in readable}}
    if model.field("id") is not None:
        record["required"] = ["id"]
    writable = writable_fields(model, sensitive)
    properties = {field.name: write_schema(field) for field in writable}
    values = {"type": "object", "additionalProperties": False, "properties": properties}
    # The create values repeat the properties rather than an ``allOf`` of one (a composition
    # generators name oddly).
    required = required_on_create(writable)
    # A new record may be given its external id (issue 24); so may an upserted row.
    upsert_values = {**values, "properties": {**properties, EXTERNAL_ID: EXTERNAL_ID_TEXT}}
    new_values: dict[str, Any] = {**upsert_values, "required": required} if required else dict(upsert_values)
    return {record_name(model.name): record, values_name(model.name): values,
            new_values_name(model.name): new_values, upsert_values_name(model.name): upsert_values}


def upsert_values_name(model: str) -> str:
    """The component name of a row of a model's upsert (update values and an external id)."""
    return f"{model}.UpsertValues"
