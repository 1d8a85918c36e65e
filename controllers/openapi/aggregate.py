"""The OpenAPI operation of ``GET /{model}/aggregate`` (spec §12)."""
from __future__ import annotations

from collections.abc import Callable, Set

from ...domain.aggregation import (FUNCTION_TYPES, GRANULARITIES, MAX_AGGREGATES, MAX_GROUPBY,
                                  aggregate_specs, groupby_specs)
from .envelope import success_response
from .operation import CAPABILITY_ERRORS, READ_ERRORS
from .parts import comma_list_parameter
from ...domain.model_info import ModelInfo
from ...domain.limits import INT4_MAX


def aggregate_operation(op: Callable[..., dict], model: ModelInfo, sensitive: Set[str]) -> dict:
    """The operation, built with the model's ``op`` helper (tag, operation id, error responses).

    The specs the model accepts from this user are listed, so that clients (and fuzzers) see them.
    """
    specs = groupby_specs(model, sensitive)
    # The example groups by a plain field other than the id where there is one.
    plain = [spec for spec in specs if ":" not in spec and spec != "id"] or specs
    groupby = comma_list_parameter(
        "groupby", "Fields to group by, comma-separated (a JSON list is read too); `field:month` "
        f"etc. on dates ({', '.join(GRANULARITIES)}). None: one group of totals",
        specs, most=MAX_GROUPBY, empty=True, example=plain[0])
    aggregates = comma_list_parameter(
        "aggregates", "`field:function` (" + ", ".join(FUNCTION_TYPES)
        + ") or `__count`, comma-separated (a JSON list is read too; default `__count`)",
        aggregate_specs(model, sensitive), most=MAX_AGGREGATES, empty=True, example="__count")
    order = {"name": "order", "in": "query", "schema": {"type": "string"}, "example": "__count desc",
             "description": "Groupby or aggregate specs with `asc`/`desc`, e.g. `list_price:sum desc`"}
    offset = {"name": "offset", "in": "query", "description": "Groups to skip",
              "schema": {"type": "integer", "minimum": 0, "maximum": INT4_MAX}, "example": 0}
    group = {"type": "object", "description": "Group values by groupby spec (a many2one as "
             "`{id, display_name}`, a date period as its first day), then aggregates by spec",
             "additionalProperties": True}
    data = {"type": "object", "required": ["groups", "count"], "properties": {
        "groups": {"type": "array", "items": group}, "count": {"type": "integer", "minimum": 0}}}
    return op("aggregate", f"Groups of {model.description} records with counts, sums, averages…",
              {"200": success_response("The groups", data)},
              errors=(*READ_ERRORS, *CAPABILITY_ERRORS),
              parameters=(groupby, aggregates, "filter", order, "limit", offset, "context"))
