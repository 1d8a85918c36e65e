"""Decoding client JSON (bodies and JSON-valued parameters) strictly and safely.

Python's ``json`` accepts ``NaN``, unbounded integers and arbitrarily deep
nesting (which ends in ``RecursionError``); the API refuses all three, and any
string holding a NUL byte, which PostgreSQL cannot store.
"""
from __future__ import annotations

import json
import re
from typing import Any

from .errors import PayloadTooLarge, UnsupportedMediaType, ValidationError

MAX_INT_DIGITS = 19  # beyond a signed 64-bit integer nothing in Odoo can use it


def _refuse_constant(name: str) -> Any:
    raise ValidationError(f"{name} is not valid JSON", {"value": name})


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValidationError("Integer too large", {"digits": len(text.lstrip("-"))})
    return int(text)


def _check_depth(text: str, max_depth: int, what: str) -> None:
    """Refuse nesting deeper than ``max_depth`` before the recursive decoder sees it."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                raise ValidationError(f"{what} is nested deeper than {max_depth} levels")
        elif char in "]}":
            depth -= 1


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_strings(value: Any, what: str) -> None:
    stack = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            where = f" at {path}" if path else ""
            if "\x00" in item:
                raise ValidationError(f"{what} contains a NUL character{where}", {"path": path or None})
            if _LONE_SURROGATE.search(item):
                # json.loads pairs valid surrogates into one character: what is left is not Unicode.
                raise ValidationError(f"{what} contains a lone UTF-16 surrogate (\\ud800-\\udfff){where}, "
                                      "which is not valid Unicode", {"path": path or None})
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, path))
                stack.append((child, f"{path}.{key}" if path else key))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{index}]") for index, child in enumerate(item))


def decode_json(text: str, what: str, max_depth: int = 64) -> Any:
    """Decode ``text``; every problem is a ``ValidationError`` naming ``what``."""
    _check_depth(text, max_depth, what)
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{what} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            {"line": exc.lineno, "column": exc.colno},
        ) from exc
    _check_strings(value, what)
    return value


def is_json_media_type(content_type: str | None) -> bool:
    """Whether a ``Content-Type`` header declares JSON (``application/json``, ``+json``)."""
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def decode_body(raw: bytes, content_type: str | None, max_bytes: int, max_depth: int = 64) -> dict:
    """A request body as a JSON object: 413 when too big, 415 when not JSON, 400 when malformed."""
    body = decode_json_body(raw, content_type, max_bytes, max_depth)
    if not isinstance(body, dict):
        raise ValidationError("Request body must be a JSON object", {"got": type(body).__name__})
    return body


def decode_json_body(raw: bytes, content_type: str | None, max_bytes: int, max_depth: int = 64) -> Any:
    """A request body as any JSON value (a JSON-RPC batch is an array), checked as ``decode_body`` does."""
    if len(raw) > max_bytes:
        raise PayloadTooLarge(f"Request body exceeds {max_bytes} bytes", {"limit": max_bytes})
    if not is_json_media_type(content_type):
        raise UnsupportedMediaType(
            "Request body must be JSON (Content-Type: application/json)",
            {"content_type": content_type},
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError("Request body is not valid UTF-8", {"position": exc.start}) from exc
    if not text.strip():
        raise ValidationError("Request body is empty; a JSON object is expected")
    return decode_json(text, "Request body", max_depth)
