"""Routes, guards and error mappings added to the table get everything the core routes get."""
import pytest

from api_client import ApiClient

from rest_api.application.outcome import Outcome
from rest_api.controllers.router import Route
from rest_api.controllers.routes import ROUTES
from rest_api.domain.errors import AccessError, Conflict
from rest_api.domain.settings import ApiSettings


def hello(call):
    return Outcome("Hello", {"message": f"Hello, {call.args['name']}", "user": call.session.user_id})


class Refused(Exception):
    """An addon's own exception."""


def refuse(call):
    raise Refused("no")


HELLO = Route("GET", "/hello/{name}", hello, "Say hello",
              operation={"summary": "Say hello", "responses": {"200": {"description": "Hello"}}})
REFUSE = Route("POST", "/refuse", refuse, "Always refused")


def client(**kwargs):
    return ApiClient(routes=(*ROUTES, HELLO, REFUSE), **kwargs)


def test_an_added_route_answers_in_the_envelope_as_the_key_s_user():
    reply = client().get("/api/v1/hello/World", headers={"X-Request-Id": "req-12345678"})
    assert reply.status == 200
    assert reply.json["success"] is True
    assert reply.data == {"message": "Hello, World", "user": 2}
    assert reply.headers["x-request-id"] == "req-12345678"


def test_an_added_route_needs_a_key():
    reply = client().get("/api/v1/hello/World", key=None)
    assert (reply.status, reply.error["type"]) == (401, "AuthenticationError")
    assert reply.headers["www-authenticate"].startswith("Bearer")


def test_an_added_route_refuses_unknown_parameters_and_answers_cors_and_rate_limits():
    api = client(settings=ApiSettings(cors_origins=frozenset({"https://app.example.com"}), requests_per_minute=1))
    assert api.get("/api/v1/hello/x", params={"limti": "2"}).status == 400
    first = api.get("/api/v1/hello/x", headers={"Origin": "https://app.example.com"})
    assert first.headers["access-control-allow-origin"] == "https://app.example.com"
    assert api.get("/api/v1/hello/x").status == 429


def test_a_guard_runs_before_every_authenticated_route_and_every_step_of_a_transaction():
    seen = []

    def guard(call):
        seen.append(call.route.name)
        if call.route.name == "delete_record":
            raise AccessError("This key may not delete", {"restriction": "operation"})
    api = client(guards=(guard,))
    assert api.get("/api/v1/hello/x").status == 200
    assert api.get("/api/v1/health").status == 200  # public: no session, no guard
    steps = [{"method": "POST", "path": "/res.partner", "body": {"data": {"name": "Guarded"}}},
             {"method": "DELETE", "path": "/res.partner/$0.id"}]
    reply = api.post("/api/v1/transaction", json={"operations": steps})
    assert (reply.status, reply.error["details"]["restriction"]) == (403, "operation")
    assert seen == ["hello", "run_transaction", "create_record", "delete_record"]
    names = api.post("/api/v1/res.partner/search", json={"domain": [["name", "=", "Guarded"]]}).data
    assert names["records"] == []  # the transaction wrote nothing


def test_an_error_mapping_translates_an_addon_s_exception():
    api = client(error_mappings=((Refused, lambda exc: Conflict(f"Refused: {exc}")),))
    reply = api.post("/api/v1/refuse")
    assert (reply.status, reply.error["message"]) == (409, "Refused: no")
    assert client().post("/api/v1/refuse").status == 500  # unmapped: an opaque 500


def test_info_lists_the_added_routes():
    paths = {(e["method"], e["path"]) for e in client().get("/api/v1/info").data["endpoints"]}
    assert ("GET", "/api/v1/hello/{name}") in paths


@pytest.fixture(scope="module")
def document():
    return client().get("/api/v1/openapi.json", params={"models": "res.partner"}).json


def test_an_added_route_is_in_the_openapi_document_with_its_path_parameter(document):
    pytest.importorskip("openapi_spec_validator").validate(document)
    hello = document["paths"]["/hello/{name}"]["get"]
    assert hello["summary"] == "Say hello"
    assert hello["parameters"] == [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}]


def test_an_added_route_gets_the_tag_id_and_error_answers_the_core_operations_have(document):
    hello = document["paths"]["/hello/{name}"]["get"]
    assert (["hello"], "hello") == (hello["tags"], hello["operationId"])
    assert ["200", "401", "404", "414", "429", "500", "502", "503", "504", "default"] == list(hello["responses"])
    assert {"$ref": "#/components/responses/Unauthorized"} == hello["responses"]["401"]
    assert "hello" in [tag["name"] for tag in document["tags"]]


def test_a_route_without_an_operation_is_not_in_the_document(document):
    assert "/refuse" not in document["paths"]


def test_what_an_added_operation_sets_is_kept_and_nothing_is_declared_twice():
    def greet(call):
        return Outcome("Hi", {})
    declared = {"name": "name", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 9}}
    shared_id = {"$ref": "#/components/parameters/id"}
    route = Route("POST", "/greet/{name}/{id}", greet, "Greet", public=True, operation={
        "tags": ["greetings"], "operationId": "greetings.send", "parameters": [declared, shared_id],
        "responses": {"201": {"description": "Greeted"}, "500": {"description": "Broken"}}})
    document = ApiClient(routes=(*ROUTES, route)).get("/api/v1/openapi.json", params={"models": "res.partner"}).json
    pytest.importorskip("openapi_spec_validator").validate(document)
    greeting = document["paths"]["/greet/{name}/{id}"]["post"]
    assert (["greetings"], "greetings.send") == (greeting["tags"], greeting["operationId"])
    assert [declared, shared_id, {"$ref": "#/components/parameters/idempotency_key"}] == greeting["parameters"]
    assert {"description": "Broken"} == greeting["responses"]["500"]
    assert "401" not in greeting["responses"] and [] == greeting["security"]  # a public route
    assert "Idempotent-Replayed" in greeting["responses"]["201"]["headers"]


def test_an_added_model_route_is_documented_for_each_model_under_its_tag():
    route = Route("GET", "/{model}/hello/{name}", hello, "Say hello from a model", operation={"summary": "Hi"})
    document = ApiClient(routes=(*ROUTES, route)).get("/api/v1/openapi.json",
                                                      params={"models": "res.partner,res.users"}).json
    pytest.importorskip("openapi_spec_validator").validate(document)
    for model in ("res.partner", "res.users"):
        hello_op = document["paths"][f"/{model}/hello/{{name}}"]["get"]
        assert ([model], f"{model}.hello") == (hello_op["tags"], hello_op["operationId"])
        assert ["name"] == [parameter["name"] for parameter in hello_op["parameters"]]
