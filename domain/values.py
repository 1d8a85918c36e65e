"""Field values from Odoo to JSON (spec §4): encode what Odoo reads (``value_input``: what clients send).

Decisions: empty (Odoo's ``False``) is ``null`` for every type but boolean and x2many;
non-finite floats have no JSON form and encode as ``null``.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import math
from collections.abc import Callable
from typing import Any

from .errors import ValidationError
from .model_info import FieldInfo


MAX_RESULT_DEPTH = 100


# --- encoding: Odoo read() values -> JSON ---------------------------------------------------

def encode_date(value: dt.date | str) -> str:
    """A date (or Odoo's ``YYYY-MM-DD`` string) as ``YYYY-MM-DD``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else value


def encode_datetime(value: dt.datetime | str) -> str:
    """A datetime (naive means UTC, aware is converted) or Odoo's string as ``YYYY-MM-DDTHH:MM:SSZ``."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat() + "Z"


def _encode_number(raw: Any) -> int | float | None:
    if raw is None or raw is False or (isinstance(raw, float) and not math.isfinite(raw)):
        return None
    return raw


def _encode_many2one(raw: Any) -> Any:
    if isinstance(raw, (list, tuple)):
        return raw[0] if raw else None
    return None if raw is False else raw


def _encode_x2many(raw: Any) -> list:
    return [] if raw is None or raw is False else list(raw)


def _encode_binary(raw: Any) -> str | None:
    if raw is None or raw is False:
        return None
    return raw.decode("ascii") if isinstance(raw, bytes) else raw


def _encode_optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An encoder answering None for Odoo's empty values and ``convert(raw)`` otherwise."""
    return lambda raw: None if raw is None or raw is False else convert(raw)


def encode_value(field: FieldInfo, raw: Any) -> Any:
    """The JSON form of the value Odoo's ``read()`` gave for ``field``.

    A dict (a nested record) or a list of dicts (nested x2many records) was already
    built by the caller and passes unchanged.
    """
    return value_encoder(field)(raw)


def value_encoder(field: FieldInfo) -> Callable[[Any], Any]:
    """``encode_value`` for ``field`` as a one-argument function, looked up once per field."""
    encode = _ENCODERS.get(field.type, encode_result)
    return lambda raw: raw if isinstance(raw, dict) else encode(raw)


def encode_result(value: Any, _depth: int = 0) -> Any:
    """Any method result as JSON: containers recursively, dates ISO, bytes base64, else ``str``.

    Raises ValidationError for a result nested deeper than ``MAX_RESULT_DEPTH`` (or cyclic).
    """
    if _depth > MAX_RESULT_DEPTH:
        raise ValidationError(
            f"The result is nested deeper than {MAX_RESULT_DEPTH} levels and has no JSON form",
            details={"max_depth": MAX_RESULT_DEPTH},
        )
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dt.datetime):
        return encode_datetime(value)
    if isinstance(value, dt.date):
        return encode_date(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {_json_key(key): encode_result(item, _depth + 1) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return [encode_result(item, _depth + 1) for item in _ordered(value)]
    if isinstance(value, (list, tuple)):
        return [encode_result(item, _depth + 1) for item in value]
    return str(value)


_ENCODERS: dict[str, Callable[[Any], Any]] = {
    "boolean": bool,
    "integer": _encode_number,
    "float": _encode_number,
    "monetary": _encode_number,
    "many2one_reference": _encode_number,
    "date": _encode_optional(encode_date),
    "datetime": _encode_optional(encode_datetime),
    "many2one": _encode_many2one,
    "one2many": _encode_x2many,
    "many2many": _encode_x2many,
    "binary": _encode_binary,
    "reference": _encode_optional(str),
    "properties": encode_result,
    "json": encode_result,
}


def _encode_text(raw: Any) -> str | None:
    if raw.__class__ is str:  # the common case first: one test per value
        return raw
    return None if raw is None or raw is False else str(raw)  # str() also unwraps markupsafe.Markup


for _text_type in ("char", "text", "html", "selection"):
    _ENCODERS[_text_type] = _encode_text
_NEVER_NESTED = frozenset(_ENCODERS) - {"properties", "json"}


def plain_value_encoder(field: FieldInfo) -> Callable[[Any], Any]:
    """``value_encoder`` for a field read without a nested selection (its value is never a
    nested record): the type's own encoder, one call less per value."""
    return _ENCODERS[field.type] if field.type in _NEVER_NESTED else value_encoder(field)


def _json_key(key: Any) -> str:
    """A dict key as ``json.dumps`` would write it."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, bool):
        return json.dumps(key)
    return str(key)


def _ordered(items: set | frozenset) -> list:
    """A set's items sorted when they are all numbers or all strings, for a stable answer."""
    values = list(items)
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return sorted(values)
    if all(isinstance(v, str) for v in values):
        return sorted(values)
    return values
