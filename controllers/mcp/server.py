"""``POST /api/v1/mcp``: the Model Context Protocol over Streamable HTTP, stateless, JSON answers.

One JSON-RPC message per request (no batches, no ``Mcp-Session-Id``, no server stream: ``GET``
is a 405). The key, rate limits, request id and guards are the route table's, as for REST.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...domain.errors import ValidationError
from ...domain.json_input import decode_json_body
from ..codec import dump_json
from ..envelope import error_envelope
from ..http_api import Call
from ..messages import JSON_TYPE
from ..results import InlineContent
from . import protocol as p
from .resources import TEMPLATE, model_resources, read_resource
from .tools import TOOLS_BY_NAME, offered_tools, run_tool

SERVER_NAME = "odoo-rest-api"
INSTRUCTIONS = ("Odoo data through the rest_api addon, as the API key's user. Find models with list_models, "
                "their fields with describe_model; search_records pages results (say `page` for more). "
                "Writes follow Odoo's rules and the key's restrictions; a refused call answers isError "
                "with the API's error type, message and details.")
CAPABILITIES = {"tools": {"listChanged": False}, "resources": {"subscribe": False, "listChanged": False}}


def mcp_endpoint(call: Call) -> InlineContent:
    """Answer one JSON-RPC message: a result, a JSON-RPC error, or 202 for a notification."""
    reply = p.Reply(None)
    try:
        p.check_version_header(call.request.header(p.VERSION_HEADER))
        message = p.parse_message(_decoded(call))
        if message.is_notification:
            return InlineContent(b"", JSON_TYPE, status=202)
        reply = p.Reply(message.id)  # (so that a refused envelope is answered with the request's id)
        reply = p.Reply(message.id, p.envelope_version(message, call.request.header))
        method = METHODS.get(message.method)
        if method is None:
            raise p.ProtocolFault(p.METHOD_NOT_FOUND, f"Method not found: {message.method[:80]}")
        return InlineContent(method(call, message.params, reply), JSON_TYPE)
    except p.ProtocolFault as fault:
        body, status = reply.error(fault, dump_json)
        return InlineContent(body, JSON_TYPE, status=status)


def _decoded(call: Call) -> Any:
    settings = call.host.settings
    try:
        return decode_json_body(call.request.body, call.request.header("content-type"),
                                settings.max_body_bytes, settings.max_json_depth)
    except ValidationError as error:  # not JSON; a body too large or not JSON at all stays an HTTP error
        raise p.ProtocolFault(p.PARSE_ERROR, f"Parse error: {error.message}", http_status=400) from error


def _server_info(call: Call) -> dict:
    return {"name": SERVER_NAME, "title": "Odoo REST API", "version": call.host.versions()[0]}


def initialize(call: Call, params: Mapping[str, Any], reply: p.Reply) -> bytes:
    requested = p.required_param(params, "protocolVersion", str)
    return reply.result("initialize", {
        "protocolVersion": p.negotiated_version(requested), "capabilities": CAPABILITIES,
        "serverInfo": _server_info(call), "instructions": INSTRUCTIONS}, dump_json)


def discover(call: Call, params: Mapping[str, Any], reply: p.Reply) -> bytes:
    """``server/discover`` (2026-07-28): what ``initialize`` says, without a handshake."""
    return reply.result("server/discover", {
        "supportedVersions": list(p.SUPPORTED_VERSIONS), "capabilities": CAPABILITIES,
        "instructions": INSTRUCTIONS, "_meta": {p.SERVER_INFO_KEY: _server_info(call)}}, dump_json)


def ping(call: Call, params: Mapping[str, Any], reply: p.Reply) -> bytes:
    return reply.result("ping", {}, dump_json)


def list_tools(call: Call, params: Mapping[str, Any], reply: p.Reply) -> bytes:
    return reply.result("tools/list", {"tools": offered_tools(call.session)}, dump_json)


def call_tool(call: Call, params: Mapping[str, Any], reply: p.Reply) -> bytes:
    name = p.required_param(params, "name", str)
    tool = TOOLS_BY_NAME.get(name)
    if tool is None:
        raise p.ProtocolFault(p.INVALID_PARAMS, f"Unknown tool: {name[:80]}", {"tools": list(TOOLS_BY_NAME)})
    arguments = params.get("arguments") or {}
    if not isinstance(arguments, dict):
        raise p.ProtocolFault(p.INVALID_PARAMS, "params.arguments must be an object", {"param": "arguments"})
    content, is_error = run_tool(call, tool, arguments, call.api.clock())
    return reply.tool_result(dump_json(content), is_error, dump_json)


def list_resources(call: Call, params: Mapping[str, Any], reply: p.Reply) -> bytes:
    return reply.result("resources/list", {"resources": model_resources(call)}, dump_json)


def list_resource_templates(call: Call, params: Mapping[str, Any], reply: p.Reply) -> bytes:
    return reply.result("resources/templates/list", {"resourceTemplates": [TEMPLATE]}, dump_json)


def read_model_resource(call: Call, params: Mapping[str, Any], reply: p.Reply) -> bytes:
    uri = p.required_param(params, "uri", str)
    now = call.api.clock()
    contents = read_resource(call, uri, lambda error: error_envelope(error, now)["error"])
    return reply.result("resources/read", {"contents": contents}, dump_json)


METHODS: dict[str, Callable[[Call, Mapping[str, Any], p.Reply], bytes]] = {
    "initialize": initialize,
    "server/discover": discover,
    "ping": ping,
    "tools/list": list_tools,
    "tools/call": call_tool,
    "resources/list": list_resources,
    "resources/templates/list": list_resource_templates,
    "resources/read": read_model_resource,
}
