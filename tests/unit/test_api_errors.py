"""Every error of the contract through the HTTP edge: status, type, JSON envelope, headers."""
import pytest

from api_client import ApiClient
from rest_api.domain.settings import ApiSettings

FORBIDDEN_IN_BODIES = ("Traceback", 'File "', "psycopg2", "SELECT ", "/odoo/")


def assert_error(reply, status, type_):
    assert reply.status == status, reply.body
    assert reply.headers["content-type"] == "application/json; charset=utf-8"
    body = reply.json
    assert body["success"] is False
    assert body["error"]["code"] == status
    assert body["error"]["type"] == type_
    assert body["timestamp"].endswith("Z")
    assert "set-cookie" not in reply.headers
    text = reply.body.decode()
    assert not any(marker in text for marker in FORBIDDEN_IN_BODIES)


@pytest.mark.parametrize("headers, key", [
    ({}, None),
    ({"Authorization": "Bearer"}, None),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, None),
    ({"Authorization": "Token demo"}, None),
    ({}, "wrong-key"),
])
def test_missing_or_bad_key_is_401_with_www_authenticate(api, headers, key):
    reply = api.get("/api/v1/res.partner", headers=headers, key=key)
    assert_error(reply, 401, "AuthenticationError")
    assert reply.headers["www-authenticate"].startswith("Bearer")


def test_lower_case_bearer_scheme_is_accepted(api):
    assert api.get("/api/v1/res.partner", headers={"Authorization": "bearer demo"}, key=None).status == 200


def test_key_in_the_query_string_is_not_accepted(api):
    assert_error(api.get("/api/v1/res.partner", params={"api_key": "demo"}, key=None), 401,
                 "AuthenticationError")


def test_health_needs_no_key(api):
    reply = api.get("/api/v1/health", key=None)
    assert reply.status == 200 and reply.data == {"status": "ok"}


@pytest.mark.parametrize("path", [
    "/api/v1/no.such.model", "/api/v1/res.partner%00", "/api/v1/..%2f..", "/api/v1/" + "a" * 10000,
    "/api/v1/a/b/c/d/e", "/api/v1/res.partner/abc", "/api/v1/res.partner/-1", "/api/v1/res.partner/0",
    "/api/v1/res.partner/99999999999999999999", "/api/v1/res.partner/999",
])
def test_unknown_things_are_json_404(api, path):
    assert_error(api.get(path), 404, "NotFound")


@pytest.mark.parametrize("method, path, allow", [
    ("TRACE", "/api/v1/res.partner", "DELETE, GET, PATCH, POST, PUT"),
    ("TRACE", "/api/v1/res.partner/1", "DELETE, GET, PATCH, PUT"),
    ("GET", "/api/v1/res.partner/search", "POST"),
    ("POST", "/api/v1/info", "GET"),
    ("DELETE", "/api/v1/health", "GET"),
])
def test_wrong_verb_is_405_with_allow(api, method, path, allow):
    reply = api.request(method, path)
    assert_error(reply, 405, "MethodNotAllowed")
    assert reply.headers["allow"] == allow


@pytest.mark.parametrize("query, column", [
    ("{name,", 7), ("{{}}", 2), ("{", 2), ("{id name}", 5), ("{-name{id}}", 7), ("{name, -name}", 8),
])
def test_query_syntax_errors_give_the_column(api, query, column):
    reply = api.get("/api/v1/res.partner", params={"query": query})
    assert_error(reply, 400, "QuerySyntaxError")
    assert reply.error["details"]["column"] == column


@pytest.mark.parametrize("query, type_, status", [
    ("{nonexistent}", "ValidationError", 400),
    ("{*, -nonexistent}", "ValidationError", 400),
    ("{name{id}}", "ValidationError", 400),
    ("{a{b{c{d{e{f{g}}}}}}}", "ValidationError", 400),
    ("{user_ids{password}}", "AccessError", 403),
])
def test_selection_problems(api, query, type_, status):
    assert_error(api.get("/api/v1/res.partner", params={"query": query}), status, type_)


def test_unknown_field_error_names_field_and_model(api):
    reply = api.get("/api/v1/res.partner", params={"query": "{id, bogus, other}"})
    assert reply.error["details"] == {"model": "res.partner", "fields": ["bogus", "other"]}


@pytest.mark.parametrize("filter_", [
    '[["name","=",]', '{"a":1}', '[["name"]]', '[["name","bogus","x"]]', '["&"]',
    '[["name","=","x"],"|"]', '[["nope","=",1]]', "[('name','=',__import__('os').getcwd())]",
    '[["name", "=", NaN]]', "[" * 100000, '[["id", "=", 1' + "0" * 5000 + ']]',
])
def test_bad_filters_are_400(api, filter_):
    assert_error(api.get("/api/v1/res.partner", params={"filter": filter_}), 400, "ValidationError")


