"""MCP at ``POST /api/v1/mcp`` (issue 26), the protocol: JSON-RPC messages, version negotiation,
the transport's answers (202, 400, 401, 405), on the in-memory API."""
import json

import pytest
from api_client import ApiClient
from mcp_client import MCP, McpClient
from rest_api.controllers.mcp.protocol import LATEST_HANDSHAKE_VERSION as LATEST_VERSION
from rest_api.controllers.mcp.protocol import SUPPORTED_VERSIONS
from rest_api.controllers.router import match
from rest_api.controllers.routes import ROUTES

INIT = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}


@pytest.fixture
def mcp():
    return McpClient()


def test_the_mcp_path_is_its_own_route_not_a_model():
    assert match(ROUTES, "POST", MCP).route.name == "mcp_endpoint"
    assert match(ROUTES, "GET", "/api/v1/mcp.model").route.name == "list_records"


@pytest.mark.parametrize("asked, answered", [
    ("2025-06-18", "2025-06-18"), ("2024-11-05", "2024-11-05"), ("2025-11-25", "2025-11-25"),
    ("2099-01-01", LATEST_VERSION), ("2026-07-28", LATEST_VERSION)])
def test_initialize_answers_the_clients_version_when_served_else_the_newest(mcp, asked, answered):
    result = mcp.result("initialize", {**INIT, "protocolVersion": asked})
    assert result["protocolVersion"] == answered
    assert result["serverInfo"]["name"] == "odoo-rest-api"
    assert set(result["capabilities"]) == {"tools", "resources"}


def test_at_least_2025_06_18_and_the_newest_handshake_the_sdk_speaks_are_served():
    assert "2025-06-18" in SUPPORTED_VERSIONS and LATEST_VERSION == "2025-11-25"


def test_initialize_without_a_version_is_invalid_params(mcp):
    reply = mcp.send("initialize", {"capabilities": {}})
    assert reply.status == 200 and reply.json["error"]["code"] == -32602
    assert reply.json["id"] == mcp.next_id


def test_a_notification_is_accepted_without_a_body(mcp):
    reply = mcp.send("notifications/initialized", notification=True)
    assert (reply.status, reply.body) == (202, b"")


def test_ping_and_request_ids_come_back(mcp):
    reply = mcp.api.post(MCP, json={"jsonrpc": "2.0", "id": "abc", "method": "ping"})
    assert reply.json == {"jsonrpc": "2.0", "id": "abc", "result": {}}
    assert reply.headers["x-request-id"]


def test_an_unknown_method_is_method_not_found(mcp):
    reply = mcp.send("nope/nope", {})
    assert reply.status == 200 and reply.json["error"]["code"] == -32601


@pytest.mark.parametrize("body, code", [
    (b"{not json", -32700),
    (b'[{"jsonrpc": "2.0", "id": 1, "method": "ping"}]', -32600),  # batches: removed in 2025-06-18
    (b'{"jsonrpc": "1.0", "id": 1, "method": "ping"}', -32600),
    (b'{"jsonrpc": "2.0", "id": 1}', -32600),
    (b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "ping"}', -32600),
    (b'{"jsonrpc": "2.0", "id": 1, "method": "ping", "params": [1]}', -32602),
    (b'{"jsonrpc": "2.0", "id": 1, "result": {}}', -32600),
])
def test_protocol_faults_are_json_rpc_errors_with_a_400(body, code):
    reply = ApiClient().post(MCP, body=body, headers={"Content-Type": "application/json"})
    assert reply.status == 400, reply.body
    assert reply.json["jsonrpc"] == "2.0" and reply.json["id"] is None
    assert reply.json["error"]["code"] == code


def test_an_unsupported_protocol_version_header_is_a_400(mcp):
    reply = mcp.send("ping", headers={"MCP-Protocol-Version": "1999-01-01"})
    assert reply.status == 400 and reply.json["error"]["code"] == -32022
    assert reply.json["error"]["data"]["supported"] == list(SUPPORTED_VERSIONS)
    assert mcp.send("ping", headers={"MCP-Protocol-Version": "2025-06-18"}).status == 200


@pytest.mark.parametrize("verb", ["GET", "DELETE", "PUT"])
def test_no_server_stream_get_and_other_verbs_are_a_405_allowing_post(verb):
    reply = ApiClient().request(verb, MCP)
    assert reply.status == 405 and reply.headers["allow"] == "POST"
    assert reply.error["type"] == "MethodNotAllowed"


