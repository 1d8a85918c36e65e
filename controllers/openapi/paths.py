"""The ``paths`` of the OpenAPI document, generated from the route table (core and added routes alike).

A route's ``operation`` is None (not documented), an operation object used as it stands, or a
builder. On a ``{model}`` route it is called once per documented model with that model's
``ModelOperations`` and may answer None (the user's rights leave the operation out); on any other
route it is called once with a ``DocumentContext``. The path key is the route's path with
``{model}`` replaced by the model's name.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..router import Route
from .model_operations import ModelOperations
from .operation import (KEYED_ERRORS, PUBLIC_ERRORS, SERVICE_TAG, DocumentContext, with_error_answers,
                        with_idempotency_keys)
from .parts import COMPONENT_PARAMETERS

MODEL_PLACEHOLDER = "model"
MODEL = f"{{{MODEL_PLACEHOLDER}}}"
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def route_paths(routes: Sequence[Route], models: Sequence[ModelOperations], context: DocumentContext,
                shared_parameters: Mapping[str, dict]) -> dict[str, dict]:
    """Each documented route's operation by path and verb: the routes without ``{model}`` in table
    order, then each model's routes; writes take an ``Idempotency-Key`` (``with_idempotency_keys``)."""
    documented = [route for route in routes if route.operation is not None]
    paths: dict[str, dict] = {}
    for route in documented:
        if MODEL not in route.path:
            _add(paths, route.path, route.method, _operation(route, context, None, shared_parameters),
                 route.description)
    for model in models:
        for route in documented:
            if MODEL in route.path:
                _add(paths, route.path.replace(MODEL, model.name), route.method,
                     _operation(route, model, model.name, shared_parameters), route.description)
    return with_idempotency_keys(paths)


def _add(paths: dict[str, dict], path: str, method: str, operation: dict | None, description: str) -> None:
    """``operation`` under its path and verb, described by its route where it says nothing itself."""
    if operation is not None:
        described = operation if operation.get("description") else {**operation, "description": description}
        paths.setdefault(path, {})[method.lower()] = described


def _operation(route: Route, subject: ModelOperations | DocumentContext, model: str | None,
               shared_parameters: Mapping[str, dict]) -> dict | None:
    if isinstance(route.operation, Mapping):
        return added_operation(route, model, shared_parameters)
    return route.operation(subject)


def added_operation(route: Route, model: str | None, shared_parameters: Mapping[str, dict]) -> dict:
    """An operation object a route gives as it stands (an addon's, usually), with what every core
    operation has where it says nothing: a tag (the model, else the path's first segment), an
    ``operationId`` (the handler's name), each path placeholder as an ``in: path`` parameter, the
    shared 401 and 500 answers and ``default``; a public route needs no key (``security: []``)."""
    result: dict[str, Any] = dict(route.operation)
    result.setdefault("tags", [model or _first_segment(route.path)])
    result.setdefault("operationId", f"{model}.{route.name}" if model else route.name)
    parameters = list(result.get("parameters", ()))
    declared = {(p.get("name"), p.get("in")) for p in (_resolved(p, shared_parameters) for p in parameters)}
    parameters += [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                   for name in _PLACEHOLDER.findall(route.path)
                   if name != MODEL_PLACEHOLDER and (name, "path") not in declared]
    if parameters:
        result["parameters"] = parameters
    result["responses"] = with_error_answers(result.get("responses", {}),
                                             PUBLIC_ERRORS if route.public else (401, *KEYED_ERRORS))
    if route.public:
        result.setdefault("security", [])
    return result


def _resolved(parameter: Mapping[str, Any], shared_parameters: Mapping[str, dict]) -> Mapping[str, Any]:
    """A parameter, or the shared one its ``$ref`` names."""
    ref = parameter.get("$ref", "")
    if ref.startswith(COMPONENT_PARAMETERS):
        return shared_parameters.get(ref[len(COMPONENT_PARAMETERS):], {})
    return parameter


def _first_segment(path: str) -> str:
    literal = [segment for segment in path.split("/") if segment and not segment.startswith("{")]
    return literal[0] if literal else SERVICE_TAG