@pytest.mark.parametrize("order", ["name;drop table res_partner", "(select 1)", "unknown_field",
                                   "name sideways", "display_name"])
def test_bad_orders_are_400(api, order):
    assert_error(api.get("/api/v1/res.partner", params={"order": order}), 400, "ValidationError")


def test_filter_and_order_on_a_sensitive_field_are_403(api):
    assert_error(api.get("/api/v1/res.users", params={"filter": '[["password","=","x"]]'}), 403, "AccessError")
    assert_error(api.get("/api/v1/res.users", params={"order": "password desc"}), 403, "AccessError")


@pytest.mark.parametrize("params", [
    {"limit": "0"}, {"limit": "-1"}, {"limit": "abc"}, {"limit": "1e9"}, {"limit": "10" + "0" * 30},
    {"limit": "1001"}, {"page_size": "0"}, {"page": "2"}, {"page_size": "5", "page": "0"},
])
def test_bad_paging_is_400(api, params):
    assert_error(api.get("/api/v1/res.partner", params=params), 400, "ValidationError")


@pytest.mark.parametrize("body, headers, status, type_", [
    (b'{"data": {"name": "x"}}', {"Content-Type": "text/plain"}, 415, "UnsupportedMediaType"),
    (b"name=x", {"Content-Type": "application/x-www-form-urlencoded"}, 415, "UnsupportedMediaType"),
    (b"", {"Content-Type": "application/json"}, 400, "ValidationError"),
    (b"[]", {"Content-Type": "application/json"}, 400, "ValidationError"),
    (b'"x"', {"Content-Type": "application/json"}, 400, "ValidationError"),
    (b"null", {"Content-Type": "application/json"}, 400, "ValidationError"),
    (b'{"data": {"name": "\xff"}}', {"Content-Type": "application/json"}, 400, "ValidationError"),
    (b'{"data": {"name": "x"}', {"Content-Type": "application/json"}, 400, "ValidationError"),
    (b'{"data": {"color": Infinity}}', {"Content-Type": "application/json"}, 400, "ValidationError"),
    (b'{"data": {"name": "x"}, "extra": 1}', {"Content-Type": "application/json"}, 400, "ValidationError"),
    (b'{"data": [1]}', {"Content-Type": "application/json"}, 400, "ValidationError"),
])
def test_bad_bodies(api, body, headers, status, type_):
    before = api.get("/api/v1/res.partner", params={"limit": "1"}).data["pagination"]["total_count"]
    assert_error(api.post("/api/v1/res.partner", body=body, headers=headers), status, type_)
    assert api.get("/api/v1/res.partner", params={"limit": "1"}).data["pagination"]["total_count"] == before


def test_body_over_the_limit_is_413():
    api = ApiClient(ApiSettings(max_body_bytes=100))
    reply = api.post("/api/v1/res.partner", json={"data": {"name": "x" * 200}})
    assert_error(reply, 413, "PayloadTooLarge")


def test_model_without_read_access_is_403(api):
    assert_error(api.get("/api/v1/ir.config_parameter"), 403, "AccessError")


def test_unique_violation_is_409(api):
    reply = api.post("/api/v1/res.users", json={"data": {"name": "x", "login": "admin"}})
    assert_error(reply, 409, "Conflict")
    assert reply.error["details"] == {"constraint": "res_users_login_key"}


def test_context_keys_outside_the_allow_list_are_400(api):
    reply = api.get("/api/v1/res.partner", params={"context": '{"tracking_disable": true, "lang": "en_US"}'})
    assert_error(reply, 400, "ValidationError")
    assert reply.error["details"]["refused"] == ["tracking_disable"]


def test_uninstalled_language_is_400(api):
    assert_error(api.get("/api/v1/res.partner", params={"context": '{"lang": "xx_XX"}'}), 400, "ValidationError")


def test_foreign_company_in_context_is_403(api):
    reply = api.get("/api/v1/res.partner", params={"context": '{"allowed_company_ids": [2]}'}, key="demo-user")
    assert_error(reply, 403, "AccessError")


def test_unexpected_error_is_an_opaque_500_with_a_request_id(api):
    reply = api.post("/api/v1/object/res.partner/1/boom")
    assert_error(reply, 500, "InternalError")
    assert reply.error["details"]["request_id"] == reply.headers["x-request-id"]
    assert "ZeroDivision" not in reply.body.decode()


def test_every_response_has_a_request_id(api):
    assert len(api.get("/api/v1/health").headers["x-request-id"]) == 32
