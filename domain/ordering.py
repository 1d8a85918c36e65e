"""The ``order`` parameter (spec §6): Odoo order terms parsed and checked against a model.

Only plain field names are accepted (no dotted paths, no quoting, no functions), so
the rendered order string is safe to hand to the ORM.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Set
from typing import Any

import attrs
from attrs import frozen
from attrs.validators import in_

from .errors import AccessError, ValidationError
from .model_info import ModelInfo
from .limits import IDENTIFIER_PATTERN

FIELD_NAME = re.compile(IDENTIFIER_PATTERN)
DIRECTIONS = {"asc": False, "desc": True}
NULLS = ("first", "last")


@frozen
class OrderTerm:
    """One sort key: a field, its direction, and where NULLs go (``first``/``last``/None)."""

    field: str
    descending: bool = False
    nulls: str | None = attrs.field(default=None, validator=in_((*NULLS, None)))  # `field` is taken above

    def render(self) -> str:
        """The Odoo form, e.g. ``name desc nulls last``."""
        text = f"{self.field} {'desc' if self.descending else 'asc'}"
        return f"{text} nulls {self.nulls}" if self.nulls else text


@frozen
class Ordering:
    """A checked, non-empty sequence of sort keys."""

    terms: tuple[OrderTerm, ...]

    def render(self) -> str:
        """The Odoo order string, e.g. ``name desc, id asc``."""
        return ", ".join(term.render() for term in self.terms)


def parse_order(raw: str | list | None, model: ModelInfo, sensitive: Set[str]) -> Ordering | None:
    """Parse ``raw`` (``"name desc, id"``, ``["name desc", "id"]`` or that list as JSON text).

    Returns None for no order (None, empty or blank string, empty list). Raises
    ``ValidationError`` for bad syntax (``details`` give the term's ``index``),
    unknown, unsortable or repeated fields, and ``AccessError`` for sensitive or
    unreadable fields.
    """
    texts = _term_texts(raw)
    if not texts:
        return None
    terms = tuple(_parse_term(text, index) for index, text in enumerate(texts))
    _check_fields(terms, model, sensitive)
    return Ordering(terms)


def _term_texts(raw: Any) -> list[str]:
    """The text of every term, from any of the three accepted forms."""
    if raw is None:
        return []
    if isinstance(raw, str):
        if raw.lstrip().startswith("["):
            return _term_texts_of_list(_decode_json(raw))
        return [] if not raw.strip() else raw.split(",")
    if isinstance(raw, (list, tuple)):
        return _term_texts_of_list(raw)
    raise ValidationError("An order must be a string or a list of strings", {"order": raw})


def _decode_json(raw: str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly nested brackets
        raise ValidationError("The order is not valid JSON", {"order": raw}) from exc


def _term_texts_of_list(items: list | tuple) -> list[str]:
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise ValidationError(f"Order term at index {index} must be a string",
                                  {"index": index, "term": item})
        if "," in item:
            raise ValidationError(f"Order term at index {index} holds a comma; give one term per list item",
                                  {"index": index, "term": item})
    return list(items)


def _parse_term(text: str, index: int) -> OrderTerm:
    """``field [asc|desc] [nulls first|nulls last]``; keywords in any case."""
    words = text.split()
    if not words:
        _syntax(index, text, "empty order term")
    name, keywords = words[0], [w.lower() for w in words[1:]]
    if not FIELD_NAME.fullmatch(name):
        hint = " (ordering on a related field's path is not supported)" if "." in name else ""
        _syntax(index, text, f"{name!r} is not a field name{hint}")
    descending = False
    if keywords and keywords[0] in DIRECTIONS:
        descending = DIRECTIONS[keywords.pop(0)]
    nulls = None
    if keywords[:1] == ["nulls"] and len(keywords) >= 2 and keywords[1] in NULLS:
        nulls = keywords[1]
        keywords = keywords[2:]
    if keywords:
        _syntax(index, text, "expected 'field [asc|desc] [nulls first|nulls last]'")
    return OrderTerm(name, descending, nulls)


def _syntax(index: int, text: str, reason: str) -> None:
    raise ValidationError(f"Invalid order term at index {index}: {reason}",
                          {"index": index, "term": text.strip()})


def _check_fields(terms: tuple[OrderTerm, ...], model: ModelInfo, sensitive: Set[str]) -> None:
    """Report every unknown, then hidden, unsortable and repeated field of one order together."""
    names = [term.field for term in terms]
    unknown = [n for n in names if model.field(n) is None]
    if unknown:
        raise ValidationError(f"Unknown field(s) {', '.join(unknown)} on model {model.name} in order",
                              {"model": model.name, "fields": unknown})
    hidden = [n for n in names if n in sensitive or not model.fields[n].readable]
    if hidden:
        raise AccessError(f"Field(s) {', '.join(hidden)} of model {model.name} cannot be used to order",
                          model.refused_fields(hidden))
    unsortable = [n for n in names if not model.fields[n].sortable]
    if unsortable:
        raise ValidationError(f"Field(s) {', '.join(unsortable)} of model {model.name} cannot be sorted on",
                              {"model": model.name, "fields": unsortable})
    repeated = sorted(n for n, count in Counter(names).items() if count > 1)
    if repeated:
        raise ValidationError(f"Field(s) {', '.join(repeated)} appear more than once in order",
                              {"model": model.name, "fields": repeated})
