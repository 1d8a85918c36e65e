"""The comparison a domain term makes on one scalar value, with Odoo's NULL rules.

Every function here answers for a positive operator; the domain evaluator negates
them (Odoo's ``!=``, ``not in``, ``not like``, ``not ilike`` match what the positive
operator does not, NULL included). Numbers compare NULL as 0 and text as ``''``
(``empty_value``), as Odoo's ``_condition_to_sql`` does.
"""
from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable
from typing import Any

from ...domain.errors import ValidationError
from .conversion import TEXT_TYPES, InvalidValue, is_int, parse_date, parse_datetime
from .schema import FieldSpec
from ...domain.limits import NUMERIC_TYPES

Test = Callable[[Any], bool]
"""A test on a stored value (None is NULL)."""

ORDER_OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
LIKE_OPERATORS = frozenset({"like", "ilike", "=like", "=ilike"})


def like_regex(pattern: str, case_insensitive: bool) -> re.Pattern:
    """SQL LIKE ``pattern`` as a regex: ``%`` any run, ``_`` one character, ``\\`` escapes."""
    parts, escaped = [], False
    for char in pattern:
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            parts.append({"%": ".*", "_": "."}.get(char) or re.escape(char))
    return re.compile("".join(parts), re.DOTALL | (re.IGNORECASE if case_insensitive else 0))


def _datetime_operand(value: Any) -> dt.datetime:
    try:
        return parse_datetime(value)
    except InvalidValue:
        if not isinstance(value, str):
            raise
    try:  # other ISO forms, cast as PostgreSQL casts text to a timestamp without time zone
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidValue(f"expected a datetime, got {value!r}") from None
    return moment.replace(tzinfo=None)  # PostgreSQL ignores the zone: the wall time stays (the core converts first)


def day_bound(spec: FieldSpec, op: str, value: Any) -> Any:
    """Odoo's reading of a ``YYYY-MM-DD`` value on a datetime field: the day's last second for
    ``>`` and ``<=``, its first for the other operators (``expression.py``)."""
    if spec.type == "datetime" and isinstance(value, str) and len(value) == 10:
        return value + (" 23:59:59" if op in (">", "<=") else " 00:00:00")
    return value


def _number_operand(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise InvalidValue(f"expected a number, got {value!r}")


def _text_operand(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise InvalidValue(f"expected a string, got {value!r}")


def _boolean_operand(value: Any) -> bool:
    if isinstance(value, bool) or (is_int(value) and value in (0, 1)):
        return bool(value)
    raise InvalidValue(f"expected true or false, got {value!r}")


_OPERANDS: dict[str, Callable[[Any], Any]] = {
    "integer": _number_operand, "float": _number_operand, "monetary": _number_operand,
    "boolean": _boolean_operand, "date": parse_date, "datetime": _datetime_operand,
    **{t: _text_operand for t in TEXT_TYPES},
}


NUMBER_TYPES = NUMERIC_TYPES
CHAR_TYPES = frozenset({"char", "text", "html"})


def empty_value(spec: FieldSpec) -> Any:
    """What Odoo folds NULL (and ``False``) into when comparing ``spec``: 0, ``''`` or nothing (None).

    Odoo's ``_condition_to_sql`` compares numbers (``id`` aside) as if NULL were 0 and
    char/text/html as if NULL were ``''`` (text only for ``=``, ``!=``, ``in`` and the likes).
    """
    if spec.type in NUMBER_TYPES and spec.name != "id":
        return 0
    if spec.type in CHAR_TYPES:
        return ""
    return None


def operand(spec: FieldSpec, value: Any) -> Any:
    """``value`` converted to the field's stored type; ``False``/``None`` fold like NULL does.

    Raises ``ValidationError`` when the value cannot be compared with the field.
    """
    if value is None or (value is False and spec.type != "boolean"):
        return empty_value(spec)
    if spec.type == "binary":
        raise ValidationError(f"Binary field {spec.name} can only be compared with False",
                              {"field": spec.name})
    convert = _OPERANDS.get(spec.type, lambda v: v)
    try:
        return convert(value)
    except InvalidValue as exc:
        raise ValidationError(f"Invalid value for field {spec.name} in filter: {exc}",
                              {"field": spec.name, "value": value}) from None


def equality_test(spec: FieldSpec, values: list) -> Test:
    """``=``/``in``: the value is one of ``values``; ``False`` among them matches NULL."""
    wanted = [operand(spec, v) for v in values]
    if spec.type == "boolean":
        # Odoo: a boolean "= False" also matches NULL.
        accepted = {bool(v) for v in wanted}
        return lambda stored: bool(stored) in accepted
    null_ok = any(v is None for v in wanted)
    present = [v for v in wanted if v is not None]
    return lambda stored: null_ok if stored is None else stored in present


def order_test(spec: FieldSpec, op: str, value: Any) -> Test:
    """``<``, ``<=``, ``>``, ``>=``: NULL never matches (numbers fold it to 0 before)."""
    bound = operand(spec, day_bound(spec, op, value))
    compare = ORDER_OPERATORS[op]
    if bound is None or (bound == "" and value is False):
        return lambda stored: False
    return lambda stored: stored is not None and compare(stored, bound)


def like_test(spec: FieldSpec, op: str, value: Any) -> Test:
    """``like``/``ilike`` (substring, wildcards kept) and ``=like``/``=ilike`` (whole pattern)."""
    if not isinstance(value, str):
        raise ValidationError(f"Operator {op} on field {spec.name} needs a string value",
                              {"field": spec.name, "operator": op, "value": value})
    if value == "" and not op.startswith("="):
        return lambda stored: True  # Odoo: "like ''" is TRUE, NULL included
    pattern = value if op.startswith("=") else f"%{value}%"
    regex = like_regex(pattern, case_insensitive=op.endswith("ilike"))
    return lambda stored: stored is not None and regex.fullmatch(_as_text(stored)) is not None


def _as_text(stored: Any) -> str:
    """How PostgreSQL casts a value to text for LIKE."""
    if isinstance(stored, bool):
        return "true" if stored else "false"
    if isinstance(stored, (dt.date, dt.datetime)):
        return stored.isoformat(sep=" ") if isinstance(stored, dt.datetime) else stored.isoformat()
    return str(stored)


def scalar_test(spec: FieldSpec, op: str, value: Any) -> Test:
    """The test of a positive operator (``=``, ``in``, order and like ones) on a scalar field.

    The test takes the stored value (None: NULL), folded as Odoo folds it (``empty_value``);
    text compared by ``<``…``>=`` is not folded: its NULL matches nothing.
    """
    test = _positive_test(spec, op, value)
    empty = empty_value(spec)
    if empty is None or (op in ORDER_OPERATORS and spec.type in CHAR_TYPES):
        return test
    return lambda stored: test(empty if stored is None else stored)


def _positive_test(spec: FieldSpec, op: str, value: Any) -> Test:
    if op in ("=", "in"):
        return equality_test(spec, list(value) if isinstance(value, (list, tuple)) else [value])
    if op in ORDER_OPERATORS:
        return order_test(spec, op, value)
    if op in LIKE_OPERATORS:
        return like_test(spec, op, value)
    raise ValidationError(f"Unknown operator {op!r}", {"operator": op})
