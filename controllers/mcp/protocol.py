"""JSON-RPC 2.0 as MCP's Streamable HTTP transport carries it: messages in, answers out.

Two eras of the protocol are served. The handshake era (``initialize`` negotiates the version,
then every request speaks it) and the 2026-07-28 era (no handshake: each request carries its
version and the client's capabilities in ``params._meta``, mirrored in headers). Protocol faults
(a body that is not JSON-RPC, an unknown method, wrong parameters of the protocol) are JSON-RPC
errors; what a tool refuses is a tool result, built elsewhere (``tools``).
"""
from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Mapping
from typing import Any

from attrs import frozen

JSONRPC = "2.0"
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
RESOURCE_NOT_FOUND = -32002  # MCP: a resource URI that names nothing
HEADER_MISMATCH = -32020  # 2026-07-28: a routing header that disagrees with the body
UNSUPPORTED_VERSION = -32022

# Revisions negotiated by ``initialize``, oldest to newest. Batches (JSON arrays of messages)
# existed only in 2025-03-26: no revision served here reads them.
HANDSHAKE_VERSIONS = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25")
# Revisions with the per-request envelope, found by ``server/discover``.
ENVELOPE_VERSIONS = ("2026-07-28",)
SUPPORTED_VERSIONS = HANDSHAKE_VERSIONS + ENVELOPE_VERSIONS
LATEST_HANDSHAKE_VERSION = HANDSHAKE_VERSIONS[-1]
VERSION_HEADER = "mcp-protocol-version"
METHOD_HEADER = "mcp-method"
NAME_HEADER = "mcp-name"
VERSION_KEY = "io.modelcontextprotocol/protocolVersion"
CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities"
SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo"
# The parameter each method mirrors in ``Mcp-Name`` (2026-07-28).
NAMED_PARAMETER = {"tools/call": "name", "resources/read": "uri", "prompts/get": "name"}
# The HTTP status of an error answer in the 2026-07-28 era (the handshake era answers 200).
ENVELOPE_ERROR_STATUS = {PARSE_ERROR: 400, INVALID_REQUEST: 400, INVALID_PARAMS: 400, HEADER_MISMATCH: 400,
                         UNSUPPORTED_VERSION: 400, METHOD_NOT_FOUND: 404}
# Answers a 2026-07-28 client may keep: per key ("private"), not kept (0 ms: rights change).
CACHEABLE = frozenset({"server/discover", "tools/list", "resources/list", "resources/templates/list",
                       "resources/read"})
_BASE64 = re.compile(r"\A=\?base64\?(?P<payload>.*)\?=\Z")


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
    """The version ``initialize`` answers: the client's when served so, else the newest."""
    return requested if requested in HANDSHAKE_VERSIONS else LATEST_HANDSHAKE_VERSION


def unsupported(requested: str) -> ProtocolFault:
    return ProtocolFault(UNSUPPORTED_VERSION, f"Unsupported protocol version {requested[:40]!r}",
                         {"supported": list(SUPPORTED_VERSIONS), "requested": requested[:40]}, http_status=400)


def check_version_header(value: str | None) -> None:
    """Refuse an ``MCP-Protocol-Version`` header naming a revision not served here (a 400)."""
    if value is not None and value not in SUPPORTED_VERSIONS:
        raise unsupported(value)


def envelope_version(message: Message, header: Callable[[str], str | None]) -> str | None:
    """The 2026-07-28-era version a request speaks, its envelope and headers checked; None for a
    request of the handshake era (no envelope, no such version header)."""
    meta = message.params.get("_meta")
    if not (isinstance(meta, dict) and VERSION_KEY in meta) and header(VERSION_HEADER) not in ENVELOPE_VERSIONS:
        return None
    if not isinstance(meta, dict) or VERSION_KEY not in meta or CAPABILITIES_KEY not in meta:
        raise ProtocolFault(INVALID_PARAMS, f"params._meta must carry {VERSION_KEY!r} and {CAPABILITIES_KEY!r}",
                            http_status=400)
    version = meta[VERSION_KEY]
    if header(VERSION_HEADER) != version:
        raise ProtocolFault(HEADER_MISMATCH, "MCP-Protocol-Version does not match the request's protocol version",
                            http_status=400)
    if header(METHOD_HEADER) != message.method:
        raise ProtocolFault(HEADER_MISMATCH, "Mcp-Method does not match the request's method", http_status=400)
    named = message.params.get(NAMED_PARAMETER.get(message.method, ""))
    if named is not None and _header_text(header(NAME_HEADER)) != named:
        raise ProtocolFault(HEADER_MISMATCH, "Mcp-Name does not match the request", http_status=400)
    if not isinstance(version, str) or version not in ENVELOPE_VERSIONS:
        raise unsupported(str(version))
    return version


def _header_text(value: str | None) -> str | None:
    """A header value, decoded when sent as ``=?base64?…?=`` (text that is not ASCII)."""
    found = _BASE64.match(value or "")
    if found is None:
        return value
    try:
        return base64.b64decode(found["payload"], validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None


@frozen
class Reply:
    """How to answer one request: its id and, for the 2026-07-28 era, its version."""

    id: str | int | None
    version: str | None = None

    def result(self, method: str, result: dict, encode: Callable[[Any], bytes]) -> bytes:
        if self.version is not None:
            result = {**result, "resultType": "complete"}
            if method in CACHEABLE:
                result.update(cacheScope="private", ttlMs=0)
        return encode({"jsonrpc": JSONRPC, "id": self.id, "result": result})

    def tool_result(self, content: bytes, is_error: bool, encode: Callable[[Any], bytes]) -> bytes:
        """A ``tools/call`` answer: ``content`` (JSON, already encoded) as ``structuredContent`` and
        as the text block older clients read; spliced as bytes, so a large page is encoded once."""
        return b"".join((b'{"jsonrpc":"2.0","id":', encode(self.id), b',"result":{"content":[{"type":"text","text":',
                         encode(content.decode("utf-8")), b'}],"structuredContent":', content,
                         b',"isError":', b"true" if is_error else b"false",
                         b',"resultType":"complete"}}' if self.version is not None else b"}}"))

    def error(self, fault: ProtocolFault, encode: Callable[[Any], bytes]) -> tuple[bytes, int]:
        """The error answer and its HTTP status."""
        error: dict[str, Any] = {"code": fault.code, "message": fault.message}
        if fault.data is not None:
            error["data"] = fault.data
        status = ENVELOPE_ERROR_STATUS.get(fault.code, fault.http_status) if self.version else fault.http_status
        return encode({"jsonrpc": JSONRPC, "id": self.id, "error": error}), status


def required_param(params: Mapping[str, Any], name: str, kind: type) -> Any:
    """``params[name]`` of type ``kind``, else an ``Invalid params`` fault naming it."""
    value = params.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ProtocolFault(INVALID_PARAMS, f"params.{name} must be {'a string' if kind is str else 'an object'}",
                            {"param": name})
    return value
