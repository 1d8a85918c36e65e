"""The official MCP Python SDK (the ``mcp`` package) as a client of a running API: the checks of
issue 26, shared by the pure suite (the demo server) and the live Odoo check (``tests/live``).

``run_checks(url, key, read_only_key, …)`` raises AssertionError on the first check that fails and
returns the names of the checks that passed.
"""
from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp_types.version import LATEST_HANDSHAKE_VERSION, LATEST_PROTOCOL_VERSION

WRITE_TOOLS = {"create_record", "update_records", "delete_records", "call_method"}


async def _session(url: str, key: str, mode: str):
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=60)
    return http, Client(streamable_http_client(url.rstrip("/") + "/api/v1/mcp", http_client=http), mode=mode)


async def _checks(url: str, key: str, read_only_key: str, read_only_models: Sequence[str],
                  model: str, domain: list, new_values: dict, mode: str) -> list[str]:
    passed = []
    http, client = await _session(url, key, mode)
    async with http, client:
        expected = LATEST_HANDSHAKE_VERSION if mode == "legacy" else LATEST_PROTOCOL_VERSION
        assert client.protocol_version == expected, client.protocol_version
        assert client.server_info is not None and client.server_info.name == "odoo-rest-api"
        passed.append("initialize")
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        assert {"search_records", "create_record", "list_models"} <= set(tools), sorted(tools)
        assert tools["search_records"].annotations.read_only_hint is True
        passed.append("list_tools")
        found = await client.call_tool("search_records", {"model": model, "domain": domain, "limit": 2})
        assert not found.is_error, found.content
        assert found.structured_content["records"] and len(found.structured_content["records"]) <= 2
        assert found.structured_content["pagination"]["limit"] == 2
        passed.append("search_with_a_domain")
        created = await client.call_tool("create_record", {"model": model, "values": new_values})
        assert not created.is_error, created.content
        new_id = created.structured_content["id"]
        again = await client.call_tool("read_record", {"model": model, "id": new_id, "query": "{id}"})
        assert again.structured_content["record"]["id"] == new_id
        passed.append("create")
        refused = await client.call_tool("search_records", {"model": model, "domain": [["no_such_field", "=", 1]]})
        assert refused.is_error is True
        error = refused.structured_content["error"]
        assert error["type"] == "ValidationError" and error["details"]["field"] == "no_such_field", error
        passed.append("error_result")
    http, client = await _session(url, read_only_key, mode)
    async with http, client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        assert not WRITE_TOOLS & set(tools), sorted(tools)
        models = tools["search_records"].input_schema["properties"]["model"]["enum"]
        assert sorted(models) == sorted(read_only_models), models
        listed = await client.call_tool("list_models", {})
        assert sorted(item["model"] for item in listed.structured_content["models"]) == sorted(read_only_models)
        passed.append("restricted_key")
    return passed


def run_checks(url: str, key: str, read_only_key: str, read_only_models: Sequence[str], model: str,
               domain: list, new_values: dict, mode: str = "auto") -> list[str]:
    """Run every check against the API at ``url``; the names of those that passed. ``mode``: the
    SDK's (``auto``: its newest revision, 2026-07-28, found by ``server/discover``; ``legacy``: the
    ``initialize`` handshake, 2025-11-25)."""
    return asyncio.run(_checks(url, key, read_only_key, read_only_models, model, domain, new_values, mode))
