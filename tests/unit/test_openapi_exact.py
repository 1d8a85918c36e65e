"""What the server refuses, the document refuses (issue 22): the document's schemas against the server's own parsers."""
import re

import pytest

from api_client import ApiClient
from rest_api.controllers.openapi.parts import ENTITY_TAGS, comma_list_pattern
from rest_api.controllers.openapi.query_language import odoo_command_schema, query_language_schemas
from rest_api.domain.commands import parse_relation_value
from rest_api.domain.errors import ValidationError
from rest_api.domain.preconditions import TagList
from rest_api.domain.settings import ApiSettings

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def document():
    return ApiClient().get("/api/v1/openapi.json", params={"models": "res.partner,product.template"}).json


def validator(document, schema):
    return jsonschema.Draft202012Validator({"components": document["components"], **schema})


@pytest.mark.parametrize("domain, valid", [
    ([], True),
    ([["name", "ilike", "desk"]], True),
    (["|", ["name", "=", "a"], ["id", "in", [1, 2]]], True),
    ([["child_ids", "any", [["name", "=", "x"], ["id", "in", [1]]]]], True),
    ([["name", "ilike"]], False),
    ([["name", "like", "a", 1]], False),
    ([["name", "contains", "a"]], False),
    (["&&"], False),
    ([[1, "=", 1]], False),
])
def test_a_domain_is_operators_and_three_item_terms(document, domain, valid):
    assert valid == validator(document, {"$ref": "#/components/schemas/Domain"}).is_valid(domain)


@pytest.mark.parametrize("command", [
    [0, 0, {"name": "x"}], [1, 7, {"name": "x"}], [2, 7], [3, 7], [4, 7], [5], [6, 0, [1, 2]], [6, 0, []],
])
def test_every_form_the_document_accepts_the_server_accepts(command):
    assert jsonschema.Draft202012Validator({"type": "array", "items": odoo_command_schema()}).is_valid([command])
    assert parse_relation_value("tags", [command])


@pytest.mark.parametrize("command", [
    [7, 1], [4, 0], [4, "7"], [0, 0, 5], [0, 0, []], [1, 7], [6, 0, [0]], [5, 1], [4, 7, {}], [], [6, 0, [1], 9],
])
def test_what_the_server_refuses_the_document_refuses(command):
    assert not jsonschema.Draft202012Validator({"type": "array", "items": odoo_command_schema()}).is_valid([command])
    with pytest.raises(ValidationError):
        parse_relation_value("tags", [command])


def test_a_command_form_is_a_tuple_stock_generators_read():
    """``prefixItems`` for all slots but the last, ``items`` for the last: never ``items: false``."""
    forms = odoo_command_schema()["oneOf"]
    assert [3, 3, 2, 2, 2, 1, 3] == [form["maxItems"] for form in forms]
    assert all(form["minItems"] == form["maxItems"] and form["items"] is not False for form in forms)
    assert "items" in query_language_schemas()["DomainTerm"]


def test_required_fields_are_not_nullable_and_only_those_without_a_default_required(document):
    values = document["components"]["schemas"]["product.template.NewValues"]
    assert {"type": "string"} == values["properties"]["name"]
    assert ["name"] == values["required"]
    assert {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 2**31 - 1},  # an id or an external id
                      {"$ref": "#/components/schemas/ExternalIdReference"}]} == values["properties"]["categ_id"]
    assert "allOf" not in values
    assert {"type": "string"} == document["components"]["schemas"]["product.template.Values"]["properties"]["name"]
    assert ["string", "null"] == document["components"]["schemas"]["res.partner.Values"]["properties"]["email"]["type"]


@pytest.mark.parametrize("header, valid", [
    ("*", True), ('"abc"', True), ('W/"abc"', True), ('"a", W/"b"', True),
    ("abc", False), ('"a" "b"', False), ("", False), ('"a", b', False),
])
def test_the_entity_tag_pattern_is_the_servers_grammar(header, valid):
    assert valid == bool(re.search(ENTITY_TAGS, header))
    if valid:
        TagList.parse(header, "If-Match")
    else:
        with pytest.raises(ValidationError):
            TagList.parse(header, "If-Match")


@pytest.mark.parametrize("text, valid", [
    ("type", True), ("type,string", True), ("type,,string", False), ("", False), ("nope", False),
    ("type,string,help", False),
])
def test_a_comma_list_pattern_names_its_choices_and_bounds_their_number(text, valid):
    assert valid == bool(re.search(comma_list_pattern(["type", "string", "help"], most=2), text))


