"""Transactions (spec §18): the operations of one request, and back-references between them.

An operation is ``{"method", "path", "params"?, "body"?, "headers"?}`` (headers: only
``If-Match`` / ``If-None-Match``); ``path`` is relative to
``/api/v1``. A string of the form ``$N.<path>`` (``N`` an earlier operation's 0-based
index, ``<path>`` dotted keys or list indexes into that operation's ``data``) refers to
a value of an earlier answer:

- a string that is exactly one reference becomes that value, type kept (``"$0.id"`` → ``7``);
- a reference inside a longer string (or inside ``path``) is replaced by the value as text
  (``"/res.partner/$0.id"`` → ``"/res.partner/7"``); only strings and numbers can be text;
- ``$$`` is a literal ``$`` (``"$$5.00"`` → ``"$5.00"``).

Every problem is a ``ValidationError`` whose ``details.operation`` names the operation.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from .errors import ApiError, ValidationError

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
OPERATION_KEYS = frozenset({"method", "path", "params", "body", "headers"})
# The only request headers an operation may carry: the preconditions of spec §16.
OPERATION_HEADERS = frozenset({"if-match", "if-none-match"})
_REFERENCE = re.compile(r"\$\$|\$(\d{1,6})((?:\.[A-Za-z0-9_]+)+)")
_NOT_IN_SEGMENT = re.compile(r"[/?#\s\x00-\x1f]")
_WHOLE = re.compile(r"\A\$(\d{1,6})((?:\.[A-Za-z0-9_]+)+)\Z")


@frozen
class Operation:
    """One request of a transaction, as the client wrote it (references still unresolved)."""

    method: str
    path: str
    params: Mapping[str, Any]
    body: Any
    has_body: bool
    headers: Mapping[str, str] = {}


def parse_operations(raw: Any, max_operations: int) -> tuple[Operation, ...]:
    """The ``operations`` list checked for shape and size (1 to ``max_operations``)."""
    if not isinstance(raw, list) or not raw:
        raise ValidationError("'operations' must be a non-empty JSON array")
    if len(raw) > max_operations:
        raise ValidationError(f"Too many operations: {len(raw)} (at most {max_operations})",
                              {"count": len(raw), "limit": max_operations})
    return tuple(_operation(index, item) for index, item in enumerate(raw))


def _operation(index: int, item: Any) -> Operation:
    if not isinstance(item, dict):
        raise _invalid(index, "must be a JSON object")
    extra = sorted(set(item) - OPERATION_KEYS)
    if extra:
        raise _invalid(index, f"unknown key(s) {', '.join(extra)}", {"keys": extra})
    method, path = item.get("method"), item.get("path")
    if not isinstance(method, str) or method.upper() not in METHODS:
        raise _invalid(index, f"'method' must be one of {', '.join(METHODS)}", {"method": method})
    if not isinstance(path, str) or not path.startswith("/") or "?" in path or "#" in path:
        raise _invalid(index, "'path' must be a path under /api/v1 such as '/res.partner/7' "
                              "(query parameters go in 'params')", {"path": path})
    params = item.get("params", {})
    if not isinstance(params, dict):
        raise _invalid(index, "'params' must be a JSON object")
    return Operation(method.upper(), path, params, item.get("body"), "body" in item,
                     _headers(index, item.get("headers", {})))


def _headers(index: int, headers: Any) -> dict[str, str]:
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise _invalid(index, "'headers' must be a JSON object of strings")
    unknown = sorted(name for name in headers if name.lower() not in OPERATION_HEADERS)
    if unknown:
        raise _invalid(index, f"header(s) {', '.join(unknown)} cannot be sent in an operation "
                              "(only If-Match and If-None-Match)", {"headers": unknown})
    return {name.lower(): value for name, value in headers.items()}


def _invalid(index: int, problem: str, details: dict | None = None) -> ValidationError:
    return ValidationError(f"Operation {index}: {problem}", {**(details or {}), "operation": index})


def resolve(value: Any, results: Sequence[Any], index: int) -> Any:
    """``value`` (any JSON) with every reference replaced, for the operation ``index``.

    ``results`` holds the ``data`` of the operations before it.
    """
    if isinstance(value, str):
        return _resolve_string(value, results, index)
    if isinstance(value, list):
        return [resolve(item, results, index) for item in value]
    if isinstance(value, dict):
        return {key: resolve(item, results, index) for key, item in value.items()}
    return value


def resolve_text(text: str, results: Sequence[Any], index: int) -> str:
    """``text`` with every reference replaced by its value as text (parameters, strings)."""
    def substitute(found: re.Match) -> str:
        if found.group(0) == "$$":
            return "$"
        return _as_text(found.group(0), _lookup(found, results, index), index)
    return _REFERENCE.sub(substitute, text)


def resolve_path(path: str, results: Sequence[Any], index: int) -> str:
    """An operation's ``path`` with its references replaced; a value may fill one segment only
    (no ``/``, ``?``, ``#``), so data can never turn a path into another route."""
    def substitute(found: re.Match) -> str:
        if found.group(0) == "$$":
            return "$"
        text = _as_text(found.group(0), _lookup(found, results, index), index)
        if _NOT_IN_SEGMENT.search(text):
            raise ValidationError(f"Operation {index}: {found.group(0)} is {text[:80]!r}, which cannot "
                                  "be placed in a path (one segment: no '/', '?', '#', spaces)",
                                  {"operation": index, "reference": found.group(0)})
        return text
    return _REFERENCE.sub(substitute, path)


def _resolve_string(text: str, results: Sequence[Any], index: int) -> Any:
    whole = _WHOLE.match(text)
    if whole:
        return _lookup(whole, results, index)
    return resolve_text(text, results, index) if "$" in text else text


def _lookup(found: re.Match, results: Sequence[Any], index: int) -> Any:
    reference, target = found.group(0), int(found.group(1))
    if target >= index:
        raise ValidationError(
            f"Operation {index}: {reference} refers to operation {target}, which has not run yet "
            "(a reference names an earlier operation)",
            {"operation": index, "reference": reference})
    value = results[target]
    for key in found.group(2)[1:].split("."):
        value = _step(value, key, reference, index)
    return value


def _step(value: Any, key: str, reference: str, index: int) -> Any:
    if isinstance(value, dict) and key in value:
        return value[key]
    if isinstance(value, list) and key.isdigit() and int(key) < len(value):
        return value[int(key)]
    raise ValidationError(f"Operation {index}: {reference} does not exist (no {key!r} there)",
                          {"operation": index, "reference": reference})


def _as_text(reference: str, value: Any, index: int) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValidationError(
            f"Operation {index}: {reference} is {json.dumps(value)[:80]}, which cannot be "
            "placed inside a string (only strings and numbers can)",
            {"operation": index, "reference": reference})
    return str(value)


def param_text(value: Any) -> str:
    """A resolved parameter as query-string text: strings as they are, other JSON as JSON."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def with_operation(error: ApiError, index: int) -> ApiError:
    """``error`` as the answer of a transaction whose operation ``index`` failed.

    The same class (so the same status), its message prefixed with the operation, and
    ``details`` merged with ``{"operation": index}`` (an ``operation`` the details already named,
    a restricted key's, is kept as ``permission``).
    """
    details = error.details
    if isinstance(details, dict):
        merged = {**details, "operation": index}
        if "operation" in details:  # a restricted key's refused operation (issue 23): kept by its other name
            merged["permission"] = details["operation"]
    elif details is None:
        merged = {"operation": index}
    else:
        merged = {"operation": index, "reason": details}
    failed = error.__class__.__new__(error.__class__)
    failed.__dict__.update(error.__dict__)
    prefix = f"Operation {index}: "
    message = error.message if error.message.startswith(prefix) else prefix + error.message
    Exception.__init__(failed, message)
    failed.message, failed.details = message, merged
    return failed
