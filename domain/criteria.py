"""The ``filter`` parameter (spec §6): an Odoo domain checked against model metadata.

The domain is validated structurally (prefix-notation arity, term shape), then
every term's field path, operator and value (read by the type of the path's last field,
``filter_values``), before anything reaches the ORM.
Nothing is ever evaluated; nested ``any`` domains are checked recursively, with
a depth limit so that no input can cause a ``RecursionError``.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Set
from typing import Any, NoReturn

from .external_ids import EXTERNAL_ID
from .errors import AccessError, ValidationError
from .filter_values import filter_operand
from .model_info import FieldInfo, ModelInfo

ModelLookup = Callable[[str], ModelInfo]

# Odoo 18's TERM_OPERATORS; operators are compared after lower-casing, as Odoo does.
OPERATORS = frozenset({
    "=", "!=", "<", "<=", ">", ">=", "=?", "=like", "=ilike", "like", "not like",
    "ilike", "not ilike", "in", "not in", "child_of", "parent_of", "any", "not any",
})
LOGICAL_ARITY = {"&": 2, "|": 2, "!": 1}
NESTED_DOMAIN_OPERATORS = frozenset({"any", "not any"})
HIERARCHY_OPERATORS = frozenset({"child_of", "parent_of"})
LIST_OPERATORS = frozenset({"in", "not in"})

INT64_MIN = -(2 ** 63)
INT64_MAX = 2 ** 63 - 1
# Each level of ``any`` and each path segment is a join; bound both.
MAX_NESTED_DOMAINS = 16
MAX_PATH_SEGMENTS = 16


def validate_domain(raw: Any, model: ModelInfo, lookup: ModelLookup, sensitive: Set[str],
                    max_terms: int = 1000, max_values: int = 10_000) -> list:
    """Check the JSON-decoded domain ``raw`` on ``model``; return it ready for the ORM.

    Terms come back as ``[path, operator, value]`` lists with lower-cased operators,
    ``in``/``not in`` with a scalar get a one-element list, datetime values become Odoo's
    naive-UTC ``YYYY-MM-DD HH:MM:SS`` (``filter_values``), and the constant leaves
    ``[1, "=", 1]`` / ``[0, "=", 1]`` pass unchanged. Raises ``ValidationError``
    (bad shape, arity, unknown field or operator, bad value, over ``max_terms`` terms and
    operators or ``max_values`` list values, both counted over the whole filter, nested
    domains included) or
    ``AccessError`` (sensitive or unreadable field); ``details`` name the term's
    ``index`` and the ``term``, plus ``within`` (outer indices) inside an ``any``.
    ``lookup`` may raise ``NotFound`` for a relation's model.
    """
    return _DomainValidator(lookup, sensitive, max_terms, max_values).domain(raw, model, ())


class _DomainValidator:
    """One validation of one domain; counts the terms and values spent across nested domains.

    Both budgets cover the whole filter: a hundred lists each under the per-request
    limit must not add up to a million values (PostgreSQL plans such a query for minutes).
    """

    __slots__ = ("lookup", "sensitive", "max_terms", "max_values", "remaining", "values_remaining")

    def __init__(self, lookup: ModelLookup, sensitive: Set[str], max_terms: int, max_values: int) -> None:
        self.lookup = lookup
        self.sensitive = sensitive
        self.max_terms = max_terms
        self.max_values = max_values
        self.remaining = max_terms
        self.values_remaining = max_values

    def domain(self, raw: Any, model: ModelInfo, within: tuple[int, ...]) -> list:
        """Validate one (possibly nested) domain; ``within`` locates it in the outer ones."""
        if not isinstance(raw, (list, tuple)):
            raise ValidationError("A filter must be a JSON list (an Odoo domain)", {"got": _json_type(raw)})
        self._spend(len(raw), within)
        _check_elements(raw, within)
        _check_arity(raw, within)
        return [el if isinstance(el, str) else self._term(el, i, model, within)
                for i, el in enumerate(raw)]

    def _spend(self, count: int, within: tuple[int, ...]) -> None:
        self.remaining -= count
        if self.remaining < 0:
            raise ValidationError(
                f"The filter has more than {self.max_terms} terms and operators",
                {"max_filter_terms": self.max_terms, **_within(within)},
            )

    def _term(self, term: list | tuple, index: int, model: ModelInfo, within: tuple[int, ...]) -> list:
        if _is_constant_leaf(term):
            return list(term)
        path, operator, value = term
        if not isinstance(path, str) or not path:
            _fail(index, term, within, "the field path must be a non-empty string")
        if not isinstance(operator, str) or operator.lower() not in OPERATORS:
            _fail(index, term, within, f"unknown operator {operator!r}",
                  operators=sorted(OPERATORS))
        operator = operator.lower()
        field = self._final_field(path, model, index, term, within)
        if operator in NESTED_DOMAIN_OPERATORS:
            value = self._nested_domain(field, index, term, within)
        elif operator in HIERARCHY_OPERATORS:
            self._spend_values(value, index, term, within)
            _check_hierarchy_value(value, index, term, within)
        else:
            if operator in LIST_OPERATORS and not isinstance(value, (list, tuple)):
                value = [value]
            self._spend_values(value, index, term, within)
            value = _typed_value(field, operator, _checked_value(value, index, term, within), index, term, within)
        return [path, operator, value]

    def _spend_values(self, value: Any, index: int, term: Any, within: tuple[int, ...]) -> None:
        """Count a list's items against the filter's value budget (a scalar is free)."""
        if not isinstance(value, (list, tuple)):
            return
        self.values_remaining -= len(value)
        if self.values_remaining < 0:
            summary = [term[0], term[1], f"<{len(value)} values>"]  # not the whole list back
            _fail(index, summary, within,
                  f"the filter's value lists hold more than {self.max_values} items in total",
                  max_values=self.max_values)

    def _final_field(self, path: str, model: ModelInfo, index: int, term: Any,
                     within: tuple[int, ...]) -> FieldInfo:
        """Walk the dotted ``path`` across relations; return its last field."""
        segments = path.split(".")
        if len(segments) > MAX_PATH_SEGMENTS:
            _fail(index, term, within, f"the path {path!r} has more than {MAX_PATH_SEGMENTS} segments")
        current = model
        for position, name in enumerate(segments):
            field = current.field(name)
            if field is None:
                _fail(index, term, within, f"unknown field {name!r} on model {current.name}",
                      field=name, model=current.name)
            if name in self.sensitive or not field.readable:
                raise AccessError(
                    f"Field {name!r} of model {current.name} cannot be used in a filter "
                    f"(term at {_position(within, index)})",
                    {"field": name, "model": current.name, **_located(index, term, within),
                     **({"restriction": "field"} if name in current.restricted_fields else {})},
                )
            if name == EXTERNAL_ID:
                _fail(index, term, within, f"{EXTERNAL_ID} cannot be used in a filter; address the record "
                      "by it instead (/{model}/{module.name})", field=name, model=current.name)
            if position < len(segments) - 1:
                if not field.is_relational or not field.relation:
                    _fail(index, term, within,
                          f"field {name!r} of model {current.name} is not relational; "
                          f"the path {path!r} cannot go through it",
                          field=name, model=current.name)
                current = self.lookup(field.relation)
        assert field is not None  # a path has at least one segment
        return field

    def _nested_domain(self, field: FieldInfo, index: int, term: Any, within: tuple[int, ...]) -> list:
        if not field.is_relational or not field.relation:
            _fail(index, term, within,
                  f"'any'/'not any' needs a relational field; {field.name!r} is {field.type}")
        if not isinstance(term[2], (list, tuple)):
            _fail(index, term, within, f"the value of '{term[1]}' must be a domain (a list)",
                  got=_json_type(term[2]))
        if len(within) >= MAX_NESTED_DOMAINS:
            _fail(index, term, within, f"'any'/'not any' domains nest more than {MAX_NESTED_DOMAINS} levels")
        return self.domain(term[2], self.lookup(field.relation), within + (index,))


def _check_elements(raw: list | tuple, within: tuple[int, ...]) -> None:
    """Every element is a logical operator or a three-item term."""
    for index, element in enumerate(raw):
        if isinstance(element, str):
            if element not in LOGICAL_ARITY:
                _fail(index, element, within,
                      f"{element!r} is not a logical operator ('&', '|' or '!') nor a term")
        elif not isinstance(element, (list, tuple)):
            _fail(index, element, within,
                  "an element must be a term [field, operator, value] or '&', '|', '!'")
        elif len(element) != 3:
            _fail(index, element, within,
                  f"a term has exactly 3 items [field, operator, value], not {len(element)}")


def _check_arity(raw: list | tuple, within: tuple[int, ...]) -> None:
    """Odoo's prefix-notation check; consecutive expressions are implicitly AND-ed.

    ``pending`` holds ``[index, operands still needed]`` of every open operator,
    innermost last, so the first one lacking operands can be named.
    """
    pending: list[list[int]] = []
    for index, element in enumerate(raw):
        if isinstance(element, str):
            pending.append([index, LOGICAL_ARITY[element]])
            continue
        # A term completes one operand, which may complete the operators above it.
        while pending:
            pending[-1][1] -= 1
            if pending[-1][1]:
                break
            pending.pop()
    if pending:
        index, missing = pending[-1]
        operator = raw[index]
        raise ValidationError(
            f"Invalid filter at {_position(within, index)}: operator {operator!r} lacks {missing} operand(s)",
            {"index": index, "operator": operator, "missing": missing, **_within(within)},
        )


def _is_constant_leaf(term: list | tuple) -> bool:
    """Odoo's TRUE_LEAF ``[1, "=", 1]`` and FALSE_LEAF ``[0, "=", 1]``, with true ints only."""
    path, operator, value = term
    return type(path) is int and path in (0, 1) and operator == "=" and type(value) is int and value == 1


