"""Field values from JSON to Odoo (spec §4): the one reading of what clients send, in writes and filters.

Decisions: inputs are strict — a boolean is never an integer, ``5.0`` is not an integer, a
date is exactly ``YYYY-MM-DD``; a datetime is ISO 8601 with ``Z`` or an offset, converted to
naive UTC (Odoo's ``YYYY-MM-DD HH:MM:SS``), and without either it already is UTC.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from .errors import ValidationError
from .model_info import FieldInfo
from .limits import INT4_MAX, INT4_MIN

DATE_FORM = 'a date "YYYY-MM-DD"'
DATETIME_FORM = 'a datetime "YYYY-MM-DDTHH:MM:SSZ" (or with a "+hh:mm" offset; no offset means UTC)'
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ](?P<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.[0-9]{1,9})?"
    r"(?P<zone>Z|(?P<sign>[+-])(?P<hours>[0-9]{2}):(?P<minutes>[0-9]{2}))?"
)
_REFERENCE = re.compile(r"[A-Za-z0-9_.]+,[0-9]{1,10}")


def iso_date(value: Any) -> str | None:
    """``value`` when it is an existing date written ``YYYY-MM-DD``, else None."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def utc_datetime(value: Any) -> str | None:
    """An ISO 8601 datetime as Odoo's naive-UTC ``YYYY-MM-DD HH:MM:SS`` (fractions dropped), else None.

    ``T`` or a space between date and time; ``Z``, ``+hh:mm`` or ``-hh:mm`` (under 24 h), or
    nothing, which means UTC already (Odoo stores UTC).
    """
    match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(f"{match['date']}T{match['time']}")
        if match["sign"]:
            offset = dt.timedelta(hours=int(match["hours"]), minutes=int(match["minutes"]))
            if int(match["minutes"]) > 59 or offset >= dt.timedelta(days=1):
                return None
            moment -= offset if match["sign"] == "+" else -offset
    except (ValueError, OverflowError):
        return None
    return moment.isoformat(sep=" ")


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


def invalid_value(field: FieldInfo, expected: str, value: Any) -> ValidationError:
    """The error for ``value`` not being what ``field`` expects: it names the field, the value
    and the accepted forms (``details``: ``field``, ``expected``, ``got``)."""
    got = describe_value(value)
    return ValidationError(
        f"Field '{field.name}' expects {expected}, got {got}",
        details={"field": field.name, "expected": expected, "got": got},
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _decode_text(field: FieldInfo, value: Any) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise invalid_value(field, "a string without NUL characters", value)
    return value


def decode_selection(field: FieldInfo, value: Any) -> str:
    """One of the field's selection keys (any string when the selection is computed at run time)."""
    allowed = [key for key, _label in field.selection]
    # An empty selection is one computed at run time: Odoo checks it on write.
    if not isinstance(value, str) or (allowed and value not in allowed):
        raise invalid_value(field, "one of " + ", ".join(json.dumps(key) for key in allowed), value)
    return value


def decode_boolean(field: FieldInfo, value: Any) -> bool:
    """``true`` or ``false``, nothing else (not ``1``, not ``"true"``)."""
    if not isinstance(value, bool):
        raise invalid_value(field, "true or false", value)
    return value


def _decode_integer(field: FieldInfo, value: Any) -> int:
    if not _is_int(value) or not INT4_MIN <= value <= INT4_MAX:
        raise invalid_value(field, f"an integer from {INT4_MIN} to {INT4_MAX}", value)
    return value


def decode_number(field: FieldInfo, value: Any) -> int | float:
    """A finite JSON number (never a string, never a boolean)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not abs(value) < 1e308:
        raise invalid_value(field, "a finite number", value)
    return value


def _decode_id(field: FieldInfo, value: Any) -> int:
    if not _is_int(value) or not 0 < value <= INT4_MAX:
        raise invalid_value(field, f"a record id (an integer from 1 to {INT4_MAX}) or null", value)
    return value


def decode_date(field: FieldInfo, value: Any) -> str:
    """An ISO date ``YYYY-MM-DD`` that exists."""
    if iso_date(value) is None:
        raise invalid_value(field, DATE_FORM, value)
    return value


def decode_datetime(field: FieldInfo, value: Any) -> str:
    """An ISO 8601 datetime, as Odoo's naive-UTC ``YYYY-MM-DD HH:MM:SS``."""
    text = utc_datetime(value)
    if text is None:
        raise invalid_value(field, DATETIME_FORM, value)
    return text


def _decode_binary(field: FieldInfo, value: Any) -> str:
    expected = "a base64 string or null"
    if not isinstance(value, str):
        raise invalid_value(field, expected, value)
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise invalid_value(field, expected, value) from None
    return value


def _decode_reference(field: FieldInfo, value: Any) -> str:
    if not isinstance(value, str) or not _REFERENCE.fullmatch(value):
        raise invalid_value(field, 'a reference "model.name,id" or null', value)
    return value


_DECODERS: dict[str, Callable[[FieldInfo, Any], Any]] = {
    "char": _decode_text,
    "text": _decode_text,
    "html": _decode_text,
    "selection": decode_selection,
    "boolean": decode_boolean,
    "integer": _decode_integer,
    "many2one_reference": _decode_integer,
    "float": decode_number,
    "monetary": decode_number,
    "many2one": _decode_id,
    "date": decode_date,
    "datetime": decode_datetime,
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
