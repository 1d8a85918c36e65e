"""Restricted API keys on the demo (issue 23): models, operations, methods, fields and networks."""
import json

import pytest
from api_client import ApiClient


@pytest.fixture
def api():
    return ApiClient()


def refusal(reply, restriction):
    assert reply.status == 403, reply.json
    assert reply.error["type"] == "AccessError"
    assert reply.error["details"]["restriction"] == restriction, reply.error
    return reply.error["details"]


def count(api, model):
    return api.get(f"/api/v1/{model}", params={"page_size": 1}).data["pagination"]["total_count"]


def test_a_read_only_key_reads_but_creates_nothing(api):
    assert api.get("/api/v1/res.partner", key="demo-readonly").status == 200
    before = count(api, "res.partner")
    details = refusal(api.post("/api/v1/res.partner", key="demo-readonly", json={"data": {"name": "No"}}),
                      "operation")
    assert details == {"restriction": "operation", "model": "res.partner", "operation": "create"}
    assert count(api, "res.partner") == before
    refusal(api.put("/api/v1/res.partner/5", key="demo-readonly", json={"data": {"name": "No"}}), "operation")
    refusal(api.delete("/api/v1/res.partner/5", key="demo-readonly"), "operation")
    assert api.get("/api/v1/res.partner/5").data["name"] == "Azure Interior"


def test_a_read_only_key_s_transaction_is_refused_before_anything_runs(api):
    before = count(api, "res.partner.category")
    steps = [{"method": "POST", "path": "/res.partner.category", "body": {"data": {"name": "First"}}},
             {"method": "GET", "path": "/res.partner/5"}]
    details = refusal(api.post("/api/v1/transaction", key="demo-readonly", json={"operations": steps}),
                      "operation")
    assert (details["model"], details["operation"], details["permission"]) == ("res.partner.category", 0, "create")
    assert count(api, "res.partner.category") == before


def test_a_later_step_is_refused_before_the_first_runs(api):
    before = count(api, "res.partner")
    steps = [{"method": "POST", "path": "/res.partner", "body": {"data": {"name": "Shop contact"}}},
             {"method": "DELETE", "path": "/res.partner/$0.id"}]
    reply = api.post("/api/v1/transaction", key="demo-shop", json={"operations": steps})
    assert refusal(reply, "operation")["operation"] == 1
    assert count(api, "res.partner") == before


def test_methods_are_refused_unless_listed(api):
    refusal(api.post("/api/v1/object/res.partner/name_search", key="demo-readonly",
                     json={"kwargs": {"name": "Azure"}}), "method")
    refusal(api.post("/api/v1/object/res.partner/search_read", key="demo-shop", json={}), "method")
    assert api.post("/api/v1/object/res.partner/name_search", key="demo-shop",
                    json={"kwargs": {"name": "Azure"}}).status == 200


def test_an_unlisted_model_is_refused_on_every_path(api):
    for method, path in (("GET", "/api/v1/res.users"), ("GET", "/api/v1/res.users/2"),
                         ("GET", "/api/v1/res.users/fields"), ("GET", "/api/v1/res.users/aggregate"),
                         ("GET", "/api/v1/res.users/changes")):
        details = refusal(api.request(method, path, key="demo-readonly"), "model")
        assert details["model"] == "res.users", path
    export = api.get("/api/v1/res.users", key="demo-readonly", params={"format": "csv"})
    refusal(export, "model")


def test_a_nested_selection_into_an_unlisted_model_is_refused(api):
    reply = api.get("/api/v1/res.partner", key="demo-readonly", params={"query": "{id, company_id{name}}"})
    assert refusal(reply, "model")["model"] == "res.company"
    ids_only = api.get("/api/v1/res.partner/5", key="demo-readonly", params={"query": "{id, company_id}"})
    assert ids_only.status == 200  # the related id belongs to the record itself


