"""Scalar values between Odoo's shapes and stored rows: parsing what is written, shaping what is read."""
from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from .schema import FieldSpec

TEXT_TYPES = frozenset({"char", "text", "html", "selection"})
# What Odoo reads for an unset field of these types (its convert_to_record).
EMPTY_READ = {"integer": 0, "float": 0.0, "monetary": 0.0, "boolean": False}
# What an image field takes: what Pillow opens (PNG, JPEG, GIF, BMP, TIFF, ICO, WebP) and, kept
# unprocessed by Odoo, SVG ("<"); anything else Odoo's fields.Image refuses.
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*",
                    b"\x00\x00\x01\x00", b"RIFF", b"<")


class InvalidValue(Exception):
    """A value a field cannot hold; the caller collects these into one ``ValidationError``."""


def is_int(value: Any) -> bool:
    """Whether ``value`` is an int and not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def parse_date(value: Any) -> dt.date:
    """A date from a date/datetime object or a ``YYYY-MM-DD`` string (extra time part ignored, like Odoo)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.strptime(value[:10], "%Y-%m-%d").date()
        except ValueError:
            pass
    raise InvalidValue(f'expected a date "YYYY-MM-DD", got {value!r}')


def parse_datetime(value: Any) -> dt.datetime:
    """A naive-UTC datetime from an object or a ``YYYY-MM-DD[ HH:MM:SS]`` string, like Odoo."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise InvalidValue(f"expected a naive datetime, got {value!r}")
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.min)
    if isinstance(value, str):
        for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(value, pattern)
            except ValueError:
                continue
    raise InvalidValue(f'expected a datetime "YYYY-MM-DD HH:MM:SS", got {value!r}')


def _text(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValue(f"expected a string, got {value!r}")
    allowed = [key for key, _label in spec.info.selection]
    if spec.type == "selection" and allowed and value not in allowed:
        raise InvalidValue(f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _integer(_spec: FieldSpec, value: Any) -> int:
    if not is_int(value):
        raise InvalidValue(f"expected an integer, got {value!r}")
    return value


def _float(_spec: FieldSpec, value: Any) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise InvalidValue(f"expected a number, got {value!r}")
    return float(value)


def _boolean(_spec: FieldSpec, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue(f"expected true or false, got {value!r}")
    return value


def _binary(spec: FieldSpec, value: Any) -> bytes | None:
    if not isinstance(value, (str, bytes)):
        raise InvalidValue("expected base64 text")
    try:
        # Odoo stores an empty binary as NULL.
        content = base64.b64decode(value, validate=True) or None
    except (binascii.Error, ValueError):
        raise InvalidValue("expected base64 text") from None
    if spec.image and content and not content.startswith(IMAGE_SIGNATURES):
        raise InvalidValue("This file could not be decoded as an image file.")  # Odoo's fields.Image
    return content


_PARSERS = {
    "integer": _integer, "float": _float, "monetary": _float, "boolean": _boolean,
    "date": lambda _s, v: parse_date(v), "datetime": lambda _s, v: parse_datetime(v),
    "binary": _binary, **{t: _text for t in TEXT_TYPES},
}


def to_stored(spec: FieldSpec, value: Any) -> Any:
    """The stored form of a written scalar or many2one id (not x2many).

    ``False``/``None`` clear the field: NULL, except numbers become 0 and booleans
    ``False``, as Odoo's ``convert_to_column`` does. Raises ``InvalidValue``.
    """
    if value is False or value is None:
        return EMPTY_READ.get(spec.type)
    if spec.type == "many2one":
        if not is_int(value):
            raise InvalidValue(f"expected a record id, got {value!r}")
        return value
    parser = _PARSERS.get(spec.type)
    return value if parser is None else parser(spec, value)


def to_read(spec: FieldSpec, stored: Any) -> Any:
    """The value Odoo's ``read()`` gives for a stored scalar or many2one id."""
    if stored is None:
        return EMPTY_READ.get(spec.type, False)
    if spec.type == "binary":
        return base64.b64encode(stored)
    return stored
