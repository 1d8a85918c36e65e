"""Use case ``GET /{model}/aggregate``: groups of records with counts, sums and the like."""
from __future__ import annotations

from attrs import frozen

from ..domain.aggregate_values import group_encoder
from ..domain.aggregation import parse_aggregate_query
from ..domain.errors import ValidationError
from ..domain.pagination import PageRequest
from .outcome import Outcome
from .read import parse_filter
from .session import Session
from ..domain.limits import INT4_MAX
from .capabilities import Aggregates, capability

MAX_OFFSET = INT4_MAX


@frozen
class AggregateParams:
    """The query-string parameters of an aggregate request, as sent."""

    groupby: str | None = None
    aggregates: str | None = None
    filter: str | None = None
    order: str | None = None
    limit: str | None = None
    offset: str | None = None
    context: str | None = None


def aggregate_records(session: Session, model_name: str, params: AggregateParams) -> Outcome:
    """The groups of the records matching ``filter``, computed by the store as the user."""
    model = session.model(model_name)
    query = parse_aggregate_query(params.groupby, params.aggregates, params.order, model,
                                  session.sensitive)
    domain = parse_filter(session, model, params.filter)
    limit = PageRequest.from_params(params.limit, None, None, session.settings.max_limit).limit
    offset = _offset(params.offset)
    store = session.store_for_text(params.context)
    rows = capability(store, Aggregates).read_group(model.name, domain, query, offset, limit)
    encode = group_encoder(query, model)
    groups = [encode(row) for row in rows]
    return Outcome("Groups computed successfully", {"groups": groups, "count": len(groups)})


def _offset(text: str | None) -> int:
    if text is None:
        return 0
    if not text.isascii() or not text.isdigit() or len(text) > 10 or int(text) > MAX_OFFSET:
        raise ValidationError(f"Parameter 'offset' expects an integer from 0 to {MAX_OFFSET}",
                              {"parameters": [{"parameter": "offset", "got": text[:40]}]})
    return int(text)
