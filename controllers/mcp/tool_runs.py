"""What each MCP tool does: its arguments handed to the same use cases as REST, its answer as
the tool's structured content. Sized for a model's context: small pages, summary fields."""
from __future__ import annotations

from typing import cast

from ...application import aggregate, metadata, methods, model_index, read, write
from ...application.record_reference import record_ref
from ...application.requests import BulkUpdateBody, CallBody, RecordBody, SearchBody
from ...application.outcome import Outcome
from ...application.session import Session
from ...domain.errors import AccessError, NotFound, ValidationError
from ...domain.limits import AGENT_PAGE_SIZE, INT4_MAX
from ...domain.model_info import ModelInfo
from ...domain.summary_fields import summary_query
from ..codec import dump_json
from ..http_api import Call
from . import arguments as a

DESCRIBED_ATTRIBUTES = ("type", "string", "required", "readonly", "relation", "selection")


def default_query(session: Session, model: ModelInfo) -> str:
    """The selection an agent gets when it names none: the summary fields (``domain/summary_fields``)."""
    return summary_query(model, session.sensitive, lambda name: _readable(session, name))


def _readable(session: Session, name: str) -> bool:
    try:
        session.lookup(name)
    except (NotFound, AccessError):
        return False
    return True


def _data(outcome: Outcome) -> dict:
    """A use case's JSON answer (an object, for every use case a tool calls)."""
    return cast(dict, outcome.data)


def list_models(call: Call, args: a.ListModelsArguments) -> dict:
    index = _data(call.host.memoized(("openapi_models", call.session.restrictions.fingerprint),
                               lambda: model_index.model_index(call.session)))["models"]
    if args.search:
        needle = args.search.casefold()
        index = [item for item in index
                 if needle in item["model"].casefold() or needle in (item["description"] or "").casefold()]
    return {"models": index, "count": len(index)}


def describe_model(call: Call, args: a.DescribeModelArguments) -> dict:
    attributes = ",".join(args.attributes) if args.attributes is not None else ",".join(DESCRIBED_ATTRIBUTES)
    fields = _data(metadata.describe_fields(call.session, args.model, attributes))["fields"]
    model = call.session.model(args.model)
    return {"model": model.name, "description": model.description, "fields": fields,
            "default_query": default_query(call.session, model)}


def search_records(call: Call, args: a.SearchArguments) -> dict:
    session = call.session
    model = session.model(args.model)
    query = args.query if args.query is not None else default_query(session, model)
    limit = AGENT_PAGE_SIZE if args.limit is None else args.limit
    if args.page < 1 or (args.page - 1) * max(limit, 1) > INT4_MAX:
        raise ValidationError("page must be 1 or more, within the matching records", {"page": args.page})
    offset = (args.page - 1) * limit
    found = _data(read.search_records(session, model.name, SearchBody(
        domain=args.domain, query=query, limit=limit, offset=offset, order=args.order)))
    returned, total = found["count"], found["total_count"]
    more = offset + returned < total
    result = {"model": model.name, "query": query, "records": found["records"],
              "pagination": {"page": args.page, "limit": limit, "returned": returned, "total": total,
                             "truncated": more, "next_page": args.page + 1 if more else None}}
    if more:
        result["note"] = (f"Showing records {offset + 1}-{offset + returned} of {total}: call search_records "
                          f"again with page={args.page + 1} for the next {limit}.")
    return result


def read_record(call: Call, args: a.ReadArguments) -> dict:
    session = call.session
    model = session.model(args.model)
    query = args.query if args.query is not None else default_query(session, model)
    found = read.read_record(session, model.name, record_ref(args.id), query)
    return {"model": model.name, "query": query, "record": found.data}


def aggregate_records(call: Call, args: a.AggregateArguments) -> dict:
    params = aggregate.AggregateParams(
        groupby=",".join(args.groupby) or None, aggregates=",".join(args.aggregates) or None,
        filter=dump_json(args.domain).decode() if args.domain else None, order=args.order,
        limit=str(AGENT_PAGE_SIZE if args.limit is None else args.limit))
    found = _data(aggregate.aggregate_records(call.session, args.model, params))
    return {"model": args.model, "groups": found["groups"], "count": found["count"]}


def create_record(call: Call, args: a.CreateArguments) -> dict:
    found = write.create_record(call.session, args.model, RecordBody(args.values), args.query)
    return {"model": args.model, "id": _data(found)["id"], "record": found.data}


def update_records(call: Call, args: a.UpdateArguments) -> dict:
    if args.ids is None and args.domain is None:
        raise ValidationError("Give the records to update: 'ids', or a 'domain'")
    found = write.update_many(call.session, args.model, BulkUpdateBody(args.values, args.domain), args.ids)
    return {"model": args.model, **_data(found)}


def delete_records(call: Call, args: a.DeleteArguments) -> dict:
    found = write.delete_many(call.session, args.model, args.ids)
    return {"model": args.model, "ids": _data(found)["ids"], "count": _data(found)["count"]}


def call_method(call: Call, args: a.CallArguments) -> dict:
    found = methods.call_method(call.session, args.model, args.ids, args.method,
                                CallBody(args.args, args.kwargs))
    return {"model": args.model, "method": args.method, "result": _data(found)["result"]}
