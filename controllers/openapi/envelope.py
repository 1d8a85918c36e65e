"""OpenAPI pieces of the envelope (spec §3): success bodies, the error responses, pagination."""
from __future__ import annotations

from ..statuses import HTTP_STATUS
from .schema import schema_ref

ERROR_ENVELOPE = "ErrorEnvelope"
SUCCESS_ENVELOPE = "SuccessEnvelope"
PAGINATION = "Pagination"
COMPONENT_RESPONSES = "#/components/responses/"
ANY_ERROR = "Error"
JSON = "application/json"

# The name of each error status's reusable response (``components/responses``).
RESPONSE_NAMES = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
                  405: "MethodNotAllowed", 409: "Conflict", 413: "PayloadTooLarge",
                  415: "UnsupportedMediaType", 416: "RangeNotSatisfiable", 429: "TooManyRequests", 500: "InternalError",
                  503: "ServiceUnavailable"}
RESPONSE_NAMES.update({410: "Gone", 412: "PreconditionFailed", 422: "IdempotencyKeyReused",
                       428: "PreconditionRequired", 501: "NotImplemented", 502: "BadGateway", 504: "GatewayTimeout",
                       414: "UriTooLong"})
# Answered by the HTTP server before the API sees the request (Python's and werkzeug's: a request
# line over 64 KiB), so in its HTML, not in the envelope.
URI_TOO_LONG = {"description": "The URL is too long (the HTTP server's own answer, in HTML)",
                "content": {"text/html": {"schema": {"type": "string"}}}}

_HEADERS = {
    401: {"WWW-Authenticate": {"description": "Always `Bearer`", "schema": {"type": "string"}}},
    405: {"Allow": {"description": "The verbs the path answers", "schema": {"type": "string"}}},
    416: {"Content-Range": {"description": "`bytes */<size>`", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer", "minimum": 0}}},
    503: {"Retry-After": {"description": "Seconds to wait (absent after a statement timeout)",
                          "schema": {"type": "integer", "minimum": 0}}},
}

_TIMESTAMP = {"type": "string", "format": "date-time",
              "description": "UTC, ISO 8601 with milliseconds, e.g. 2024-01-01T12:00:00.123Z"}


def success_envelope_schema() -> dict:
    """The success envelope, whatever its ``data``: ``{"success": true, message, data, timestamp}``."""
    return {"type": "object", "required": ["success", "message", "data", "timestamp"],
            "properties": {"success": {"const": True}, "message": {"type": "string"},
                           "data": {}, "timestamp": _TIMESTAMP}}


def success_schema(data: dict) -> dict:
    """The success envelope around a ``data`` schema; ``data`` required here too, so that generators
    that read an ``allOf`` part by part (@hey-api/openapi-ts) do not type it as optional."""
    return {"allOf": [schema_ref(SUCCESS_ENVELOPE),
                      {"type": "object", "required": ["success", "data"],
                       "properties": {"success": {"const": True}, "data": data}}]}


def json_content(schema: dict) -> dict:
    """A JSON ``content`` map holding ``schema``."""
    return {JSON: {"schema": schema}}


def success_response(description: str, data: dict, headers: dict | None = None) -> dict:
    """A response whose body is the success envelope around ``data``."""
    response = {"description": description, "content": json_content(success_schema(data))}
    if headers:
        response["headers"] = headers
    return response


def error_ref(status: int) -> dict:
    """A ``$ref`` to the reusable response of an error status."""
    return {"$ref": COMPONENT_RESPONSES + response_name(status)}


def any_error_ref() -> dict:
    """A ``$ref`` to the reusable answer of any other error (an operation's ``default``)."""
    return {"$ref": COMPONENT_RESPONSES + ANY_ERROR}


def response_name(status: int) -> str:
    """The component name of an error status's response."""
    return RESPONSE_NAMES.get(status, f"Error{status}")


def error_types(status: int) -> list[str]:
    """The ``error.type`` values a status carries, from the one status table."""
    return sorted({cls.type for cls, code in HTTP_STATUS.items() if code == status})


def error_envelope_schema() -> dict:
    """The error envelope: ``{"success": false, "error": {code, message, type, details}, timestamp}``."""
    text, index = {"type": "string"}, {"type": "integer", "minimum": 0}
    known = {"field": text, "model": text, "header": text, "parameter": text, "operation": index,
             "index": index, "problems": {"type": "array", "items": {"type": "object"}}}
    details = {"description": "What helps the client: an object (its usual parts typed), a string, or null "
                              "when there is nothing to add",
               "anyOf": [{"type": "object", "properties": known}, text, {"type": "null"}]}
    error = {"type": "object", "required": ["code", "message", "type", "details"],
             "properties": {"code": {"type": "integer", "minimum": 400, "maximum": 599},
                            "message": text, "type": text, "details": details}}
    return {"type": "object", "required": ["success", "error", "timestamp"],
            "properties": {"success": {"const": False}, "error": error, "timestamp": _TIMESTAMP}}


def error_responses() -> dict[str, dict]:
    """One reusable response per error status of the contract (``components/responses``), its
    body the component schema ``error_schemas`` names after it."""
    responses = {}
    for status in sorted(set(HTTP_STATUS.values())):
        name = response_name(status)
        response = {"description": " or ".join(error_types(status)),
                    "content": json_content(schema_ref(error_schema_name(name)))}
        if status in _HEADERS:
            response["headers"] = _HEADERS[status]
        responses[name] = response
    responses[response_name(414)] = URI_TOO_LONG
    responses[ANY_ERROR] = {"description": "Any other error, in the same envelope",
                            "content": json_content(schema_ref(ERROR_ENVELOPE))}
    return responses


def error_schemas() -> dict[str, dict]:
    """The error envelope of each status, its ``code`` and ``type`` pinned: one class per status
    in a generated client (``NotFoundEnvelope``), not one per operation and status."""
    schemas = {}
    for status in sorted(set(HTTP_STATUS.values())):
        narrowed = {"type": "object", "properties": {"error": {"type": "object", "properties": {
            "code": {"const": status}, "type": {"type": "string", "enum": error_types(status)}}}}}
        schemas[error_schema_name(response_name(status))] = {
            "description": " or ".join(error_types(status)), "allOf": [schema_ref(ERROR_ENVELOPE), narrowed]}
    return schemas


def error_schema_name(response: str) -> str:
    """The component schema of an error response's body, e.g. ``NotFoundEnvelope``."""
    return f"{response}Envelope"


def pagination_schema() -> dict:
    """The ``pagination`` block of a list answer (spec §6)."""
    count = {"type": "integer", "minimum": 0}
    page = {"type": ["integer", "null"], "minimum": 1}
    properties = {"count": count, "total_count": count, "current_page": {"type": "integer", "minimum": 1},
                  "total_pages": {"type": "integer", "minimum": 1}, "page_size": page,
                  "prev_page": page, "next_page": page}
    return {"type": "object", "required": list(properties), "properties": properties}
