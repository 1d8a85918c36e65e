"""Use cases that read records: list, read one, search."""
from __future__ import annotations

from attrs import frozen

from ..domain.criteria import validate_domain
from ..domain.errors import ValidationError
from ..domain.json_input import decode_json
from ..domain.model_info import ModelInfo
from ..domain.ordering import parse_order
from ..domain.pagination import PageRequest, pagination_block
from ..domain.preconditions import NO_PRECONDITIONS, Preconditions
from ..domain.resolution import ResolvedSelection
from ..domain.external_ids import RecordRef
from . import external_ids
from .outcome import Outcome
from .requests import ListQuery, SearchBody
from .session import Session
from .shaping import encode_record, encode_records, selection_for, selection_of_names
from .versions import etag_headers, etag_of, with_version
from ..domain.limits import INT4_MAX


def parse_filter(session: Session, model: ModelInfo, text: str | None) -> list:
    """The ``filter`` parameter (JSON text) as a checked Odoo domain."""
    if text is None:
        return []
    raw = decode_json(text, "filter", session.settings.max_json_depth)
    return checked_domain(session, model, raw)


def checked_domain(session: Session, model: ModelInfo, raw: object) -> list:
    """A decoded domain, checked against the model."""
    return validate_domain(raw, model, session.lookup, session.sensitive,
                           session.settings.max_filter_terms, session.settings.max_ids)


def order_text(session: Session, model: ModelInfo, raw: str | list | None) -> str | None:
    """The ``order`` parameter as Odoo's order string, every term checked."""
    ordering = parse_order(raw, model, session.sensitive)
    return ordering.render() if ordering else None


@frozen
class ListPage:
    """One page of a list: the selection read, the JSON records, the page and the total count."""

    selection: ResolvedSelection
    records: list[dict]
    page: PageRequest
    total: int


def list_page(session: Session, model_name: str, params: ListQuery) -> ListPage:
    """The records a ``GET /{model}`` asks for, whatever form the answer takes (JSON, CSV, XLSX)."""
    model = session.model(model_name)
    selection = selection_for(session, model, params.query)
    domain = parse_filter(session, model, params.filter)
    order = order_text(session, model, params.order)
    page = PageRequest.from_params(params.limit, params.page, params.page_size,
                                   session.settings.max_limit)
    store = session.store_for_text(params.context)
    rows = [] if page.is_empty else external_ids.read_with_external_ids(
        store, selection, lambda plain: store.search_read(model.name, domain, plain, order, page.offset, page.limit))
    total = known_total(page.offset, page.limit, rows)
    if total is None:
        total = store.search_count(model.name, domain)
    return ListPage(selection, encode_records(selection, rows), page, total)


def list_records(session: Session, model_name: str, params: ListQuery) -> Outcome:
    """``GET /{model}``: a page of records with the pagination block."""
    found = list_page(session, model_name, params)
    data = {"records": found.records,
            "pagination": pagination_block(found.page, found.total, len(found.records))}
    return Outcome("Records retrieved successfully", data)


def known_total(offset: int, limit: int, rows: list) -> int | None:
    """The number of matching records when the page shows it, else None (count them).

    A window that came back short holds the last matching record, so the total is
    ``offset`` plus the rows, unless it is empty past the first row: then the
    records may end anywhere before ``offset``.
    """
    if limit <= 0 or len(rows) >= limit or (offset > 0 and not rows):
        return None
    return offset + len(rows)


def read_record(session: Session, model_name: str, ref: RecordRef, query: str | None,
                context: str | None = None, preconditions: Preconditions = NO_PRECONDITIONS) -> Outcome:
    """``GET /{model}/{id}``: one record with its ``ETag`` (404 when missing or invisible);
    304 without a body when ``If-None-Match`` names the current version."""
    model = session.model(model_name)
    selection = selection_for(session, model, query)
    record_id = external_ids.record_id(session, model.name, ref)
    store = session.store_for_text(context)
    rows = external_ids.read_with_external_ids(store, selection, lambda plain: store.read(
        model.name, [record_id], with_version(model, plain)))
    headers = etag_headers(tag := etag_of(model, rows[0]))
    if preconditions.not_modified(tag):
        return Outcome("Not modified", None, 304, headers)
    return Outcome("Record retrieved successfully", encode_record(selection, rows[0]), 200, headers)


def search_records(session: Session, model_name: str, body: SearchBody) -> Outcome:
    """``POST /{model}/search``: a domain search with offset and limit in the body."""
    model = session.model(model_name)
    if body.fields is not None and body.query is not None:
        raise ValidationError("Give either 'fields' or 'query', not both")
    selection = (selection_of_names(session, model, body.fields) if body.fields is not None
                 else selection_for(session, model, body.query))
    domain = checked_domain(session, model, body.domain)
    order = order_text(session, model, body.order)
    limit = _bounded("limit", body.limit, 1, session.settings.max_limit,
                     default=session.settings.max_limit)
    offset = _bounded("offset", body.offset, 0, INT4_MAX, default=0)
    store = session.store_for(body.context)
    rows = external_ids.read_with_external_ids(
        store, selection, lambda plain: store.search_read(model.name, domain, plain, order, offset, limit))
    total = known_total(offset, limit, rows)
    data = {"records": encode_records(selection, rows), "count": len(rows),
            "total_count": store.search_count(model.name, domain) if total is None else total,
            "offset": offset, "limit": limit}
    return Outcome("Records retrieved successfully", data)


def _bounded(name: str, value: int | None, low: int, high: int, default: int) -> int:
    if value is None:
        return default
    if not low <= value <= high:
        raise ValidationError(f"{name} must be between {low} and {high}", {name: value})
    return value
