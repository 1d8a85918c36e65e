"""JSON-RPC 2.0 as MCP's Streamable HTTP transport carries it: messages in, answers out.

Protocol faults (a body that is not JSON-RPC, an unknown method, wrong parameters of the
protocol) are JSON-RPC errors; what a tool refuses is a tool result, built elsewhere (``tools``).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from attrs import frozen

JSONRPC = "2.0"
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
RESOURCE_NOT_FOUND = -32002  # MCP: a resource URI that names nothing

# Handshake-era revisions this server negotiates by ``initialize``, oldest to newest. Batches
# (JSON arrays of messages) existed only in 2025-03-26: no revision served here reads them.
SUPPORTED_VERSIONS = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25")
LATEST_VERSION = SUPPORTED_VERSIONS[-1]
# What a request without ``MCP-Protocol-Version`` is taken to speak (the transport's rule).
DEFAULT_VERSION = "2025-03-26"
VERSION_HEADER = "mcp-protocol-version"


class ProtocolFault(Exception):
    """A JSON-RPC error answer: ``code``, ``message``, and ``data`` for the client."""

    def __init__(self, code: int, message: str, data: Any = None, http_status: int = 200):
        super().__init__(message)
        self.code, self.message, self.data, self.http_status = code, message, data, http_status


@frozen
class Message:
    """One JSON-RPC request (``id`` set) or notification (``id`` None)."""

    method: str
    params: Mapping[str, Any]
    id: str | int | None = None

    @property
    def is_notification(self) -> bool:
        return self.id is None


def parse_message(raw: Any) -> Message:
    """A decoded body as one message; a batch or a malformed message is an ``Invalid Request``."""
    if isinstance(raw, list):
        raise ProtocolFault(INVALID_REQUEST, "Batches (JSON arrays of messages) are not supported: "
                            "send one JSON-RPC message per request", http_status=400)
    if not isinstance(raw, dict) or raw.get("jsonrpc") != JSONRPC or not isinstance(raw.get("method"), str):
        raise ProtocolFault(INVALID_REQUEST, 'Not a JSON-RPC 2.0 message: an object with "jsonrpc": "2.0" '
                            'and a "method" is expected', http_status=400)
    if "result" in raw or "error" in raw:  # a client's answer to a server request: none are sent
        raise ProtocolFault(INVALID_REQUEST, "This server sends no requests to answer", http_status=400)
    message_id = raw.get("id")
    if "id" in raw and (isinstance(message_id, bool) or not isinstance(message_id, (str, int))):
        raise ProtocolFault(INVALID_REQUEST, "A request id is a string or an integer", http_status=400)
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise ProtocolFault(INVALID_PARAMS, "params must be an object", http_status=400)
    return Message(raw["method"], params, message_id)


def negotiated_version(requested: Any) -> str:
    """The version ``initialize`` answers: the client's when served here, else the newest."""
    return requested if requested in SUPPORTED_VERSIONS else LATEST_VERSION


def check_version_header(value: str | None) -> None:
    """Refuse an ``MCP-Protocol-Version`` header naming a revision not served here (a 400)."""
    if value is not None and value not in SUPPORTED_VERSIONS:
        raise ProtocolFault(INVALID_REQUEST, f"Unsupported MCP-Protocol-Version {value[:40]!r}",
                            {"supported": list(SUPPORTED_VERSIONS), "requested": value[:40]}, http_status=400)


def result_message(message_id: str | int | None, result: Any) -> dict:
    return {"jsonrpc": JSONRPC, "id": message_id, "result": result}


def error_message(message_id: str | int | None, fault: ProtocolFault) -> dict:
    error: dict[str, Any] = {"code": fault.code, "message": fault.message}
    if fault.data is not None:
        error["data"] = fault.data
    return {"jsonrpc": JSONRPC, "id": message_id, "error": error}


def required_param(params: Mapping[str, Any], name: str, kind: type) -> Any:
    """``params[name]`` of type ``kind``, else an ``Invalid params`` fault naming it."""
    value = params.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ProtocolFault(INVALID_PARAMS, f"params.{name} must be {'a string' if kind is str else 'an object'}",
                            {"param": name})
    return value


def tool_result_message(message_id: str | int | None, content: bytes, is_error: bool,
                        encode: Callable[[Any], bytes]) -> bytes:
    """A ``tools/call`` answer: ``content`` (JSON, already encoded) as ``structuredContent`` and as
    the text block older clients read; spliced as bytes, so a large page is encoded once."""
    return b"".join((b'{"jsonrpc":"2.0","id":', encode(message_id), b',"result":{"content":[{"type":"text","text":',
                     encode(content.decode("utf-8")), b'}],"structuredContent":', content,
                     b',"isError":', b"true" if is_error else b"false", b"}}"))
