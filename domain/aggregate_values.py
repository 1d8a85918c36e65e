"""Groups as the store reads them, encoded as the JSON groups of spec §12."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from .aggregation import AggregateQuery
from .model_info import ModelInfo
from .values import encode_date, value_encoder

Encoder = Callable[[Any], Any]


def group_encoder(query: AggregateQuery, model: ModelInfo) -> Callable[[Mapping[str, Any]], dict]:
    """A function encoding one group read by the store: groupby values first, then aggregates."""
    plan: list[tuple[str, Encoder]] = []
    for group in query.groupby:
        field = model.fields[group.field]
        if group.granularity:
            plan.append((group.spec, _period_start))
        elif field.type == "many2one":
            plan.append((group.spec, _related))
        else:
            plan.append((group.spec, value_encoder(field)))
    for aggregate in query.aggregates:
        if aggregate.function in ("count", "count_distinct"):
            plan.append((aggregate.spec, _count))
        else:
            assert aggregate.field is not None  # only a count goes without a field
            plan.append((aggregate.spec, value_encoder(model.fields[aggregate.field])))
    return lambda row: {spec: encode(row.get(spec, False)) for spec, encode in plan}


def _related(raw: Any) -> dict | None:
    """Odoo's ``(id, display_name)`` pair as an object; the group of records without one is null."""
    if not raw:
        return None
    record_id, name = raw
    return {"id": record_id, "display_name": name or None}


def _period_start(raw: Any) -> str | None:
    """The first day of a date granularity's period, as ``YYYY-MM-DD`` (datetimes too)."""
    if not isinstance(raw, dt.date):
        return None
    return encode_date(raw)


def _count(raw: Any) -> int:
    return raw or 0
