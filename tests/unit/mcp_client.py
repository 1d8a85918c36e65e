"""JSON-RPC over the in-memory API's ``POST /api/v1/mcp``, for the protocol tests."""
from __future__ import annotations

from api_client import ApiClient, Reply

MCP = "/api/v1/mcp"


class McpClient:
    """Sends one JSON-RPC message per request, as an MCP client over Streamable HTTP does."""

    def __init__(self, api: ApiClient | None = None, key: str | None = "demo"):
        self.api = api or ApiClient()
        self.key = key
        self.next_id = 0

    def send(self, method: str, params: dict | None = None, notification: bool = False, **kwargs) -> Reply:
        message: dict = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        if not notification:
            self.next_id += 1
            message["id"] = self.next_id
        return self.api.post(MCP, json=message, key=kwargs.pop("key", self.key), **kwargs)

    def result(self, method: str, params: dict | None = None, **kwargs) -> dict:
        reply = self.send(method, params, **kwargs)
        assert reply.status == 200, reply.body[:500]
        assert "error" not in reply.json, reply.json
        return reply.json["result"]

    def call(self, tool: str, **arguments) -> dict:
        """A ``tools/call`` result (``content``, ``structuredContent``, ``isError``)."""
        return self.result("tools/call", {"name": tool, "arguments": arguments})

    def tools(self, key: str | None = None) -> dict[str, dict]:
        listed = self.result("tools/list", key=key or self.key)["tools"]
        return {tool["name"]: tool for tool in listed}
