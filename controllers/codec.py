"""The HTTP edge's translations: JSON bodies into request values (cattrs, strict), answers into bytes."""
from __future__ import annotations

import json
import typing
from typing import Any

import cattrs
from cattrs import transform_error
from cattrs.errors import ClassValidationError
from cattrs.v import format_exception

try:
    import orjson
except ImportError:  # optional: the standard library writes the same JSON, slower
    orjson = None

from ..domain.errors import ValidationError

T = typing.TypeVar("T")

_JSON_TYPES = {str: "a string", int: "an integer", bool: "true or false",
               list: "a JSON array", dict: "a JSON object"}


def _strict(kind: type) -> typing.Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        # bool is an int in Python; JSON true is not a number here.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"expected {_JSON_TYPES[kind]}")
        return value
    return structure


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    for kind in _JSON_TYPES:
        converter.register_structure_hook(kind, _strict(kind))
    exact = {dict[str, Any]: _strict(dict), list[dict[str, Any]]: _list_of_objects,
             str | list[str] | None: _order_value, Any: lambda value, _: value}
    converter.register_structure_hook_func(lambda kind: kind in exact,
                                           lambda value, kind: exact[kind](value, kind))
    return converter


def _list_of_objects(value: Any, _: Any) -> list:
    if not isinstance(value, list):
        raise ValueError("expected a JSON array")
    return value


def _order_value(value: Any, _: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise ValueError("expected a string or an array of strings")


_CONVERTER = _make_converter()
# Dates, dataclasses and str subclasses (markupsafe.Markup) go to ``default=str`` as with json.
_ORJSON_OPTIONS = (orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
                   | orjson.OPT_PASSTHROUGH_SUBCLASS) if orjson is not None else 0


def structure_body(body: dict, kind: type[T], path: str = "body", label: str = "request body") -> T:
    """``body`` as a ``kind`` value; every wrong key or type is one 400 listing them all
    (each at ``path``, e.g. ``body.limit``; the message names the ``label``)."""
    try:
        return _CONVERTER.structure(body, kind)
    except ClassValidationError as exc:
        problems = _problems(exc, path)
        raise ValidationError(f"Invalid {label}: {'; '.join(problems)}",
                              {"errors": problems}) from exc


def _problems(exc: ClassValidationError, path: str) -> list[str]:
    def describe(error: BaseException, kind: Any) -> str:
        if isinstance(error, ValueError):
            return str(error)
        return format_exception(error, kind)
    return transform_error(exc, path=path, format_exception=describe)


def dump_json(value: Any) -> bytes:
    """Compact UTF-8 JSON; no NaN (method results are encoded before this).

    With orjson installed (optional: ``pip install orjson``), large answers encode 10 to 25
    times faster; what it refuses (integers beyond 64 bits, non-string keys) and everything
    without it goes through the standard library, which writes the same JSON.
    """
    if orjson is not None:
        try:
            return orjson.dumps(value, default=str, option=_ORJSON_OPTIONS)
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            pass
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                      default=str).encode("utf-8")
