"""The aggregate parameters (spec §12): ``groupby``, ``aggregates`` and ``order`` checked on a model.

Grammar (each parameter is a JSON list of strings, or the strings comma-separated):
```
groupby   := field | field ":" granularity     granularity: day week month quarter year
aggregate := "__count" | field ":" function     function: sum avg min max count
                                                          count_distinct bool_and bool_or
order     := spec [asc|desc]                    spec: one of the groupby or aggregate specs
```
Which function fits which field type is decided here, so that every query that
passes can be run by PostgreSQL (``sum`` of a text column would be a 500).
"""
from __future__ import annotations

import json
from collections.abc import Set
from typing import Any

from attrs import frozen

from .errors import AccessError, ValidationError
from .model_info import FieldInfo, ModelInfo
from .limits import NUMERIC_TYPES

COUNT = "__count"
GRANULARITIES = ("day", "week", "month", "quarter", "year")
DATE_TYPES = frozenset({"date", "datetime"})
NUMBER_TYPES = NUMERIC_TYPES
GROUPABLE_TYPES = frozenset({"char", "text", "selection", "boolean", "many2one"}) | NUMBER_TYPES | DATE_TYPES
# Field types each function accepts; count/count_distinct accept any groupable column.
FUNCTION_TYPES = {
    "sum": NUMBER_TYPES,
    "avg": NUMBER_TYPES,
    "min": NUMBER_TYPES | DATE_TYPES,
    "max": NUMBER_TYPES | DATE_TYPES,
    "count": GROUPABLE_TYPES,
    "count_distinct": GROUPABLE_TYPES,
    "bool_and": frozenset({"boolean"}),
    "bool_or": frozenset({"boolean"}),
}
MAX_GROUPBY = 6
MAX_AGGREGATES = 50


@frozen
class GroupBy:
    """One grouping key: a field, with a granularity for dates."""

    field: str
    granularity: str | None = None

    @property
    def spec(self) -> str:
        """The key of this group's value in each group, e.g. ``date:month``."""
        return f"{self.field}:{self.granularity}" if self.granularity else self.field


@frozen
class Aggregate:
    """One aggregated value: ``function`` over ``field``, or the record count."""

    field: str | None
    function: str

    @property
    def spec(self) -> str:
        return COUNT if self.field is None else f"{self.field}:{self.function}"


@frozen
class GroupOrder:
    """One sort key over the groups: a groupby or aggregate spec and its direction."""

    spec: str
    descending: bool = False

    def render(self) -> str:
        return f"{self.spec} {'desc' if self.descending else 'asc'}"


@frozen
class AggregateQuery:
    """A checked aggregate request: what to group by, what to compute, how to sort groups."""

    groupby: tuple[GroupBy, ...]
    aggregates: tuple[Aggregate, ...]
    order: tuple[GroupOrder, ...] = ()

    def render_order(self) -> str | None:
        """Odoo's ``_read_group`` order string, or None for its default (the groupby order)."""
        return ", ".join(term.render() for term in self.order) or None


def parse_aggregate_query(groupby: Any, aggregates: Any, order: Any, model: ModelInfo,
                          sensitive: Set[str]) -> AggregateQuery:
    """The three parameters (text or lists) checked against ``model``.

    Raises ``ValidationError`` (bad syntax, unknown, unstored or unfit fields, bad
    granularity or function, repeated specs, an order on something not requested)
    and ``AccessError`` (sensitive fields, fields whose groups the user lacks).
    """
    groups = tuple(_groupby(text, index) for index, text in enumerate(
        spec_list(groupby, "groupby", MAX_GROUPBY)))
    sums = tuple(_aggregate(text, index) for index, text in enumerate(
        spec_list(aggregates, "aggregates", MAX_AGGREGATES) or [COUNT]))
    _check_fields(model, sensitive, [g.field for g in groups] + [a.field for a in sums if a.field])
    for group in groups:
        _check_groupby(group, model.fields[group.field], model.name)
    for aggregate in sums:
        if aggregate.field is not None:
            _check_aggregate(aggregate, model.fields[aggregate.field], model.name)
    _no_repeats("groupby", [g.spec for g in groups])
    _no_repeats("aggregates", [a.spec for a in sums])
    known = [g.spec for g in groups] + [a.spec for a in sums]
    terms = tuple(_order_term(text, index, known) for index, text in enumerate(
        spec_list(order, "order", len(known))))
    _no_repeats("order", [t.spec for t in terms])
    return AggregateQuery(groups, sums, terms)


def groupby_specs(model: ModelInfo, sensitive: Set[str]) -> list[str]:
    """Every groupby spec ``model`` accepts from this user (for the OpenAPI document)."""
    specs: list[str] = []
    for field in _usable_fields(model, sensitive):
        if field.type in DATE_TYPES:
            specs.extend(f"{field.name}:{granularity}" for granularity in GRANULARITIES)
        elif field.type in GROUPABLE_TYPES:
            specs.append(field.name)
    return specs


def aggregate_specs(model: ModelInfo, sensitive: Set[str]) -> list[str]:
    """Every aggregate spec ``model`` accepts from this user, ``__count`` first."""
    return [COUNT] + [f"{field.name}:{function}" for field in _usable_fields(model, sensitive)
                      for function, types in FUNCTION_TYPES.items() if field.type in types]


