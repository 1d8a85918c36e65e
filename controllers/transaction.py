"""``POST /transaction`` (spec §18): several API requests in one database transaction.

Each operation goes through the same route table and handlers as a request of its
own, with the caller's session; only the database transaction is shared. The first
failure is raised (never returned), so the host rolls everything back: Odoo its
request cursor, the standalone server its in-memory transaction.
"""
from __future__ import annotations

import re
from typing import Any

from ..application.outcome import Outcome
from ..domain.errors import ApiError, ValidationError
from ..domain.transaction import (
    Operation,
    param_text,
    parse_operations,
    resolve,
    resolve_path,
    with_operation,
)
from .codec import dump_json
from .http_api import Call
from .messages import JSON_TYPE, HttpRequest
from .router import API_PREFIX, check_query_parameters, match

_REFERENCE_SEGMENT = re.compile(r"\$[^/?#]*")

def run_transaction(call: Call, raw_operations: Any) -> Outcome:
    """Run every operation in order; the first failure is raised with its index."""
    call.host.check_atomic()
    operations = parse_operations(raw_operations, call.host.settings.max_transaction_operations)
    for index, operation in enumerate(operations):  # the key's rules, before anything runs
        try:
            _permitted(call, operation)
        except ApiError as exc:
            raise with_operation(exc, index) from exc
    data: list[Any] = []
    results = []
    for index, operation in enumerate(operations):
        try:
            outcome = _run(call, operation, index, data)
        except ApiError as exc:
            raise with_operation(exc, index) from exc
        data.append(outcome.data)
        results.append({"status": outcome.status, "data": outcome.data})
    return Outcome("Transaction committed", {"results": results})


def _permitted(call: Call, operation: Operation) -> None:
    """Refuse an operation the API key may not perform on its model (its references are not
    resolved yet: one stands for some id). An operation that does not route is left to run."""
    path = API_PREFIX + _REFERENCE_SEGMENT.sub("1", operation.path)
    try:
        found = match(call.api.routes, operation.method, path)
    except ApiError:
        return
    model, permission = found.args.get("model"), found.route.permission
    if model is None or permission is None:
        return
    if permission == "method":
        call.session.model(model, method=found.args["function"])
    else:
        call.session.model(model, permission)


def _run(call: Call, operation: Operation, index: int, data: list) -> Outcome:
    path = API_PREFIX + resolve_path(operation.path, data, index)
    params = {name: param_text(resolve(value, data, index)) for name, value in operation.params.items()}
    body = dump_json(resolve(operation.body, data, index)) if operation.has_body else b""
    headers = {**operation.headers, "Content-Type": JSON_TYPE}
    request = HttpRequest(operation.method, path, params, headers, body,
                          call.request.request_id, call.request.remote_addr)
    found = match(call.api.routes, operation.method, path)
    check_query_parameters(found.route, params)
    if found.route.public or not found.route.in_transaction:
        raise ValidationError(f"{operation.method} {found.route.path} cannot be part of a transaction",
                              {"path": path[:200]})
    # the same guards as a request of its own, with the caller's session
    result = call.api.run(Call(request, found.args, call.host, call.session, found.route, call.api))
    if not isinstance(result, Outcome):
        raise ValidationError(f"{operation.method} {found.route.path} answers no JSON data "
                              "(for a binary field, add params {\"encoding\": \"base64\"})",
                              {"path": path[:200]})
    return result
