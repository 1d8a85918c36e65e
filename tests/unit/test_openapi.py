"""``GET /openapi.json``: the OpenAPI 3.1 document generated from the catalog, as one user sees it."""
import time

import pytest

from api_client import ApiClient
from rest_api.adapters.memory.catalog import InMemoryCatalog
from rest_api.adapters.memory.seed import build_schema
from rest_api.application.model_index import documented_models, parse_model_list
from rest_api.controllers.openapi.document import openapi_document
from rest_api.application.ports import ModelCatalog
from rest_api.application.session import Session
from rest_api.controllers.routes import ROUTES
from rest_api.domain.errors import AccessError, NotFound, ValidationError
from rest_api.domain.model_info import FieldInfo, ModelAccess, ModelInfo
from rest_api.domain.settings import ApiSettings

@pytest.fixture(scope="module")
def document():
    reply = ApiClient().get("/api/v1/openapi.json")
    assert (200, "application/json; charset=utf-8") == (reply.status, reply.headers["content-type"])
    return reply.json


def schemas(document):
    return document["components"]["schemas"]


def test_the_document_passes_the_openapi_validator(document):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)
    assert "3.1.0" == document["openapi"]


def documented_operations(document) -> set[tuple[str, str]]:
    return {(verb.upper(), path) for path, item in document["paths"].items() for verb in item}


def test_every_route_with_an_operation_is_documented_for_each_model(document):
    for model in ("res.partner", "product.template"):
        expected = {(route.method, route.path.replace("{model}", model)) for route in ROUTES
                    if route.operation is not None}
        if model == "product.template":  # no binary field: no download or upload path
            for verb in ("GET", "PUT", "DELETE"):
                expected.discard((verb, "/product.template/{id}/{field}"))
        assert expected - documented_operations(document) == set(), model


def test_every_documented_operation_comes_from_a_route(document):
    models = [tag["name"] for tag in document["tags"][1:]]
    from_routes = {(route.method, route.path.replace("{model}", model)) for route in ROUTES
                   if route.operation is not None for model in models}
    assert documented_operations(document) - from_routes == set()


def test_only_the_docs_page_its_assets_and_mcp_are_left_out_of_the_document():
    # MCP (issue 26) is JSON-RPC on one path: its own tools/list describes it, not OpenAPI.
    assert {"docs_page", "docs_asset", "mcp_endpoint"} == {route.name for route in ROUTES if route.operation is None}


def test_models_the_user_cannot_read_are_left_out(document):
    tags = [tag["name"] for tag in document["tags"]]
    assert ["service", "ir.attachment", "product.category", "product.product", "product.template", "res.company",
            "res.partner", "res.partner.category", "res.users"] == tags
    assert not [path for path in document["paths"] if "ir.config_parameter" in path]


def test_a_selection_field_is_an_enum_of_its_keys(document):
    expected = {"type": ["string", "null"], "enum": ["contact", "invoice", "delivery", "other", None]}
    record = schemas(document)["res.partner.Record"]["properties"]["type"]
    values = schemas(document)["res.partner.Values"]["properties"]["type"]
    assert (expected["enum"], expected["enum"]) == (record["enum"], values["enum"])


def test_create_requires_the_required_writable_fields_the_server_does_not_fill(document):
    """``type``, ``categ_id`` and the user's ``company_id`` are required, but have defaults."""
    assert ["name"] == schemas(document)["product.template.NewValues"]["required"]
    assert ["name", "login"] == schemas(document)["res.users.NewValues"]["required"]
    assert "required" not in schemas(document)["res.partner.NewValues"]


def test_values_hold_only_writable_fields(document):
    values = schemas(document)["res.users.Values"]
    assert values["additionalProperties"] is False
    assert {"id", "share", "create_date", "write_date", "display_name"} & set(values["properties"]) == set()
    assert {"name", "login", "company_id", "company_ids", "partner_id"} <= set(values["properties"])


def test_an_x2many_value_takes_ids_commands_or_the_operations_object(document):
    value = schemas(document)["res.partner.Values"]["properties"]["category_id"]
    refs = [form.get("$ref") or form["type"] for form in value["anyOf"]]
    assert ["#/components/schemas/RecordIds", "array", "#/components/schemas/RelationOperations", "null"] == refs
    codes = [form.get("prefixItems", [form["items"]])[0]["const"] for form in value["anyOf"][1]["items"]["oneOf"]]
    assert [0, 1, 2, 3, 4, 5, 6] == codes
    operations = schemas(document)["RelationOperations"]["properties"]
    assert ["clear", "set", "unlink", "delete", "link", "create", "update"] == list(operations)


def test_relations_point_at_the_light_nested_record_even_when_their_model_is_documented(document):
    company = schemas(document)["res.partner.Record"]["properties"]["company_id"]
    assert {"$ref": "#/components/schemas/NestedRecord"} == company["anyOf"][1]
    assert {"id", "display_name"} == set(schemas(document)["NestedRecord"]["properties"])