def test_without_a_key_a_401_with_www_authenticate(mcp):
    reply = mcp.send("initialize", INIT, key=None)
    assert reply.status == 401
    assert reply.headers["www-authenticate"].startswith("Bearer")
    assert mcp.send("tools/list", key="wrong").status == 401


def test_the_rate_limit_of_the_key_applies():
    from rest_api.domain.settings import ApiSettings
    mcp = McpClient(ApiClient(ApiSettings(requests_per_minute=2)))
    assert [mcp.send("ping").status for _ in range(3)] == [200, 200, 429]


def test_a_body_that_is_not_json_stays_an_http_error(mcp):
    reply = mcp.api.post(MCP, body=b"ping", headers={"Content-Type": "text/plain"})
    assert reply.status == 415


def test_a_query_parameter_is_refused_as_on_every_route():
    reply = ApiClient().post(MCP, params={"x": 1}, json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
    assert reply.status == 400 and reply.error["details"]["unknown"] == ["x"]


def test_the_tool_result_carries_the_json_as_text_for_older_clients(mcp):
    result = mcp.call("list_models")
    assert json.loads(result["content"][0]["text"]) == result["structuredContent"]
    assert result["content"][0]["type"] == "text" and result["isError"] is False


MODERN = "2026-07-28"
ENVELOPE = {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}}


def _modern(mcp, method, params=None, headers=None):
    sent = {"MCP-Protocol-Version": MODERN, "Mcp-Method": method, **(headers or {})}
    return mcp.send(method, {**(params or {}), "_meta": ENVELOPE}, headers=sent)


def test_the_2026_07_28_era_discover_and_per_request_envelope(mcp):
    found = _modern(mcp, "server/discover")
    assert found.status == 200
    result = found.json["result"]
    assert MODERN in result["supportedVersions"] and "2025-06-18" in result["supportedVersions"]
    assert (result["resultType"], result["cacheScope"], result["ttlMs"]) == ("complete", "private", 0)
    assert result["_meta"]["io.modelcontextprotocol/serverInfo"]["name"] == "odoo-rest-api"
    tools = _modern(mcp, "tools/list").json["result"]
    assert tools["cacheScope"] == "private" and len(tools["tools"]) == 9
    called = _modern(mcp, "tools/call", {"name": "list_models", "arguments": {}},
                     headers={"Mcp-Name": "list_models"}).json["result"]
    assert called["resultType"] == "complete" and called["isError"] is False


@pytest.mark.parametrize("headers, params_meta, code, status", [
    ({"Mcp-Method": "ping"}, ENVELOPE, -32020, 400),  # the method header disagrees
    ({}, {"io.modelcontextprotocol/protocolVersion": MODERN}, -32602, 400),  # no client capabilities
    ({"MCP-Protocol-Version": "2025-06-18"}, ENVELOPE, -32020, 400),  # the version header disagrees
])
def test_a_2026_07_28_request_whose_envelope_is_wrong_is_refused(mcp, headers, params_meta, code, status):
    sent = {"MCP-Protocol-Version": MODERN, "Mcp-Method": "tools/list", **headers}
    reply = mcp.send("tools/list", {"_meta": params_meta}, headers=sent)
    assert (reply.status, reply.json["error"]["code"]) == (status, code)
    assert reply.json["id"] == mcp.next_id


def test_a_2026_07_28_unknown_method_is_a_404_and_a_wrong_tool_name_header_a_400(mcp):
    assert _modern(mcp, "nope/nope").status == 404
    mismatch = _modern(mcp, "tools/call", {"name": "list_models", "arguments": {}}, headers={"Mcp-Name": "other"})
    assert (mismatch.status, mismatch.json["error"]["code"]) == (400, -32020)


def test_a_browser_client_may_send_the_mcp_headers():
    from rest_api.domain.settings import ApiSettings
    api = ApiClient(ApiSettings(cors_origins=frozenset({"https://agent.example.com"})))
    reply = api.request("OPTIONS", MCP, key=None, headers={
        "Origin": "https://agent.example.com", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type, mcp-protocol-version"})
    assert reply.status == 204 and reply.headers["access-control-allow-methods"] == "POST"
    assert "MCP-Protocol-Version" in reply.headers["access-control-allow-headers"]
