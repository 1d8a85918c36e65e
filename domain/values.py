"""Field values between Odoo and JSON (spec §4): encode what Odoo reads, decode what clients send.

Decisions: empty (Odoo's ``False``) is ``null`` for every type but boolean and x2many;
non-finite floats have no JSON form and encode as ``null``; inputs are strict — a boolean
is never an integer, ``5.0`` is not an integer, a date is exactly ``YYYY-MM-DD``.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
from collections.abc import Callable
from typing import Any

from .errors import ValidationError
from .model_info import FieldInfo

INT4_MIN, INT4_MAX = -(2**31), 2**31 - 1
MAX_RESULT_DEPTH = 100
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ](?P<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.[0-9]{1,9})?"
    r"(?P<zone>Z|(?P<sign>[+-])(?P<hours>[0-9]{2}):(?P<minutes>[0-9]{2}))?"
)
_REFERENCE = re.compile(r"[A-Za-z0-9_.]+,[0-9]{1,10}")


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


# --- decoding: JSON inputs -> Odoo write values ---------------------------------------------

def describe_value(value: Any) -> str:
    """A short JSON-ish rendering of a client value for an error message."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, int) and value.bit_length() > 200:
        return "a huge integer"  # its decimal form may be too long for str() to make
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:60] + "…"


def _invalid(field: FieldInfo, expected: str, value: Any) -> ValidationError:
    """The error for ``value`` not being what ``field`` expects."""
    got = describe_value(value)
    return ValidationError(
        f"Field '{field.name}' expects {expected}, got {got}",
        details={"field": field.name, "expected": expected, "got": got},
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _decode_text(field: FieldInfo, value: Any) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise _invalid(field, "a string without NUL characters", value)
    return value


def _decode_selection(field: FieldInfo, value: Any) -> str:
    allowed = [key for key, _label in field.selection]
    # An empty selection is one computed at run time: Odoo checks it on write.
    if not isinstance(value, str) or (allowed and value not in allowed):
        raise _invalid(field, "one of " + ", ".join(json.dumps(key) for key in allowed), value)
    return value


def _decode_boolean(field: FieldInfo, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _invalid(field, "true or false", value)
    return value


def _decode_integer(field: FieldInfo, value: Any) -> int:
    if not _is_int(value) or not INT4_MIN <= value <= INT4_MAX:
        raise _invalid(field, f"an integer from {INT4_MIN} to {INT4_MAX}", value)
    return value


def _decode_float(field: FieldInfo, value: Any) -> int | float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not abs(value) < 1e308:
        raise _invalid(field, "a finite number", value)
    return value


def _decode_id(field: FieldInfo, value: Any) -> int:
    if not _is_int(value) or not 0 < value <= INT4_MAX:
        raise _invalid(field, f"a record id (an integer from 1 to {INT4_MAX}) or null", value)
    return value


def _decode_date(field: FieldInfo, value: Any) -> str:
    expected = 'a date "YYYY-MM-DD"'
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _invalid(field, expected, value)
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise _invalid(field, expected, value) from None
    return value


def _decode_datetime(field: FieldInfo, value: Any) -> str:
    expected = 'a datetime "YYYY-MM-DDTHH:MM:SSZ" (or with a "+hh:mm" offset; no offset means UTC)'
    match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise _invalid(field, expected, value)
    try:
        moment = dt.datetime.fromisoformat(f"{match['date']}T{match['time']}")
        if match["sign"]:
            offset = dt.timedelta(hours=int(match["hours"]), minutes=int(match["minutes"]))
            if int(match["minutes"]) > 59 or offset >= dt.timedelta(days=1):
                raise ValueError("offset out of range")
            moment -= offset if match["sign"] == "+" else -offset
    except (ValueError, OverflowError):
        raise _invalid(field, expected, value) from None
    return moment.isoformat(sep=" ")


def _decode_binary(field: FieldInfo, value: Any) -> str:
    expected = "a base64 string or null"
    if not isinstance(value, str):
        raise _invalid(field, expected, value)
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _invalid(field, expected, value) from None
    return value


def _decode_reference(field: FieldInfo, value: Any) -> str:
    if not isinstance(value, str) or not _REFERENCE.fullmatch(value):
        raise _invalid(field, 'a reference "model.name,id" or null', value)
    return value


_DECODERS: dict[str, Callable[[FieldInfo, Any], Any]] = {
    "char": _decode_text,
    "text": _decode_text,
    "html": _decode_text,
    "selection": _decode_selection,
    "boolean": _decode_boolean,
    "integer": _decode_integer,
    "many2one_reference": _decode_integer,
    "float": _decode_float,
    "monetary": _decode_float,
    "many2one": _decode_id,
    "date": _decode_date,
    "datetime": _decode_datetime,
    "binary": _decode_binary,
    "reference": _decode_reference,
}


def decode_value(field: FieldInfo, value: Any) -> Any:
    """The Odoo write value for the JSON ``value`` of a non-x2many ``field``.

    ``null`` clears the field (Odoo's ``False``). json, properties and unknown types pass
    unchanged for Odoo to judge. Raises ValidationError naming the field and expected form;
    TypeError for an x2many field, which must go through ``commands.parse_relation_value``.
    """
    if field.is_x2many:
        raise TypeError(f"Field '{field.name}' is {field.type}: decode it with commands.parse_relation_value")
    if value is None:
        return False
    decoder = _DECODERS.get(field.type)
    return value if decoder is None else decoder(field, value)