def test_no_model_schema_refers_to_another_models_schema(document):
    """No cycles, no model pulled in by another: each operation expands on its own."""
    import json
    for name, schema in schemas(document).items():
        model = name.rsplit(".", 1)[0]
        refs = {ref.rsplit("/", 1)[1]
                for ref in json.dumps(schema).split('"$ref": "')[1:] for ref in [ref.split('"')[0]]}
        assert {ref for ref in refs if "." in ref and ref.rsplit(".", 1)[0] != model} == set(), name


def test_sensitive_fields_are_absent(document):
    assert "password" not in schemas(document)["res.users.Record"]["properties"]
    assert "password" not in schemas(document)["res.users.Values"]["properties"]


def test_fields_of_groups_the_user_lacks_are_absent():
    admin = ApiClient().get("/api/v1/openapi.json", params={"models": "res.partner"}).json
    demo = ApiClient().get("/api/v1/openapi.json", params={"models": "res.partner"}, key="demo-user").json
    assert "x_internal_note" in schemas(admin)["res.partner.Record"]["properties"]
    assert "x_internal_note" not in schemas(demo)["res.partner.Record"]["properties"]


def test_operations_reference_the_error_responses(document):
    list_op = document["paths"]["/res.partner"]["get"]["responses"]
    create_op = document["paths"]["/res.partner"]["post"]["responses"]
    assert ["200", "400", "401", "403", "404", "414", "429", "500", "502", "503", "504", "default"] == list(list_op)
    assert {"409": {"$ref": "#/components/responses/Conflict"},
            "413": {"$ref": "#/components/responses/PayloadTooLarge"},
            "415": {"$ref": "#/components/responses/UnsupportedMediaType"}}.items() <= create_op.items()
    assert {"BadRequest", "Unauthorized", "Forbidden", "NotFound", "MethodNotAllowed", "Conflict",
            "PayloadTooLarge", "UnsupportedMediaType", "InternalError", "Error"} <= set(
        document["components"]["responses"])


def test_bearer_security_everywhere_but_health(document):
    assert {"type": "http", "scheme": "bearer"}.items() <= \
        document["components"]["securitySchemes"]["bearerAuth"].items()
    assert [{"bearerAuth": []}] == document["security"]
    assert [] == document["paths"]["/health"]["get"]["security"]
    assert "security" not in document["paths"]["/res.partner"]["get"]


def test_the_models_parameter_narrows_the_document():
    narrowed = ApiClient().get("/api/v1/openapi.json", params={"models": "res.partner, res.users"}).json
    assert ["service", "res.partner", "res.users"] == [tag["name"] for tag in narrowed["tags"]]
    assert {"/health", "/info", "/openapi.json"} < set(narrowed["paths"])
    assert not [path for path in narrowed["paths"] if "product" in path or "res.company" in path]
    company = schemas(narrowed)["res.partner.Record"]["properties"]["company_id"]
    assert {"$ref": "#/components/schemas/NestedRecord"} == company["anyOf"][1]


@pytest.mark.parametrize("models, status, error_type", [
    ("res.nothing,res.partner", 404, "NotFound"),
    ("ir.config_parameter", 403, "AccessError"),
    (" , ", 400, "ValidationError"),
])
def test_naming_a_model_that_cannot_be_documented_is_an_error(models, status, error_type):
    reply = ApiClient().get("/api/v1/openapi.json", params={"models": models})
    assert (status, error_type) == (reply.status, reply.error["type"])


def test_the_document_needs_a_key():
    reply = ApiClient().get("/api/v1/openapi.json", key=None)
    assert (401, "AuthenticationError") == (reply.status, reply.error["type"])


def test_hidden_models_are_not_documented():
    reply = ApiClient(ApiSettings(hidden_models={"res.company"})).get("/api/v1/openapi.json")
    assert "res.company" not in [tag["name"] for tag in reply.json["tags"]]
    company = schemas(reply.json)["res.partner.Record"]["properties"]["company_id"]
    assert {"$ref": "#/components/schemas/NestedRecord"} == company["anyOf"][1]


class FixedCatalog(ModelCatalog):
    """A catalog of hand-made models."""

    def __init__(self, models: dict):
        self.models = models

    def model(self, name):
        if name not in self.models:
            raise NotFound(f"Model {name!r} not found")
        return self.models[name]

    def model_names(self):
        return sorted(self.models)

    def languages(self):
        return frozenset()


def read_only_session() -> Session:
    """A session whose user may read ``x.report`` but neither create, write nor delete it."""
    report = ModelInfo("x.report", "Report", {"id": FieldInfo("id", "integer", readonly=True),
                                              "name": FieldInfo("name", "char")},
                       ModelAccess(read=True, create=False, write=False, unlink=False))
    hidden = ModelInfo("x.secret", "Secret", {"id": FieldInfo("id", "integer")}, ModelAccess(read=False))
    return Session(FixedCatalog({model.name: model for model in (report, hidden)}), store=None)


