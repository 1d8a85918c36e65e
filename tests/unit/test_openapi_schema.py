"""Field value schemas (spec §4) and the envelope pieces of the OpenAPI document."""
import pytest

from rest_api.controllers.openapi.envelope import (error_envelope_schema, error_responses, error_schemas, error_types,
                                                   pagination_schema, response_name, success_response)
from rest_api.controllers.openapi.query_language import odoo_command_schema
from rest_api.controllers.openapi.schema import read_schema, relation_value_schemas, schema_ref, write_schema
from rest_api.domain.commands import OPERATION_ORDER
from rest_api.domain.model_info import FieldInfo

INT4 = {"minimum": -(2**31), "maximum": 2**31 - 1}
PARTNER = schema_ref("res.partner.Record")
NESTED = schema_ref("NestedRecord")


@pytest.mark.parametrize("field, nested, expected", [
    (FieldInfo("name", "char"), None, {"type": ["string", "null"]}),
    (FieldInfo("note", "html"), None, {"type": ["string", "null"]}),
    (FieldInfo("id", "integer"), None, {"type": "integer"}),
    (FieldInfo("color", "integer"), None, {"type": ["integer", "null"]}),
    (FieldInfo("price", "monetary"), None, {"type": ["number", "null"]}),
    (FieldInfo("active", "boolean"), None, {"type": "boolean"}),
    (FieldInfo("date", "date"), None, {"type": ["string", "null"], "format": "date"}),
    (FieldInfo("at", "datetime"), None, {"type": ["string", "null"], "format": "date-time"}),
    (FieldInfo("image", "binary"), None, {"type": ["string", "null"], "contentEncoding": "base64"}),
    (FieldInfo("kind", "selection", selection=(("a", "A"), ("b", "B"))), None,
     {"type": ["string", "null"], "enum": ["a", "b", None]}),
    (FieldInfo("state", "selection"), None, {"type": ["string", "null"]}),
    (FieldInfo("parent_id", "many2one", relation="res.partner"), "res.partner.Record",
     {"anyOf": [{"type": ["integer", "null"]}, PARTNER]}),
    (FieldInfo("user_id", "many2one", relation="res.users"), None,
     {"anyOf": [{"type": ["integer", "null"]}, NESTED]}),
    (FieldInfo("child_ids", "one2many", relation="res.partner"), "res.partner.Record",
     {"type": "array", "items": {"anyOf": [{"type": "integer"}, PARTNER]}}),
    (FieldInfo("props", "properties"), None, {}),
    (FieldInfo("name", "char", string="Name", help="The full name"), None,
     {"title": "Name", "description": "The full name", "type": ["string", "null"]}),
])
def test_read_schema_per_field_type(field, nested, expected):
    assert expected == read_schema(field, nested)


X2MANY_INPUT = {"anyOf": [schema_ref("RecordIds"), {"type": "array", "items": odoo_command_schema()},
                          schema_ref("RelationOperations"), {"type": "null"}]}


@pytest.mark.parametrize("field, expected", [
    (FieldInfo("name", "char", string="Name"), {"type": ["string", "null"]}),
    (FieldInfo("active", "boolean"), {"type": ["boolean", "null"]}),
    (FieldInfo("color", "integer"), {"type": ["integer", "null"], **INT4}),
    (FieldInfo("price", "float"), {"type": ["number", "null"]}),
    (FieldInfo("partner_id", "many2one", relation="res.partner"),  # an id, an external id reference, or null
     {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                {"$ref": "#/components/schemas/ExternalIdReference"}, {"type": "null"}]}),
    (FieldInfo("ref", "reference"), {"type": ["string", "null"], "pattern": r"^[A-Za-z0-9_.]+,[0-9]{1,10}$"}),
    (FieldInfo("kind", "selection", selection=(("a", "A"),)), {"type": ["string", "null"], "enum": ["a", None]}),
    (FieldInfo("tag_ids", "many2many", relation="res.partner.category"), X2MANY_INPUT),
    (FieldInfo("line_ids", "one2many", relation="sale.order.line"), X2MANY_INPUT),
    (FieldInfo("data", "json"), {}),
])
def test_write_schema_per_field_type(field, expected):
    assert expected == write_schema(field)


def test_operations_object_lists_every_operation_in_the_order_they_apply():
    operations = relation_value_schemas()["RelationOperations"]
    assert list(OPERATION_ORDER) == list(operations["properties"])
    assert operations["additionalProperties"] is False
    assert {"type": "boolean", "enum": [True]} == operations["properties"]["clear"]  # optional: no const
    assert ["id"] == operations["properties"]["update"]["items"]["required"]


@pytest.mark.parametrize("status, name, types", [
    (400, "BadRequest", ["QuerySyntaxError", "ValidationError"]),
    (401, "Unauthorized", ["AuthenticationError"]),
    (403, "Forbidden", ["AccessError"]),
    (404, "NotFound", ["NotFound"]),
    (405, "MethodNotAllowed", ["MethodNotAllowed"]),
    (409, "Conflict", ["Conflict"]),
    (413, "PayloadTooLarge", ["PayloadTooLarge"]),
    (415, "UnsupportedMediaType", ["UnsupportedMediaType"]),
    (500, "InternalError", ["InternalError"]),
])
def test_one_reusable_response_per_error_status(status, name, types):
    response = error_responses()[name]
    assert {"$ref": f"#/components/schemas/{name}Envelope"} == response["content"]["application/json"]["schema"]
    narrowed = error_schemas()[f"{name}Envelope"]["allOf"][1]["properties"]["error"]
    assert (types, {"const": status}, {"type": "string", "enum": types}) == (
        error_types(status), narrowed["properties"]["code"], narrowed["properties"]["type"])


def test_error_responses_carry_the_headers_of_their_status():
    responses = error_responses()
    assert ["WWW-Authenticate"] == list(responses["Unauthorized"]["headers"])
    assert ["Allow"] == list(responses["MethodNotAllowed"]["headers"])
    assert "headers" not in responses["BadRequest"]


def test_an_unnamed_status_still_gets_a_response_name():
    assert ("BadRequest", "Error418") == (response_name(400), response_name(418))


def test_envelopes_and_pagination_require_every_key():
    assert ["success", "error", "timestamp"] == error_envelope_schema()["required"]
    assert ["count", "total_count", "current_page", "total_pages", "page_size", "prev_page",
            "next_page"] == pagination_schema()["required"]
    headers = {"Location": {"schema": {"type": "string"}}}
    assert headers == success_response("Created", {}, headers)["headers"]
    assert "headers" not in success_response("Read", {})