def _usable_fields(model: ModelInfo, sensitive: Set[str]) -> list[FieldInfo]:
    return [field for name, field in model.fields.items()
            if field.stored and field.readable and name not in sensitive]


def spec_list(raw: Any, name: str, most: int) -> list[str]:
    """A parameter given as a JSON list of strings, or as comma-separated text."""
    if raw is None:
        return []
    if isinstance(raw, str):
        if raw.lstrip().startswith("["):
            try:
                raw = json.loads(raw)
            except (ValueError, RecursionError) as exc:
                raise ValidationError(f"{name} is not valid JSON", {name: raw[:200]}) from exc
        else:
            raw = [part for part in raw.split(",") if part.strip()]
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ValidationError(f"{name} must be a list of strings or comma-separated text",
                              {name: str(raw)[:200]})
    if len(raw) > most:
        raise ValidationError(f"{name} has more than {most} items", {name: len(raw), "max": most})
    return [item.strip() for item in raw]


def _groupby(text: str, index: int) -> GroupBy:
    name, _, granularity = text.partition(":")
    _check_name(name, "groupby", index, text)
    if ":" in text and granularity not in GRANULARITIES:
        raise ValidationError(
            f"Invalid groupby at index {index}: granularity {granularity!r} is not one of "
            f"{', '.join(GRANULARITIES)}", {"index": index, "groupby": text})
    return GroupBy(name, granularity or None)


def _aggregate(text: str, index: int) -> Aggregate:
    if text == COUNT:
        return Aggregate(None, "count")
    name, colon, function = text.partition(":")
    _check_name(name, "aggregates", index, text)
    if not colon or function not in FUNCTION_TYPES:
        raise ValidationError(
            f"Invalid aggregate at index {index}: expected 'field:function' with function one of "
            f"{', '.join(FUNCTION_TYPES)}, or '{COUNT}'", {"index": index, "aggregate": text})
    return Aggregate(name, function)


def _check_name(name: str, param: str, index: int, text: str) -> None:
    if not name.isidentifier() or name.startswith("__"):
        raise ValidationError(f"Invalid {param} at index {index}: {name!r} is not a field name",
                              {"index": index, param: text})


def _check_fields(model: ModelInfo, sensitive: Set[str], names: list[str]) -> None:
    """Every unknown, then every hidden field of the request, in one error."""
    unknown = sorted({n for n in names if model.field(n) is None})
    if unknown:
        raise ValidationError(f"Unknown field(s) {', '.join(unknown)} on model {model.name}",
                              {"model": model.name, "fields": unknown})
    hidden = sorted({n for n in names if n in sensitive or not model.fields[n].readable})
    if hidden:
        raise AccessError(f"Field(s) {', '.join(hidden)} of model {model.name} cannot be aggregated",
                          model.refused_fields(hidden))
    unstored = sorted({n for n in names if not model.fields[n].stored})
    if unstored:
        raise ValidationError(
            f"Field(s) {', '.join(unstored)} of model {model.name} are not stored and cannot be "
            "grouped or aggregated", {"model": model.name, "fields": unstored})


def _check_groupby(group: GroupBy, field: FieldInfo, model: str) -> None:
    if field.type not in GROUPABLE_TYPES:
        raise ValidationError(f"Cannot group {model} by {field.name!r} (a {field.type} field)",
                              {"model": model, "field": field.name, "type": field.type})
    if field.type in DATE_TYPES and group.granularity is None:
        raise ValidationError(
            f"Grouping by the {field.type} field {field.name!r} needs a granularity, e.g. "
            f"'{field.name}:month' ({', '.join(GRANULARITIES)})",
            {"model": model, "field": field.name})
    if field.type not in DATE_TYPES and group.granularity is not None:
        raise ValidationError(
            f"A granularity applies to date and datetime fields only; {field.name!r} is {field.type}",
            {"model": model, "groupby": group.spec})


def _check_aggregate(aggregate: Aggregate, field: FieldInfo, model: str) -> None:
    if field.type not in FUNCTION_TYPES[aggregate.function]:
        raise ValidationError(
            f"Cannot compute {aggregate.function} of {field.name!r} (a {field.type} field) on {model}",
            {"model": model, "aggregate": aggregate.spec, "type": field.type})


def _no_repeats(param: str, specs: list[str]) -> None:
    repeated = sorted({s for s in specs if specs.count(s) > 1})
    if repeated:
        raise ValidationError(f"{param} repeats {', '.join(repeated)}", {param: repeated})


def _order_term(text: str, index: int, known: list[str]) -> GroupOrder:
    words = text.split()
    direction = words[1].lower() if len(words) == 2 else "asc"
    if not words or len(words) > 2 or direction not in ("asc", "desc"):
        raise ValidationError(f"Invalid order term at index {index}: expected 'spec [asc|desc]'",
                              {"index": index, "term": text})
    if words[0] not in known:
        raise ValidationError(
            f"Order term at index {index}: {words[0]!r} is not one of the groupby or aggregates",
            {"index": index, "term": text, "allowed": known})
    return GroupOrder(words[0], direction == "desc")
