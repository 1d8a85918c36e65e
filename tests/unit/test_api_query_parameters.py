"""Unknown query parameters are a 400 naming them and the known ones (issue 20, item 5).

Each route declares its query parameters once (``controllers/routes.py``); the OpenAPI
document lists the same ones, so the check and the document cannot drift apart.
"""
import pytest

from api_client import ApiClient
from rest_api.controllers.routes import ROUTES
from test_api_errors import assert_error

LIST_KNOWN = ["query", "filter", "order", "limit", "page", "page_size", "context", "format"]


def test_a_typo_is_a_400_suggesting_the_near_name(api):
    reply = api.get("/api/v1/res.partner", params={"limti": "2"})
    assert_error(reply, 400, "ValidationError")
    assert {"parameter": "limti", "unknown": ["limti"], "known": LIST_KNOWN} == reply.error["details"]
    assert reply.error["message"] == (
        "Unknown query parameter `limti`; did you mean `limit`? Known: " + ", ".join(LIST_KNOWN))


@pytest.mark.parametrize("name, advice", [
    ("offset", "page with `page` and `page_size` (or send `offset` in the body of "
               "`POST /api/v1/{model}/search`)"),
    ("fields", "choose fields with `query`, e.g. `query={id,name}`"),
])
def test_offset_and_fields_point_to_what_the_list_takes(api, name, advice):
    reply = api.get("/api/v1/res.partner", params={name: "name"})
    assert_error(reply, 400, "ValidationError")
    assert reply.error["message"].startswith(f"Unknown query parameter `{name}`; {advice}. Known: ")


def test_every_unknown_parameter_is_named_at_once(api):
    reply = api.get("/api/v1/res.partner", params={"limit": "2", "zzz": "1", "fields": "name"})
    assert_error(reply, 400, "ValidationError")
    assert ["fields", "zzz"] == reply.error["details"]["unknown"]
    assert "`zzz`" in reply.error["message"] and "`fields`" in reply.error["message"]


def test_a_route_without_query_parameters_says_so(api):
    reply = api.post("/api/v1/res.partner/search", params={"limit": "2"}, json={})
    assert_error(reply, 400, "ValidationError")
    assert {"parameter": "limit", "unknown": ["limit"], "known": []} == reply.error["details"]
    assert "takes no query parameters" in reply.error["message"]


@pytest.mark.parametrize("path", ["/api/v1/health", "/api/v1/docs", "/api/v1/openapi.json"])
def test_service_routes_refuse_unknown_parameters_too(api, path):
    assert_error(api.get(path, params={"x": "1"}), 400, "ValidationError")


def test_the_aggregate_route_knows_offset(api):
    reply = api.get("/api/v1/res.partner/aggregate", params={"groupby": "is_company", "offset": "1"})
    assert reply.status == 200, reply.body


@pytest.mark.parametrize("path", ["/api/v1/res.partner", "/api/v1/res.partner/5", "/api/v1/health"])
def test_debug_is_tolerated_everywhere_and_changes_nothing(api, path):
    plain, debug = api.get(path), api.get(path, params={"debug": "1"})
    assert (200, plain.json) == (debug.status, debug.json)


def test_an_operation_of_a_transaction_is_checked_the_same_way(api):
    reply = api.post("/api/v1/transaction", json={"operations": [
        {"method": "GET", "path": "/res.partner", "params": {"limti": 2}}]})
    assert_error(reply, 400, "ValidationError")
    assert (0, "limti") == (reply.error["details"]["operation"], reply.error["details"]["parameter"])


def test_the_openapi_document_lists_exactly_the_known_parameters():
    document = ApiClient().get("/api/v1/openapi.json").json
    shared = document["components"]["parameters"]
    for route in ROUTES:
        if route.operation is None:
            continue
        operation = document["paths"][route.path.replace("{model}", "res.partner")][route.method.lower()]
        parameters = [shared[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p
                      for p in operation.get("parameters", [])]
        documented = sorted(p["name"] for p in parameters if p["in"] == "query")
        assert (route.method, route.path, sorted(route.params)) == (route.method, route.path, documented)