def test_json_parameters_are_inline_with_their_schema(document):
    parameters = document["paths"]["/res.partner"]["get"]["parameters"]
    inline = {p["name"]: p for p in parameters if "content" in p}
    assert {"filter", "context"} == set(inline)
    assert {"$ref": "#/components/schemas/Domain"} == inline["filter"]["content"]["application/json"]["schema"]
    assert not {"filter", "context"} & set(document["components"]["parameters"])


def test_search_refuses_fields_and_query_together(document):
    body = document["paths"]["/res.partner/search"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    check = validator(document, body)
    assert check.is_valid({"fields": ["name"]}) and check.is_valid({"query": "{name}"})
    assert not check.is_valid({"fields": ["name"], "query": "{name}"})
    reply = ApiClient().post("/api/v1/res.partner/search", json={"fields": ["name"], "query": "{name}"})
    assert 400 == reply.status


def test_components_nothing_uses_are_left_out():
    document = ApiClient().get("/api/v1/openapi.json", params={"models": "product.template"}).json
    assert "RangeNotSatisfiable" not in document["components"]["responses"]  # no binary field
    assert "RangeNotSatisfiableEnvelope" not in document["components"]["schemas"]
    assert {"NotFound", "TooManyRequests", "ServiceUnavailable"} <= set(document["components"]["responses"])


def test_every_operation_has_a_description_and_the_document_a_licence(document):
    assert {"name": "LGPL-3", "identifier": "LGPL-3.0-only"} == document["info"]["license"]
    assert all(op.get("description") for item in document["paths"].values() for op in item.values())


def _examples(document):
    """(where, schema, example) of every parameter and request body example of the document."""
    shared = document["components"]["parameters"]
    for path, item in document["paths"].items():
        for verb, op in item.items():
            for parameter in op.get("parameters", []):
                parameter = shared[parameter["$ref"].rsplit("/", 1)[1]] if "$ref" in parameter else parameter
                for media in parameter.get("content", {}).values():
                    yield f"{verb} {path} {parameter['name']}", media["schema"], media["example"]
                if "example" in parameter:
                    yield f"{verb} {path} {parameter['name']}", parameter["schema"], parameter["example"]
            for media in op.get("requestBody", {}).get("content", {}).values():
                if "example" in media:
                    yield f"{verb} {path} body", media["schema"], media["example"]


def test_every_example_is_valid_for_its_schema(document):
    found = list(_examples(document))
    assert len(found) > 100
    for where, schema, example in found:
        assert validator(document, schema).is_valid(example), where


def test_every_parameter_but_a_new_key_and_the_ids_beside_a_filter_has_an_example(document):
    shared = document["components"]["parameters"]
    without = {name for name, parameter in shared.items() if "example" not in parameter}
    assert {"idempotency_key", "ids"} == without


def test_the_examples_run_on_the_demo_data():
    """Each body example is accepted, in the order a converted collection sends them, with the demo
    server's settings (it allows loopback webhook targets, as the webhook example's)."""
    api = ApiClient(ApiSettings(webhook_allow_private=True))
    document = api.get("/api/v1/openapi.json", params={"models": "res.partner"}).json
    for where, _schema, example in _examples(document):
        verb, path, name = where.split(" ")
        if name != "body" or "{" in path:
            continue
        reply = api.request(verb.upper(), "/api/v1" + path, json=example)
        assert 200 <= reply.status < 300, (where, reply.json)


def test_an_empty_change_feed_cursor_reads_from_the_start():
    api = ApiClient()
    assert api.get("/api/v1/res.partner/changes", params={"cursor": ""}).json["data"]["records"] == \
        api.get("/api/v1/res.partner/changes").json["data"]["records"]


def test_name_search_is_on_every_demo_model_as_on_odoo():
    reply = ApiClient().post("/api/v1/object/res.users/name_search", json={"args": ["Marc"]})
    assert [[6, "Marc Demo"]] == reply.data["result"]


@pytest.mark.parametrize("field_type", ["char", "text", "html", "boolean", "integer", "float", "monetary", "date",
                                        "datetime", "many2one", "many2one_reference", "reference", "binary",
                                        "one2many", "many2many", "selection", "json", "properties"])
def test_a_field_example_is_valid_for_its_write_schema_even_when_required(field_type):
    from rest_api.controllers.openapi.examples import field_example
    from rest_api.controllers.openapi.schema import write_schema
    from rest_api.domain.model_info import FieldInfo
    field = FieldInfo("x", field_type, relation="res.partner", required=True)
    schema = {"components": {"schemas": {**query_language_schemas(), "RecordIds": {"type": "array"},
                                         "RelationOperations": {"type": "object"}}}, **write_schema(field)}
    assert jsonschema.Draft202012Validator(schema).is_valid(field_example(field))
