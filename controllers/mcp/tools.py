"""The MCP tools: names, descriptions, schemas and annotations (the contract of issue 26), the
REST route each one stands for (whose guards it runs), and how a call is answered.

A key restricted to some operations or models is offered only the tools, and the models, it may use.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from datetime import datetime
from typing import Any

from attrs import frozen

from ...application.session import Session
from ...domain.errors import ApiError, NotFound
from ...domain.limits import AGENT_PAGE_SIZE, IDENTIFIER_PATTERN, NAME_LENGTH
from ..envelope import error_envelope
from ..codec import structure_body
from ..http_api import Call
from ..router import API_PREFIX, match
from . import arguments as a
from . import tool_runs as run
from .schemas import (IDS, ORDER, PAGINATION, QUERY, RECORDS, VALUES, domain_schema, model_schema,
                      object_schema, output_object, page_schemas)

READ_ONLY = {"readOnlyHint": True, "openWorldHint": False}


@frozen
class Tool:
    """One tool. ``operation``: what it does to a model (``read``, ``create``, ``write``, ``unlink``,
    ``method``), for restricted keys; ``route``: the REST route (verb, path) it stands for."""

    name: str
    title: str
    description: str
    operation: str
    route: tuple[str, str]
    arguments: type
    runner: Callable[[Call, Any], dict]
    inputs: Callable[[Sequence[str] | None, int], dict]  # (the key's models or None, max limit) → schema
    output: dict
    annotations: dict

    def listing(self, session: Session) -> dict:
        """The tool as ``tools/list`` shows it to this key."""
        models = session.restrictions.models_for(self.operation)
        return {"name": self.name, "title": self.title, "description": self.description,
                "inputSchema": self.inputs(models, session.settings.max_limit),
                "outputSchema": self.output, "annotations": {"title": self.title, **self.annotations}}


def _model_only(extra: dict[str, dict] | None = None, required: Sequence[str] = ()):
    def build(models: Sequence[str] | None, max_limit: int) -> dict:
        return object_schema({"model": model_schema(models), **(extra or {})}, ("model", *required))
    return build


def _search_inputs(models: Sequence[str] | None, max_limit: int) -> dict:
    return object_schema({"model": model_schema(models), "domain": domain_schema(), "query": QUERY,
                          "order": ORDER, **page_schemas(max_limit)}, ("model",))


def _list_models_inputs(models: Sequence[str] | None, max_limit: int) -> dict:
    return object_schema({"search": {"type": "string", "description": "Keep the models whose name or "
                                     "description contains this text, e.g. `partner`"}})


_MODEL_OUT = {"model": {"type": "string"}}
_ID_OR_XMLID = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}],
                "description": "The record's id, or its external id `module.name` (e.g. `base.main_partner`)"}
_METHOD = {"type": "string", "pattern": f"^{IDENTIFIER_PATTERN}$", "maxLength": NAME_LENGTH,
           "description": "A public method of the model, e.g. `name_search` or `action_confirm`"}

TOOLS: tuple[Tool, ...] = (
    Tool("list_models", "List models",
         "The Odoo models this API key may read, by technical name and description. Start here.",
         "read", ("GET", "/openapi/models"), a.ListModelsArguments, run.list_models, _list_models_inputs,
         output_object({"models": {"type": "array", "items": {"type": "object"}}, "count": {"type": "integer"}},
                       ["models", "count"]), READ_ONLY),
    Tool("describe_model", "Describe a model",
         "A model's fields: type, label, required, read-only, related model, selection values; "
         "and the default selection of search_records and read_record.",
         "read", ("GET", "/{model}/fields"), a.DescribeModelArguments, run.describe_model,
         _model_only({"attributes": {"type": "array", "items": {"type": "string", "enum": [
             "type", "string", "required", "readonly", "relation", "selection", "help", "sortable", "store"]}}}),
         output_object({**_MODEL_OUT, "description": {"type": "string"}, "fields": {"type": "object"},
                        "default_query": {"type": "string"}}, ["model", "fields"]), READ_ONLY),
    Tool("search_records", "Search records",
         f"Records of a model matching an Odoo domain, a page at a time ({AGENT_PAGE_SIZE} by default). "
         "Without `query`: id, display_name and a few key fields. The result says when there are more "
         "pages and which page to ask next.",
         "read", ("POST", "/{model}/search"), a.SearchArguments, run.search_records, _search_inputs,
         output_object({**_MODEL_OUT, "query": {"type": "string"}, "records": RECORDS, "pagination": PAGINATION,
                        "note": {"type": "string"}}, ["model", "records", "pagination"]), READ_ONLY),
    Tool("read_record", "Read a record",
         "One record by id or external id; `query` chooses the fields (default: a few key fields, "
         "`{*}` for all).",
         "read", ("GET", "/{model}/{id}"), a.ReadArguments, run.read_record,
         _model_only({"id": _ID_OR_XMLID, "query": QUERY}, ("id",)),
         output_object({**_MODEL_OUT, "query": {"type": "string"}, "record": {"type": "object"}},
                       ["model", "record"]), READ_ONLY),
    Tool("aggregate_records", "Aggregate records",
         "Groups of the records matching a domain with their count and aggregates, e.g. groupby "
         '["country_id"], aggregates ["__count", "credit_limit:sum"].',
         "read", ("GET", "/{model}/aggregate"), a.AggregateArguments, run.aggregate_records,
         _model_only({"groupby": {"type": "array", "items": {"type": "string"},
                                  "description": "Fields to group by, e.g. `date:month`"},
                      "aggregates": {"type": "array", "items": {"type": "string"},
                                     "description": "`__count`, `field:sum`, `field:avg`, `field:max`…"},
                      "domain": domain_schema(), "order": {"type": "string"},
                      "limit": {"type": "integer", "minimum": 1, "default": AGENT_PAGE_SIZE}}),
         output_object({**_MODEL_OUT, "groups": RECORDS, "count": {"type": "integer"}},
                       ["model", "groups", "count"]), READ_ONLY),
    Tool("create_record", "Create a record",
         "Create one record from field values; x2many fields take ids, Odoo commands or named operations. "
         "Answers the new id and the record as written.",
         "create", ("POST", "/{model}"), a.CreateArguments, run.create_record,
         _model_only({"values": VALUES, "query": QUERY}, ("values",)),
         output_object({**_MODEL_OUT, "id": {"type": "integer"}, "record": {"type": "object"}},
                       ["model", "id", "record"]),
         {"readOnlyHint": False, "destructiveHint": False, "idempotentHint": False, "openWorldHint": False}),
    Tool("update_records", "Update records",
         "Write the same values on the records given by `ids` or matching `domain`; answers their ids.",
         "write", ("PUT", "/{model}"), a.UpdateArguments, run.update_records,
         _model_only({"values": VALUES, "ids": IDS, "domain": domain_schema()}, ("values",)),
         output_object({**_MODEL_OUT, "ids": {"type": "array", "items": {"type": "integer"}},
                        "count": {"type": "integer"}}, ["model", "ids", "count"]),
         {"readOnlyHint": False, "destructiveHint": True, "idempotentHint": True, "openWorldHint": False}),
    Tool("delete_records", "Delete records",
         "Delete the records `ids`, all or none.",
         "unlink", ("DELETE", "/{model}"), a.DeleteArguments, run.delete_records,
         _model_only({"ids": IDS}, ("ids",)),
         output_object({**_MODEL_OUT, "ids": {"type": "array", "items": {"type": "integer"}},
                        "count": {"type": "integer"}}, ["model", "ids", "count"]),
         {"readOnlyHint": False, "destructiveHint": True, "idempotentHint": True, "openWorldHint": False}),
    Tool("call_method", "Call a method",
         "Call a public method of a model (without `ids`) or of records (`ids`), with positional `args` "
         "and keyword `kwargs`; e.g. `name_search`, `action_confirm`.",
         "method", ("POST", "/object/{model}/{function}"), a.CallArguments, run.call_method,
         _model_only({"method": _METHOD, "ids": IDS, "args": {"type": "array"}, "kwargs": {"type": "object"}},
                     ("method",)),
         output_object({**_MODEL_OUT, "method": {"type": "string"}, "result": {}}, ["model", "method", "result"]),
         {"readOnlyHint": False, "destructiveHint": True, "idempotentHint": False, "openWorldHint": False}),
)
TOOLS_BY_NAME = {tool.name: tool for tool in TOOLS}


def offered_tools(session: Session) -> list[dict]:
    """``tools/list``: the tools this key may use at all."""
    return [tool.listing(session) for tool in TOOLS if session.restrictions.may_ever(tool.operation)]


def run_tool(call: Call, tool: Tool, raw_arguments: dict, now: datetime) -> tuple[dict, bool]:
    """The tool's structured content, and whether it is an error: an API error (the same type,
    message and details as REST) is the tool's answer, its writes undone."""
    try:
        args: Any = structure_body(raw_arguments, tool.arguments, path="arguments", label="arguments")
        _run_guards(call, tool, args)
        writes = tool.operation != "read"
        with call.host.undo_on_error() if writes else nullcontext():
            return tool.runner(call, args), False
    except ApiError as error:
        return {"error": error_envelope(error, now)["error"]}, True


def _run_guards(call: Call, tool: Tool, args: Any) -> None:
    """The guards of the REST route the tool stands for, as they would run on it (issue 21)."""
    if not call.api.guards:
        return
    record = getattr(args, "id", None)
    path = tool.route[1].replace("{model}", getattr(args, "model", "")).replace(
        "{id}", str(record) if isinstance(record, int) else "1").replace("{function}", getattr(args, "method", ""))
    try:
        found = match(call.api.routes, tool.route[0], API_PREFIX + path)
    except NotFound:  # a name that cannot be a model or a method: the use case refuses it
        return
    guarded = Call(call.request, found.args, call.host, call.session, found.route, call.api)
    for guard in call.api.guards:
        guard(guarded)