def _check_hierarchy_value(value: Any, index: int, term: Any, within: tuple[int, ...]) -> None:
    """``child_of``/``parent_of`` take an id, a list of ids, or a name."""
    if isinstance(value, str):
        _checked_scalar(value, index, term, within)
        return
    ids = value if isinstance(value, (list, tuple)) else [value]
    for item in ids:
        if type(item) is not int:
            _fail(index, term, within, f"'{term[1]}' takes an id, a list of ids or a name")
        _checked_scalar(item, index, term, within)


def _checked_value(value: Any, index: int, term: Any, within: tuple[int, ...]) -> Any:
    """A JSON scalar or a flat list of JSON scalars (lists come back as lists)."""
    if isinstance(value, (list, tuple)):
        return [_checked_scalar(item, index, term, within) for item in value]
    return _checked_scalar(value, index, term, within)


def _typed_value(field: FieldInfo, operator: str, value: Any, index: int, term: Any,
                 within: tuple[int, ...]) -> Any:
    """The value read by the type of the term's (last) field; datetimes become naive UTC."""
    try:
        return filter_operand(field, operator, value)
    except ValidationError as exc:
        _fail(index, term, within, exc.message, **exc.details)


def _checked_scalar(value: Any, index: int, term: Any, within: tuple[int, ...]) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            _fail(index, term, within, "integer value out of the signed 64-bit range")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            _fail(index, term, within, "float value must be finite")
        return value
    if isinstance(value, str):
        if "\x00" in value:
            _fail(index, term, within, "string value contains a NUL character")
        return value
    if isinstance(value, (list, tuple)):
        _fail(index, term, within, "a value is a scalar or a flat list of scalars, not nested lists")
    return _fail(index, term, within, f"a value cannot be a JSON {_json_type(value)}")


def _fail(index: int, term: Any, within: tuple[int, ...], reason: str, **extra: Any) -> NoReturn:
    raise ValidationError(
        f"Invalid filter term at {_position(within, index)}: {reason}",
        {**_located(index, term, within), **extra},
    )


def _located(index: int, term: Any, within: tuple[int, ...]) -> dict:
    return {"index": index, "term": term, **_within(within)}


def _within(within: tuple[int, ...]) -> dict:
    return {"within": list(within)} if within else {}


def _position(within: tuple[int, ...], index: int) -> str:
    """``index 2`` at top level, ``index 0 of the domain nested at 2.1`` inside ``any``."""
    if not within:
        return f"index {index}"
    return f"index {index} of the domain nested at {'.'.join(map(str, within))}"


def _json_type(value: Any) -> str:
    names = {dict: "object", str: "string", bool: "boolean", int: "number", float: "number",
             type(None): "null", list: "list", tuple: "list"}
    return names.get(type(value), type(value).__name__)
