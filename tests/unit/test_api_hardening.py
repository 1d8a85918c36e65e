"""Abuse limits, CORS, request ids and the access log, on the in-memory stack."""
import logging

import pytest

from api_client import ApiClient
from rest_api.controllers.messages import HttpRequest
from rest_api.domain.settings import ApiSettings

ORIGIN = "https://shop.example.com"


def cors_api():
    return ApiClient(ApiSettings(cors_origins={ORIGIN}))


def test_cors_is_off_by_default(api):
    reply = api.get("/api/v1/res.partner", headers={"Origin": ORIGIN})
    assert reply.status == 200
    assert not any(name.startswith("access-control-") for name in reply.headers)


def test_allowed_origin_is_echoed_exactly_never_star_never_credentials():
    reply = cors_api().get("/api/v1/res.partner", params={"limit": "1"}, headers={"Origin": ORIGIN})
    assert reply.headers["access-control-allow-origin"] == ORIGIN
    assert reply.headers["vary"] == "Origin"
    assert "access-control-allow-credentials" not in reply.headers
    assert "X-Request-Id" in reply.headers["access-control-expose-headers"]


def test_other_origins_get_no_approval():
    reply = cors_api().get("/api/v1/res.partner", headers={"Origin": "https://evil.example.com"})
    assert "access-control-allow-origin" not in reply.headers


def test_errors_carry_cors_headers_too_so_browsers_can_read_them():
    reply = cors_api().get("/api/v1/res.partner", headers={"Origin": ORIGIN}, key=None)
    assert reply.status == 401
    assert reply.headers["access-control-allow-origin"] == ORIGIN


def test_preflight_needs_no_key_and_lists_the_route_methods():
    reply = cors_api().request("OPTIONS", "/api/v1/res.partner/5", key=None, headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert reply.status == 204 and reply.body == b""
    assert reply.headers["access-control-allow-origin"] == ORIGIN
    assert reply.headers["access-control-allow-methods"] == "DELETE, GET, PATCH, PUT"
    assert reply.headers["access-control-allow-headers"] == (
        "Authorization, Content-Type, X-Request-Id, MCP-Protocol-Version, Mcp-Method, Mcp-Name")
    assert reply.headers["allow"] == "DELETE, GET, PATCH, PUT"


def test_preflight_from_a_foreign_origin_is_not_approved():
    reply = cors_api().request("OPTIONS", "/api/v1/res.partner", key=None,
                               headers={"Origin": "https://evil.example.com"})
    assert reply.status == 204
    assert "access-control-allow-origin" not in reply.headers


def test_preflight_of_an_unknown_route_is_a_json_404():
    reply = cors_api().request("OPTIONS", "/api/v1/a/b/c/d/e", key=None, headers={"Origin": ORIGIN})
    assert reply.status == 404 and reply.json["error"]["type"] == "NotFound"


def test_failed_authentications_are_limited_per_address():
    api = ApiClient(ApiSettings(auth_failures_per_minute=3))
    statuses = [api.get("/api/v1/res.partner", key="guess", remote_addr="10.0.0.9").status for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]
    blocked = api.get("/api/v1/res.partner", key="guess", remote_addr="10.0.0.9")
    assert blocked.status == 429 and int(blocked.headers["retry-after"]) > 0
    assert blocked.json["error"]["type"] == "TooManyRequests"
    assert api.get("/api/v1/res.partner", params={"limit": "1"}, key="demo", remote_addr="10.0.0.10").status == 200


def test_an_address_over_its_failure_limit_still_gets_through_with_a_valid_key():
    """Issue 10 finding 4: a shared address (NAT, proxy) full of guesses must not lock out real keys."""
    api = ApiClient(ApiSettings(auth_failures_per_minute=3))
    for _ in range(10):
        api.get("/api/v1/res.partner", key="guess", remote_addr="10.0.0.9")
    assert api.get("/api/v1/res.partner", params={"limit": "1"}, key="demo", remote_addr="10.0.0.9").status == 200
    assert api.get("/api/v1/res.partner", key="guess", remote_addr="10.0.0.9").status == 429


def test_requests_per_key_are_limited_with_ratelimit_headers():
    api = ApiClient(ApiSettings(requests_per_minute=2))
    first = api.get("/api/v1/health")  # public: not counted
    replies = [api.get("/api/v1/res.partner", params={"limit": "1"}) for _ in range(3)]
    assert first.status == 200 and "ratelimit-limit" not in first.headers
    assert [r.status for r in replies] == [200, 200, 429]
    assert replies[0].headers["ratelimit-limit"] == "2"
    assert [r.headers["ratelimit-remaining"] for r in replies] == ["1", "0", "0"]
    assert "retry-after" in replies[2].headers
    assert api.get("/api/v1/res.partner", params={"limit": "1"}, key="demo-user").status == 200


def test_a_well_formed_client_request_id_is_kept_and_a_bad_one_replaced(api):
    kept = api.get("/api/v1/health", headers={"X-Request-Id": "client-abc-12345"})
    replaced = api.get("/api/v1/health", headers={"X-Request-Id": "bad id\nwith newline"})
    assert kept.headers["x-request-id"] == "client-abc-12345"
    assert replaced.headers["x-request-id"] != "bad id\nwith newline"
    assert len(replaced.headers["x-request-id"]) == 32


def test_one_access_log_line_per_request_without_secrets(api, caplog):
    with caplog.at_level(logging.INFO, logger="rest_api.access"):
        api.put("/api/v1/res.users/6", json={"data": {"password": "hunter2"}},
                headers={"X-Request-Id": "req-0000000001"})
        api.get("/api/v1/res.partner", params={"api_key": "demo"}, key="demo")
    lines = [r.getMessage() for r in caplog.records if r.name == "rest_api.access"]
    assert len(lines) == 2
    assert lines[0].startswith("request_id=req-0000000001 method=PUT path=/api/v1/res.users/6 "
                               "model=res.users user=2 status=403 duration_ms=")
    assert "model=res.partner user=2 status=400" in lines[1]  # api_key is no query parameter of ours
    everything = caplog.text
    assert "hunter2" not in everything and "Bearer" not in everything and "api_key" not in everything


@pytest.mark.parametrize("path", ["/api/v1/res.partner", "/api/v1/res.partner/5", "/api/v1/info"])
def test_data_responses_are_not_cached(api, path):
    assert api.get(path).headers["cache-control"] == "no-store"


@pytest.mark.parametrize("method", ["OPTIONS", "GET"])
def test_every_header_appears_once(method):
    response = cors_api().app.handle(HttpRequest(method, "/api/v1/res.partner", {"limit": "1"},
                                                 {"Origin": ORIGIN, "Authorization": "Bearer demo"}))
    names = [name.lower() for name, _ in response.headers]
    assert len(names) == len(set(names)), names
