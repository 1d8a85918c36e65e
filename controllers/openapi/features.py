"""OpenAPI operations of the v1.1 features of this module: transactions (§18), change feed (§19)."""
from __future__ import annotations

from .envelope import success_response
from .operation import CAPABILITY_ERRORS, COUNT, SERVICE_TAG, WRITE_ERRORS, DocumentContext, obj, operation
from .parts import query_parameter, record_name
from .schema import schema_ref

_ANY: dict = {}


def transaction_operation(context: DocumentContext) -> dict:
    """``POST /transaction``."""
    settings = context.settings
    step = {"type": "object", "required": ["method", "path"], "additionalProperties": False,
            "properties": {
                "method": {"enum": ["GET", "POST", "PUT", "PATCH", "DELETE"]},
                "path": {"type": "string", "pattern": "^/[^?#]*$",
                         "description": "Relative to /api/v1; may hold references such as `$0.id`"},
                "params": {"type": "object", "description": "Query parameters (JSON values are sent as JSON text)"},
                "body": {"description": "The operation's JSON body; `\"$N.path\"` strings are references"},
                "headers": {"type": "object", "additionalProperties": False, "description": "Preconditions only",
                            "properties": {"If-Match": {"type": "string"}, "If-None-Match": {"type": "string"}}}}}
    body = {"type": "object", "required": ["operations"], "additionalProperties": False,
            "properties": {"operations": {"type": "array", "minItems": 1,
                                          "maxItems": settings.max_transaction_operations, "items": step}}}
    result = obj(status={"type": "integer"}, data=_ANY)
    answer = success_response("Every operation's status and data, in order",
                              obj(results={"type": "array", "items": result}))
    summary = ("Run several operations in one database transaction, all or nothing; "
               "the first failure answers with its status and `details.operation`")
    example = {"operations": [{"method": "GET", "path": "/info"}]}
    return operation(SERVICE_TAG, "transaction", summary, {"200": answer}, errors=(*WRITE_ERRORS, 405, 412, 428),
                     body=body, body_example=example)


def changes_operation(model: str, description: str) -> dict:
    """``GET /{model}/changes``."""
    cursor = {"name": "cursor", "in": "query", "schema": {"type": "string"}, "example": "",
              "description": "`next_cursor` of the previous page; absent or empty: every record, from the start"}
    limit = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
             "description": "Records (and deletions) per page, default 100", "example": 10}
    data = obj(records={"type": "array", "items": schema_ref(record_name(model))},
               deleted={"type": ["array", "null"], "items": COUNT},
               next_cursor={"type": "string"}, has_more={"type": "boolean"})
    # Optional, so no ``const`` (openapi-python-client 0.29 writes ``!= Falseand``): a one-value enum.
    data["properties"]["deletions_tracked"] = {"type": "boolean", "enum": [False]}
    return operation(model, f"{model}.changes",
                     f"{description} records created, written or deleted since the cursor, oldest first",
                     {"200": success_response("A page of changes", data)},
                     errors=(400, 401, 403, 404, 410, 500, *CAPABILITY_ERRORS),
                     parameters=(cursor, limit, query_parameter(model)))
