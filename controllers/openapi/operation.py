"""One OpenAPI operation object (tag, id, parameters, body, answers) and what every write adds to it.

The builders of ``controllers/routes.py`` make their operations with ``operation``; a builder of a
route without ``{model}`` receives a ``DocumentContext``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from ...domain import idempotency
from ...domain.settings import ApiSettings
from .envelope import JSON, any_error_ref, error_ref, json_content
from .parts import parameter, parameter_ref

SERVICE_TAG = "service"
READ_ERRORS = (400, 401, 403, 404, 500)
WRITE_ERRORS = (400, 401, 403, 404, 409, 413, 415, 500)
# What any operation may answer whatever it does: an unknown X-Odoo-Database (404), a URL over
# the HTTP server's limit (414), the server's fault (500), the database out of reach (503), the
# gateway's Odoo answering nonsense (502) or too slowly (504); with a key, its rate limit (429).
PUBLIC_ERRORS = (404, 414, 500, 502, 503, 504)
KEYED_ERRORS = (*PUBLIC_ERRORS, 429)
# An operation that needs a capability the store may lack (the gateway's): 501 NotSupported.
CAPABILITY_ERRORS = (501,)
COUNT = {"type": "integer", "minimum": 0}
REPLAYED = {"Idempotent-Replayed": {"description": "`true` when this is the kept answer of an earlier "
                                                   "request with the same Idempotency-Key",
                                    "schema": {"const": "true"}}}


@frozen
class DocumentContext:
    """What the builder of a route without ``{model}`` is given: the settings the document follows."""

    settings: ApiSettings


def obj(**properties: dict) -> dict:
    """An object schema whose ``properties`` are all required."""
    return {"type": "object", "required": list(properties), "properties": properties}


def operation(tag: str, operation_id: str, summary: str, responses: dict,
              errors: Sequence[int] = READ_ERRORS, parameters: Sequence[str | dict] = (),
              body: dict | None = None, body_required: bool = True, description: str | None = None,
              public: bool = False, body_example: object = None) -> dict:
    """One operation: its parameters (names of shared ones, or inline), body and responses.

    Its ``description`` is the route's (``paths.py``) unless one is given here. Every operation
    may also answer ``KEYED_ERRORS`` (``PUBLIC_ERRORS`` when ``public``: no key needed)."""
    result: dict[str, Any] = {"tags": [tag], "operationId": operation_id, "summary": summary}
    if description:
        result["description"] = description
    if parameters:
        result["parameters"] = [parameter(p) if isinstance(p, str) else p for p in parameters]
    if body is not None:
        content = json_content(body)
        if body_example is not None:
            content[JSON]["example"] = body_example
        result["requestBody"] = {"required": body_required, "content": content}
    result["responses"] = with_error_answers(responses, (*errors, *(PUBLIC_ERRORS if public else KEYED_ERRORS)))
    if public:
        result["security"] = []
    return result


def with_error_answers(responses: Mapping[str, Any], errors: Sequence[int]) -> dict:
    """``responses``, then a reference to the shared answer of each status of ``errors`` they do
    not give, then ``default`` (any other error, in the same envelope), always last; the statuses
    in order."""
    result = {status: answer for status, answer in responses.items() if status != "default"}
    for status in errors:
        result.setdefault(str(status), error_ref(status))
    result = dict(sorted(result.items(), key=lambda item: item[0]))
    result["default"] = responses.get("default", any_error_ref())
    return result


def with_idempotency_keys(paths: dict[str, dict]) -> dict[str, dict]:
    """Every write operation (spec §17) takes an ``Idempotency-Key``, may answer 422 (the key
    used for another request), and says in ``Idempotent-Replayed`` when an answer is a replay."""
    result = {}
    for path, item in paths.items():
        result[path] = {verb: _idempotent(op) if idempotency.applies_to(verb) else op for verb, op in item.items()}
    return result


def _idempotent(op: dict) -> dict:
    responses = {}
    for status, response in op["responses"].items():
        if status.startswith("2") and "$ref" not in response:
            response = {**response, "headers": {**response.get("headers", {}), **REPLAYED}}
        responses[status] = response
    responses.setdefault("422", error_ref(422))
    if "default" in responses:  # kept last, as every operation lists it
        responses["default"] = responses.pop("default")
    return {**op, "parameters": [*op.get("parameters", ()), parameter_ref("idempotency_key")],
            "responses": responses}