def test_a_filter_an_order_or_a_write_on_a_field_outside_the_list_is_refused(api):
    on_filter = api.get("/api/v1/res.partner", key="demo-shop",
                        params={"filter": json.dumps([["website", "ilike", "example"]])})
    assert refusal(on_filter, "field")["field"] == "website"
    on_order = api.get("/api/v1/res.partner", key="demo-shop", params={"order": "website"})
    assert refusal(on_order, "field")["fields"] == ["website"]
    on_read = api.get("/api/v1/res.partner/5", key="demo-shop", params={"query": "{name, website}"})
    assert refusal(on_read, "field")["fields"] == ["website"]
    before = count(api, "res.partner")
    on_write = api.post("/api/v1/res.partner", key="demo-shop", json={"data": {"name": "X", "website": "w"}})
    assert refusal(on_write, "field")["fields"] == ["website"]
    assert count(api, "res.partner") == before
    grouped = api.get("/api/v1/res.partner/aggregate", key="demo-shop", params={"groupby": "website"})
    assert grouped.status in (400, 403) and grouped.status != 200


def test_the_default_selection_holds_only_the_allowed_fields(api):
    record = api.get("/api/v1/res.partner/5", key="demo-shop").data
    assert set(record) <= {"id", "external_id", "name", "email", "phone", "category_id"}
    assert "name" in record


def test_the_shop_key_creates_within_its_fields(api):
    reply = api.post("/api/v1/res.partner", key="demo-shop", json={"data": {"name": "Shop buyer",
                                                                          "email": "b@example.com"}})
    assert reply.status == 201, reply.json


def test_a_key_outside_its_networks_is_refused(api):
    assert api.get("/api/v1/product.template", key="demo-shop").status == 200
    details = refusal(api.get("/api/v1/product.template", key="demo-shop", remote_addr="203.0.113.9"),
                      "network")
    assert details == {"restriction": "network"}
    assert api.get("/api/v1/product.template", key="demo", remote_addr="203.0.113.9").status == 200


def test_the_openapi_document_shows_only_what_the_key_may_do(api):
    document = api.get("/api/v1/openapi.json", key="demo-readonly").body
    paths = json.loads(document)["paths"]
    models = {path.split("/")[1] for path in paths if path.count("/") >= 1}
    assert "res.users" not in models and "res.partner" in models
    assert "post" not in paths["/res.partner"] and "put" not in paths["/res.partner/{id}"]
    shop = json.loads(api.get("/api/v1/openapi.json", key="demo-shop",
                              params={"models": "res.partner"}).body)
    schemas = shop["components"]["schemas"]
    allowed = {"id", "external_id", "name", "email", "phone", "category_id"}  # external_id: every model's
    assert set(schemas["res.partner.Record"]["properties"]) <= allowed
    assert "website" not in schemas["res.partner.NewValues"]["properties"]
    assert "res.partner.Values" not in schemas  # no write: no update body
    listed = {m["model"] for m in api.get("/api/v1/openapi/models", key="demo-readonly").data["models"]}
    assert listed == {"res.partner", "res.partner.category", "product.template"}


def test_an_unrestricted_key_is_its_user_as_before(api):
    assert api.get("/api/v1/res.users", key="demo").status == 200
    assert api.post("/api/v1/res.partner", key="demo", json={"data": {"name": "Free"}}).status == 201


def test_the_cached_document_is_per_key_restrictions():
    from rest_api.controllers.standalone import MemoryHost
    kept = {}

    class CachingHost(MemoryHost):
        def memoized(self, question, build):  # as Odoo's host: kept per question
            if question not in kept:
                kept[question] = build()
            return kept[question]
    api = ApiClient()
    api.host.__class__ = CachingHost
    full = json.loads(api.get("/api/v1/openapi.json", key="demo").body)
    narrow = json.loads(api.get("/api/v1/openapi.json", key="demo-readonly").body)
    assert "/res.users" in full["paths"] and "/res.users" not in narrow["paths"]
