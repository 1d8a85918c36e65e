"""The value of a filter term read by the type of its field (issue 20, item 5).

Odoo hands a term's value to PostgreSQL as it came: a datetime with an offset is cut to
its wall time, ``"05/12/2026"`` is read month first, ``"abc"`` on an integer column is
PostgreSQL's error. So every value a comparison puts next to a typed column is read here,
by the rules writes use (``value_input``): datetimes become Odoo's naive-UTC text, the other
types are checked and pass unchanged. ``False``/``null`` (unset) stay allowed everywhere.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .model_info import FieldInfo
from .value_input import (
    DATE_FORM,
    DATETIME_FORM,
    decode_boolean,
    decode_date,
    decode_number,
    decode_selection,
    invalid_value,
    iso_date,
    utc_datetime,
)

# The operators that compare the column with the value; the ``like`` family works on text.
TYPED_OPERATORS = frozenset({"=", "!=", "<", "<=", ">", ">=", "=?", "in", "not in"})


def _datetime_or_day(field: FieldInfo, value: Any) -> str:
    """A datetime as naive UTC; a ``YYYY-MM-DD`` day stays a day (Odoo reads it as the day's
    first second, or its last one for ``>`` and ``<=``)."""
    text = utc_datetime(value) or iso_date(value)
    if text is None:
        raise invalid_value(field, f"{DATETIME_FORM}, or {DATE_FORM}", value)
    return text


def _id_or_name(field: FieldInfo, value: Any) -> int | str:
    """A many2one compares with a record id, or with a name that Odoo searches."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise invalid_value(field, "a record id, a name to search for, or null", value)
    return value


_RULES: dict[str, Callable[[FieldInfo, Any], Any]] = {
    "datetime": _datetime_or_day,
    "date": decode_date,
    "integer": decode_number,
    "float": decode_number,
    "monetary": decode_number,
    "many2one_reference": decode_number,
    "boolean": decode_boolean,
    "selection": decode_selection,
    "many2one": _id_or_name,
}


def filter_operand(field: FieldInfo, operator: str, value: Any) -> Any:
    """``value`` (a scalar, or a list for ``in``) of a term comparing ``field``, in the form the
    stores take. Raises ``ValidationError`` naming the field, the value and the accepted forms."""
    rule = _RULES.get(field.type) if operator in TYPED_OPERATORS else None
    if rule is None:
        return value
    if isinstance(value, list):
        return [_read(rule, field, item) for item in value]
    return _read(rule, field, value)


def _read(rule: Callable[[FieldInfo, Any], Any], field: FieldInfo, value: Any) -> Any:
    return value if value is None or value is False else rule(field, value)