def test_operations_follow_the_access_rights():
    document = openapi_document(read_only_session(), ROUTES)
    assert {"get": ["x.report.list"], "search": ["x.report.search"]} == {
        "get": [op["operationId"] for op in document["paths"]["/x.report"].values()],
        "search": [op["operationId"] for op in document["paths"]["/x.report/search"].values()]}
    assert ["get"] == list(document["paths"]["/x.report/{id}"])
    assert "/x.report/batch" not in document["paths"]
    assert not [path for path in document["paths"] if "x.secret" in path]


def test_an_unreadable_model_named_explicitly_is_refused():
    with pytest.raises(AccessError) as raised:
        documented_models(read_only_session(), ["x.secret"])
    assert {"models": ["x.secret"]} == raised.value.details


@pytest.mark.parametrize("text, expected", [
    (None, None),
    ("res.partner", ["res.partner"]),
    (" res.partner , res.users,res.partner ", ["res.partner", "res.users"]),
])
def test_parse_model_list(text, expected):
    assert expected == parse_model_list(text)


@pytest.mark.parametrize("text", ["", ",", " , "])
def test_parse_model_list_refuses_an_empty_list(text):
    with pytest.raises(ValidationError):
        parse_model_list(text)


def test_real_answers_match_their_documented_schemas(document):
    jsonschema = pytest.importorskip("jsonschema")
    api = ApiClient()
    cases = [
        ("GET", "/res.partner", {"query": "{*, company_id{name}, category_id{name}}", "page_size": "3"}, "200"),
        ("GET", "/res.users/2", {"query": "{id, name, company_id, partner_id{name, type}}"}, "200"),
        ("GET", "/res.partner/fields", {"attributes": "type,selection"}, "200"),
        ("GET", "/res.partner/99999", {}, "404"),
        ("GET", "/res.partner", {"limit": "0"}, "400"),
    ]
    for verb, path, params, status in cases:
        reply = api.request(verb, "/api/v1" + path, params=params)
        template = path if path in document["paths"] else path.rsplit("/", 1)[0] + "/{id}"
        response = document["paths"][template][verb.lower()]["responses"][status]
        if "$ref" in response:
            response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        schema = {"components": document["components"],
                  **response["content"]["application/json"]["schema"]}
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(reply.json)
        assert int(status) == reply.status


def test_documenting_every_demo_model_is_fast():
    session = Session(InMemoryCatalog(build_schema()), store=None)
    started = time.perf_counter()
    openapi_document(session, ROUTES)
    assert time.perf_counter() - started < 0.5


def test_conditional_requests_are_documented(document):
    record = document["paths"]["/res.partner/{id}"]
    parameters = document["components"]["parameters"]
    assert {"$ref": "#/components/parameters/if_none_match"} in record["get"]["parameters"]
    assert parameters["if_none_match"]["name"] == "If-None-Match"
    assert "ETag" in record["get"]["responses"]["200"]["headers"]
    assert "ETag" in record["get"]["responses"]["304"]["headers"]
    for verb in ("put", "delete"):
        assert {"$ref": "#/components/parameters/if_match"} in record[verb]["parameters"]
        assert {"412", "428"} <= set(record[verb]["responses"])
    assert "ETag" in record["put"]["responses"]["200"]["headers"]
    assert "ETag" in document["paths"]["/res.partner"]["post"]["responses"]["201"]["headers"]
    assert document["components"]["responses"]["PreconditionFailed"]["content"]


def test_every_write_takes_an_idempotency_key_and_every_read_does_not(document):
    key = {"$ref": "#/components/parameters/idempotency_key"}
    writes = 0
    for item in document["paths"].values():
        for verb, op in item.items():
            if verb in ("post", "put", "patch", "delete"):
                writes += 1
                assert key in op["parameters"] and "422" in op["responses"]
                assert list(op["responses"])[-1] == "default"
                success = [r for status, r in op["responses"].items() if status.startswith("2")]
                assert all("Idempotent-Replayed" in r["headers"] for r in success)
            else:
                assert key not in op.get("parameters", [])
    assert writes > 10
    assert document["components"]["parameters"]["idempotency_key"]["schema"]["maxLength"] == 255


def test_the_new_operations_of_issue_13_are_documented(document):
    paths = document["paths"]
    assert {"get", "put", "delete"} == set(paths["/res.partner/{id}/{field}"])
    assert {"multipart/form-data", "application/octet-stream"} == \
        set(paths["/res.partner/{id}/{field}"]["put"]["requestBody"]["content"])
    assert "416" in paths["/res.partner/{id}/{field}"]["get"]["responses"]
    assert "201" in paths["/res.partner/{id}/attachments"]["post"]["responses"]
    assert "503" in paths["/report/{report}/{ids}"]["get"]["responses"]
    assert "X-Odoo-Database" in document["info"]["description"]
