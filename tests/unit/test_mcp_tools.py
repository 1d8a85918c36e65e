"""MCP tools (issue 26) on the in-memory API: the same use cases, guards, errors and restricted
keys as REST, sized for a model's context."""
import jsonschema
import pytest
from api_client import ApiClient
from mcp_client import McpClient
from rest_api.controllers.mcp.schemas import localized, standalone
from rest_api.controllers.openapi.refs import schema_ref
from rest_api.domain.errors import AccessError
from rest_api.domain.limits import AGENT_PAGE_SIZE
from rest_api.domain.model_info import FieldInfo, ModelInfo
from rest_api.domain.summary_fields import summary_fields, summary_query

TOOL_NAMES = ["list_models", "describe_model", "search_records", "read_record", "aggregate_records",
              "create_record", "update_records", "delete_records", "call_method"]
READS = {"list_models", "describe_model", "search_records", "read_record", "aggregate_records"}


@pytest.fixture
def mcp():
    return McpClient()


def _partners(mcp, **domain_args) -> int:
    return mcp.call("search_records", model="res.partner", limit=1, **domain_args)["structuredContent"][
        "pagination"]["total"]


def test_the_tools_of_the_contract_with_schemas_and_annotations(mcp):
    tools = mcp.tools()
    assert list(tools) == TOOL_NAMES
    for name, tool in tools.items():
        jsonschema.Draft202012Validator.check_schema(tool["inputSchema"])
        jsonschema.Draft202012Validator.check_schema(tool["outputSchema"])
        assert tool["inputSchema"]["type"] == tool["outputSchema"]["type"] == "object"
        assert tool["annotations"]["readOnlyHint"] is (name in READS)
    assert tools["delete_records"]["annotations"]["destructiveHint"] is True
    assert tools["create_record"]["annotations"]["destructiveHint"] is False
    assert tools["update_records"]["annotations"]["idempotentHint"] is True
    search = tools["search_records"]["inputSchema"]["properties"]
    assert {"model", "domain", "query", "order", "limit", "page"} <= set(search)
    assert search["limit"]["default"] == AGENT_PAGE_SIZE


def test_input_schemas_are_the_openapi_documents_own(mcp, api):
    """The typed domain and the relation commands of the OpenAPI document, under ``$defs``."""
    document = api.get("/api/v1/openapi.json", params={"models": "res.partner"}).json
    components = document["components"]["schemas"]
    tools = mcp.tools()
    search = tools["search_records"]["inputSchema"]
    assert search["properties"]["domain"] == {"$ref": "#/$defs/Domain"}
    for name in ("Domain", "DomainTerm", "FilterValue"):
        assert search["$defs"][name] == localized(components[name])
    values = tools["create_record"]["inputSchema"]["$defs"]
    assert values["RelationOperations"] == localized(components["RelationOperations"])
    commands = components["res.partner.Values"]["properties"]["category_id"]["anyOf"][1]
    value_forms = tools["create_record"]["inputSchema"]["properties"]["values"]["additionalProperties"]["anyOf"]
    assert commands in value_forms
    assert standalone({"a": schema_ref("RecordIds")})["a"] == {"$ref": "#/$defs/RecordIds"}


def test_arguments_are_checked_by_the_input_schema_too(mcp):
    schema = mcp.tools()["search_records"]["inputSchema"]
    jsonschema.validate({"model": "res.partner", "domain": ["|", ["name", "ilike", "a"], ["id", "in", [1, 2]]]},
                        schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"model": "res.partner", "domain": [["name", "like!", "a"]]}, schema)


def test_search_pages_are_small_say_they_are_truncated_and_what_to_ask_next(mcp):
    total = _partners(mcp)
    first = mcp.call("search_records", model="res.partner")["structuredContent"]
    assert len(first["records"]) == min(total, AGENT_PAGE_SIZE)
    page = mcp.call("search_records", model="res.partner", limit=5, page=2)["structuredContent"]
    assert page["pagination"] == {"page": 2, "limit": 5, "returned": 5, "total": total,
                                  "truncated": True, "next_page": 3}
    assert "page=3" in page["note"]
    last_page = -(-total // 5)
    last = mcp.call("search_records", model="res.partner", limit=5, page=last_page)["structuredContent"]
    assert last["pagination"]["truncated"] is False and last["pagination"]["next_page"] is None
    assert "note" not in last


def test_search_with_a_domain_query_and_order(mcp, api):
    result = mcp.call("search_records", model="res.partner", domain=[["is_company", "=", True]],
                      query="{id, name, category_id{name}}", order="name desc")["structuredContent"]
    rest = api.post("/api/v1/res.partner/search", json={"domain": [["is_company", "=", True]],
                    "query": "{id, name, category_id{name}}", "order": "name desc", "limit": 20}).data
    assert result["records"] == rest["records"]


def test_the_default_selection_is_the_summary_fields(mcp):
    record = mcp.call("search_records", model="res.partner", limit=1)["structuredContent"]
    assert record["query"].startswith("{id, display_name, name")
    assert list(record["records"][0])[:3] == ["id", "display_name", "name"]
    described = mcp.call("describe_model", model="res.partner")["structuredContent"]
    assert described["default_query"] == record["query"]
    assert "help" not in described["fields"]["name"]


def test_summary_fields_rule():
    fields = {name: FieldInfo(name, kind, required=required) for name, kind, required in [
        ("id", "integer", False), ("display_name", "char", False), ("note", "text", False),
        ("lines", "one2many", False), ("code", "char", False), ("partner_id", "many2one", True),
        ("name", "char", False), ("secret", "char", False), ("create_date", "datetime", False)]}
    fields["partner_id"] = FieldInfo("partner_id", "many2one", required=True, relation="res.partner")
    model = ModelInfo("x.order", "Order", fields)
    assert summary_fields(model, {"secret"}) == ["id", "display_name", "name", "partner_id", "code"]
    assert summary_fields(model, (), most=3) == ["id", "display_name", "name"]
    assert summary_query(model, (), lambda name: True) == "{id, display_name, name, partner_id{id, display_name}, code}"
    assert summary_query(model, (), lambda name: False) == "{id, display_name, name, partner_id, code}"


def test_read_record_by_id_or_external_id(mcp):
    record = mcp.call("read_record", model="res.partner", id=1, query="{id, name}")["structuredContent"]
    assert record["record"]["id"] == 1
    assert mcp.call("read_record", model="res.partner", id="1")["structuredContent"]["record"]["id"] == 1
    by_xmlid = mcp.call("read_record", model="res.partner", id="base.main_partner", query="{id, external_id}")
    assert by_xmlid["structuredContent"]["record"] == {"id": 1, "external_id": "base.main_partner"}
    unknown = mcp.call("read_record", model="res.partner", id="base.no_such_partner")
    assert unknown["isError"] and unknown["structuredContent"]["error"]["type"] == "NotFound"
    bad = mcp.call("read_record", model="res.partner", id="not an id")
    assert bad["isError"] and bad["structuredContent"]["error"]["type"] == "ValidationError"
    missing = mcp.call("read_record", model="res.partner", id=999999)["structuredContent"]["error"]
    assert (missing["type"], missing["code"]) == ("NotFound", 404)


def test_create_then_update_then_delete(mcp):
    created = mcp.call("create_record", model="res.partner.category", values={"name": "Agents"})
    assert created["isError"] is False
    new_id = created["structuredContent"]["id"]
    assert created["structuredContent"]["record"] == {"id": new_id, "name": "Agents"}
    updated = mcp.call("update_records", model="res.partner.category", ids=[new_id], values={"name": "AI"})
    assert updated["structuredContent"] == {"model": "res.partner.category", "ids": [new_id], "count": 1}
    by_domain = mcp.call("update_records", model="res.partner.category", domain=[["name", "=", "AI"]],
                         values={"color": 3})
    assert by_domain["structuredContent"]["ids"] == [new_id]
    deleted = mcp.call("delete_records", model="res.partner.category", ids=[new_id])
    assert deleted["structuredContent"]["count"] == 1
    again = mcp.call("read_record", model="res.partner.category", id=new_id)
    assert again["isError"] and again["structuredContent"]["error"]["type"] == "NotFound"


def test_relation_commands_in_values(mcp):
    created = mcp.call("create_record", model="res.partner", values={"name": "Tagged", "category_id": [[6, 0, [1]]]},
                       query="{id, category_id}")
    assert created["structuredContent"]["record"]["category_id"] == [1]


def test_an_error_is_a_tool_result_with_the_apis_error_and_changes_nothing(mcp):
    before = _partners(mcp)
    result = mcp.call("create_record", model="res.partner", values={"name": "x", "nope": 1})
    assert result["isError"] is True
    error = result["structuredContent"]["error"]
    assert error["type"] == "ValidationError" and error["code"] == 400 and "nope" in error["message"]
    assert _partners(mcp) == before


def test_a_call_that_writes_then_fails_is_undone(mcp):
    """The tool's error is answered (HTTP 200), so the request's own rollback does not run: the
    call's own undo does."""
    before = _partners(mcp)
    result = mcp.call("create_record", model="res.partner", values={"name": "Half done"}, query="{nope}")
    assert result["isError"] is True
    assert _partners(mcp) == before
    failed = mcp.call("call_method", model="res.partner", method="write_then_fail", ids=[1])
    assert failed["isError"] and "write_then_fail" in failed["structuredContent"]["error"]["message"]
    name = mcp.call("read_record", model="res.partner", id=1, query="{name}")["structuredContent"]["record"]["name"]
    assert name != "Renamed before failing"


def test_a_bug_in_a_method_is_the_apis_opaque_500(mcp):
    reply = mcp.send("tools/call", {"name": "call_method", "arguments": {
        "model": "res.partner", "method": "boom", "ids": [1]}})
    assert reply.status == 500 and "ZeroDivision" not in reply.body.decode()


def test_wrong_arguments_are_one_tool_error_listing_them(mcp):
    result = mcp.call("search_records", model="res.partner", limit="ten", colour="red")
    assert result["isError"] is True
    error = result["structuredContent"]["error"]
    assert error["type"] == "ValidationError" and "arguments" in error["message"]
    assert len(error["details"]["errors"]) == 2


def test_an_unknown_tool_is_invalid_params(mcp):
    reply = mcp.send("tools/call", {"name": "drop_database", "arguments": {}})
    assert reply.json["error"]["code"] == -32602


def test_aggregate_and_call_method(mcp):
    groups = mcp.call("aggregate_records", model="res.partner", groupby=["is_company"],
                      aggregates=["__count"])["structuredContent"]
    assert groups["count"] == len(groups["groups"]) >= 1
    found = mcp.call("call_method", model="res.partner", method="name_search", kwargs={"name": "Azure"})
    assert found["isError"] is False and found["structuredContent"]["result"]


def test_update_without_ids_or_domain_is_refused(mcp):
    result = mcp.call("update_records", model="res.partner", values={"name": "All"})
    assert result["isError"] and result["structuredContent"]["error"]["type"] == "ValidationError"


def test_list_models_lists_and_filters(mcp):
    everything = mcp.call("list_models")["structuredContent"]
    assert {"model": "res.partner", "description": "Contact"} in everything["models"]
    found = mcp.call("list_models", search="partner.categ")["structuredContent"]["models"]
    assert [item["model"] for item in found] == ["res.partner.category"]


def test_a_read_only_key_is_offered_no_write_tool_and_only_its_models(mcp):
    tools = mcp.tools(key="demo-readonly")
    assert set(tools) == READS
    assert tools["search_records"]["inputSchema"]["properties"]["model"]["enum"] == [
        "product.template", "res.partner", "res.partner.category"]
    listed = McpClient(mcp.api, key="demo-readonly").call("list_models")["structuredContent"]["models"]
    assert sorted(item["model"] for item in listed) == ["product.template", "res.partner", "res.partner.category"]
    refused = McpClient(mcp.api, key="demo-readonly").call("create_record", model="res.partner", values={"name": "x"})
    assert refused["isError"] and refused["structuredContent"]["error"]["details"]["restriction"] == "operation"


def test_a_model_restricted_key_sees_its_models_and_fields_only(mcp):
    shop = McpClient(mcp.api, key="demo-shop")
    tools = shop.tools()
    assert set(tools) == READS | {"create_record", "call_method"}
    assert tools["create_record"]["inputSchema"]["properties"]["model"]["enum"] == ["res.partner"]
    refused = shop.call("search_records", model="res.users")["structuredContent"]["error"]
    assert (refused["type"], refused["details"]["restriction"]) == ("AccessError", "model")
    partner = shop.call("search_records", model="res.partner", limit=1)["structuredContent"]
    assert set(partner["records"][0]) <= {"id", "display_name", "name", "email", "phone", "category_id"}


def test_the_guards_of_the_rest_route_run_on_its_tool():
    def no_creates(call):
        if call.route.name == "create_record":
            raise AccessError("No creates today", {"guard": "no_creates"})
    mcp = McpClient(ApiClient(guards=[no_creates]))
    refused = mcp.call("create_record", model="res.partner", values={"name": "x"})
    assert refused["isError"] and refused["structuredContent"]["error"]["details"] == {"guard": "no_creates"}
    assert mcp.call("search_records", model="res.partner")["isError"] is False


def test_resources_give_a_models_fields(mcp):
    templates = mcp.result("resources/templates/list")["resourceTemplates"]
    assert templates[0]["uriTemplate"] == "odoo://models/{model}"
    listed = mcp.result("resources/list")["resources"]
    assert {"uri": "odoo://models/res.partner", "name": "res.partner", "title": "Contact",
            "mimeType": "application/json"} in listed
    contents = mcp.result("resources/read", {"uri": "odoo://models/res.partner"})["contents"]
    import json
    assert json.loads(contents[0]["text"])["fields"]["name"]["type"] == "char"
    missing = mcp.send("resources/read", {"uri": "odoo://models/no.such"}).json["error"]
    assert missing["code"] == -32002 and missing["data"]["error"]["type"] == "NotFound"
    refused = McpClient(mcp.api, key="demo-readonly").send("resources/read", {"uri": "odoo://models/res.users"})
    assert refused.json["error"]["data"]["error"]["details"]["restriction"] == "model"


def test_the_ids_of_a_call_are_bounded_as_everywhere():
    from rest_api.domain.settings import ApiSettings
    mcp = McpClient(ApiClient(ApiSettings(max_ids=2)))
    refused = mcp.call("call_method", model="res.partner", method="name_get", ids=[1, 2, 3])
    assert refused["isError"] and refused["structuredContent"]["error"]["details"]["max_ids"] == 2
