"""External ids through the HTTP edge (issue 24): address, relate, read and upsert by module.name."""
import base64
import csv
import io

import pytest

P = "/api/v1/res.partner"
PNG_BYTES = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")


def count(api, model, domain="[]"):
    return api.get(f"/api/v1/{model}", params={"filter": domain, "context": '{"active_test": false}',
                                              "limit": "1"}).data["pagination"]["total_count"]


# --- address by external id -------------------------------------------------------------------

def test_a_record_is_read_by_its_external_id_and_says_it(api):
    reply = api.get(f"{P}/base.main_partner", params={"query": "{id, name, external_id}"})
    assert reply.status == 200
    assert reply.data == {"id": 1, "name": "YourCompany", "external_id": "base.main_partner"}


@pytest.mark.parametrize("name", ["base.no_such_partner", "base.main_company", "shop.p42"])
def test_an_unknown_name_or_another_model_s_is_404(api, name):
    reply = api.get(f"{P}/{name}")
    assert reply.status == 404
    assert reply.error["details"]["external_id"] == name


def test_a_name_that_is_no_external_id_matches_no_route(api):
    assert api.get(f"{P}/no-dot").status == 404
    assert api.get(f"{P}/Base.x").status == 404  # namespaces are module names: lower case


def test_put_patch_delete_download_call_and_report_take_an_external_id(api):
    assert api.put(f"{P}/base.partner_demo", json={"data": {"phone": "+32 1"}}).data == {"id": 4, "phone": "+32 1"}
    assert api.request("PATCH", f"{P}/base.partner_demo", json={"data": {"phone": "+32 2"}}).status == 200
    uploaded = api.request("PUT", f"{P}/base.partner_demo/image_1920", body=PNG_BYTES,
                           headers={"content-type": "image/png"})
    assert uploaded.status == 200 and uploaded.data["id"] == 4
    assert api.get(f"{P}/base.partner_demo/image_1920").body == PNG_BYTES
    assert api.get(f"{P}/base.main_partner/image_1920").error["details"]["id"] == 1  # empty, but found
    assert api.post("/api/v1/object/res.partner/base.partner_demo/toggle_active", json={}).status == 200
    assert api.get(f"{P}/4", params={"query": "{active}"}).data["active"] is False
    report = api.get("/api/v1/report/rest_api_demo.report_partner_card/base.main_partner,2",
                     params={"format": "html"})
    assert report.status == 200 and b"YourCompany" in report.body
    new = api.post(P, json={"data": {"name": "Doomed", "external_id": "sync.doomed"}}).data["id"]
    assert api.delete(f"{P}/sync.doomed").status == 200
    assert api.get(f"{P}/{new}").status == 404
    assert api.get(f"{P}/sync.doomed").status == 404  # the name went with the record


# --- PUT is an upsert, PATCH is not ---------------------------------------------------------

def test_put_on_a_new_external_id_creates_then_updates(api):
    first = api.put(f"{P}/shop.customer_7", json={"data": {"name": "Customer 7"}})
    assert first.status == 201
    new_id = first.data["id"]
    assert first.headers["location"] == f"{P}/{new_id}"
    second = api.put(f"{P}/shop.customer_7", json={"data": {"name": "Customer Seven"}})
    assert second.status == 200 and second.data == {"id": new_id, "name": "Customer Seven"}
    assert count(api, "res.partner", '[["name", "like", "Customer 7"]]') == 0
    assert api.get(f"{P}/shop.customer_7", params={"query": "{external_id}"}).data["external_id"] == "shop.customer_7"


def test_put_with_if_match_never_creates(api):
    reply = api.put(f"{P}/shop.guarded", headers={"If-Match": "*"}, json={"data": {"name": "Guarded"}})
    assert reply.status == 412
    assert api.get(f"{P}/shop.guarded").status == 404


def test_patch_never_creates(api):
    before = count(api, "res.partner")
    reply = api.request("PATCH", f"{P}/shop.not_yet", json={"data": {"name": "Nope"}})
    assert reply.status == 404
    assert count(api, "res.partner") == before


def test_put_creating_needs_the_create_right_and_a_client_namespace(api):
    before = count(api, "res.partner")
    refused = api.put(f"{P}/base.planted", json={"data": {"name": "Planted"}})
    assert refused.status == 400 and refused.error["details"]["rule"] == "namespace"
    assert api.put(f"{P}/rest_api.planted", json={"data": {"name": "Planted"}}).status == 400
    assert count(api, "res.partner") == before
    assert api.put("/api/v1/ir.config_parameter/shop.param", key="demo-user",
                   json={"data": {"key": "k", "value": "v"}}).status == 403


def test_a_name_of_another_model_is_not_taken_over_by_put(api):
    reply = api.put(f"{P}/shop.p42", json={"data": {"name": "Partner"}})
    assert reply.status == 409 and "product.template" in reply.error["message"]


def test_put_refuses_an_external_id_in_the_body(api):
    reply = api.put(f"{P}/base.partner_demo", json={"data": {"external_id": "shop.other"}})
    assert reply.status == 400


# --- relate by external id --------------------------------------------------------------------

def test_a_many2one_and_x2many_take_external_ids(api):
    reply = api.post(P, params={"query": "{parent_id, category_id}"}, json={"data": {
        "name": "Related", "parent_id": {"external_id": "base.main_partner"},
        "category_id": [[6, 0, [{"external_id": "base.res_partner_category_0"}, 2]]]}})
    assert reply.status == 201
    assert reply.data["parent_id"] == 1 and sorted(reply.data["category_id"]) == [1, 2]
    ops = api.put(f"{P}/{reply.data['id']}", params={"query": "{category_id}"}, json={"data": {
        "category_id": {"unlink": [{"external_id": "base.res_partner_category_0"}], "link": [3]}}})
    assert sorted(ops.data["category_id"]) == [2, 3]
    raw = api.put(f"{P}/{reply.data['id']}", params={"query": "{category_id}"}, json={"data": {
        "category_id": [[4, {"external_id": "base.res_partner_category_0"}]]}})
    assert sorted(raw.data["category_id"]) == [1, 2, 3]


def test_a_nested_create_relates_by_external_id_too(api):
    reply = api.post(P, params={"query": "{child_ids{name, parent_id, category_id}}"}, json={"data": {
        "name": "Parent", "child_ids": {"create": [{"name": "Kid", "category_id": [
            {"external_id": "base.res_partner_category_0"}]}]}}})
    assert reply.status == 201
    assert reply.data["child_ids"][0]["category_id"] == [1]


@pytest.mark.parametrize("value", [{"external_id": "shop.nobody"}, {"external_id": "base.main_company"}])
def test_an_unknown_related_name_is_400_naming_it_and_creates_nothing(api, value):
    before = count(api, "res.partner")
    reply = api.post(P, json={"data": {"name": "Orphan", "parent_id": value}})
    assert reply.status == 400
    assert reply.error["details"]["external_id"] == value["external_id"]
    assert reply.error["details"]["field"] == "parent_id"
    assert count(api, "res.partner") == before


def test_a_malformed_reference_is_400(api):
    assert api.post(P, json={"data": {"name": "X", "parent_id": {"external_id": "nodot"}}}).status == 400
    assert api.post(P, json={"data": {"name": "X", "parent_id": {"external_id": "base.main_partner",
                                                                    "id": 1}}}).status == 400


# --- read it ------------------------------------------------------------------------------

def test_external_id_is_read_when_named_null_when_none_and_at_every_level(api):
    reply = api.get(P, params={"query": "{id, external_id, parent_id{external_id}}",
                               "filter": '[["id", "in", [3, 5]]]', "order": "id"})
    assert reply.data["records"] == [
        {"id": 3, "external_id": "base.partner_admin", "parent_id": {"id": 1, "external_id": "base.main_partner"}},
        {"id": 5, "external_id": None, "parent_id": None}]
    assert "external_id" not in api.get(f"{P}/1").data  # {*} leaves it out: it costs a lookup


def test_external_id_is_a_column_of_exports_and_a_field_of_the_document(api):
    reply = api.get(P, params={"query": "{id, external_id}", "filter": '[["id", "<=", 2]]', "order": "id",
                               "format": "csv"})
    rows = list(csv.reader(io.StringIO(reply.body.decode("utf-8-sig"))))
    assert rows[0] == ["id", "external_id"] and rows[1] == ["1", "base.main_partner"]
    document = api.get("/api/v1/openapi.json", params={"models": "res.partner"}).json
    schemas = document["components"]["schemas"]
    assert schemas["res.partner.Record"]["properties"]["external_id"]["type"] == ["string", "null"]
    assert "external_id" in schemas["res.partner.NewValues"]["properties"]
    assert "/res.partner/upsert" in document["paths"]


def test_external_id_is_no_filter_and_no_order(api):
    assert api.get(P, params={"filter": '[["external_id", "=", "base.main_partner"]]'}).status == 400
    assert api.get(P, params={"order": "external_id"}).status == 400


# --- batch upsert ----------------------------------------------------------------------------

U = "/api/v1/product.template/upsert"


def test_the_same_upsert_twice_creates_nothing_the_second_time(api):
    body = {"data": [{"external_id": "shop.p42", "name": "Chair 42"},
                     {"external_id": "shop.p43", "name": "Desk 43", "list_price": 10.0}]}
    first = api.post(U, json=body)
    assert first.status == 200
    created = [(r["external_id"], r["created"]) for r in first.data["records"]]
    assert created == [("shop.p42", False), ("shop.p43", True)]
    assert (first.data["created"], first.data["updated"]) == (1, 1)
    assert first.data["records"][0]["id"] == 1
    before = count(api, "product.template")
    second = api.post(U, json=body)
    assert (second.data["created"], second.data["updated"]) == (0, 2)
    assert [r["id"] for r in second.data["records"]] == [r["id"] for r in first.data["records"]]
    assert count(api, "product.template") == before
    assert api.get("/api/v1/product.template/shop.p43", params={"query": "{name}"}).data["name"] == "Desk 43"


def test_a_failing_row_leaves_nothing(api):
    before = count(api, "product.template")
    reply = api.post(U, json={"data": [{"external_id": "shop.ok", "name": "Fine"},
                                       {"external_id": "shop.p42", "name": "Renamed"},
                                       {"external_id": "shop.bad", "name": "Bad", "list_price": "cheap"}]})
    assert reply.status == 400 and reply.error["details"]["index"] == 2
    assert count(api, "product.template") == before
    assert api.get("/api/v1/product.template/shop.ok").status == 404
    assert api.get("/api/v1/product.template/1", params={"query": "{name}"}).data["name"] == "Office Chair"


def test_a_row_failing_in_the_store_leaves_nothing_either(api):
    before = count(api, "res.company")
    reply = api.post("/api/v1/res.company/upsert", json={"data": [
        {"external_id": "shop.co_a", "name": "Company A"}, {"external_id": "shop.co_b", "name": "YourCompany"}]})
    assert reply.status == 409
    assert count(api, "res.company") == before
    assert api.get("/api/v1/res.company/shop.co_a").status == 404


@pytest.mark.parametrize("body, status", [
    ({"data": [{"external_id": "shop.x", "name": "A"}, {"external_id": "shop.x", "name": "B"}]}, 400),
    ({"data": [{"name": "No name"}]}, 400),
    ({"data": []}, 400),
    ({"data": [{"external_id": "base.planted", "name": "A"}]}, 400),
    ({"data": [{"external_id": "not a name", "name": "A"}]}, 400),
    ({"data": [{"external_id": "base.main_partner", "name": "A"}]}, 409),  # a partner's name
    ({"match": "description", "data": [{"description": "x", "name": "A"}]}, 400),  # not a char/... key
    ({"match": "nope", "data": [{"name": "A"}]}, 400),
    ({"match": "default_code", "data": [{"name": "A"}]}, 400),
])
def test_bad_upserts_are_refused_and_change_nothing(api, body, status):
    before = count(api, "product.template")
    reply = api.post(U, json=body)
    assert reply.status == status, reply.json
    assert count(api, "product.template") == before


def test_upsert_by_a_field_matches_archived_records_and_names_them(api):
    reply = api.post(U, json={"match": "default_code", "data": [
        {"default_code": "FURN_7777", "list_price": 71.0},
        {"default_code": "FURN_6666", "list_price": 300.0, "external_id": "shop.screens"},  # archived
        {"default_code": "SKU-NEW", "name": "New Thing"}]})
    assert reply.status == 200, reply.json
    records = reply.data["records"]
    assert [(r["id"], r["created"]) for r in records[:2]] == [(1, False), (11, False)]
    assert records[0]["external_id"] == "shop.p42"  # the record's own first name
    assert records[1]["external_id"] == "shop.screens" and records[2]["created"] is True
    screens = api.get("/api/v1/product.template/shop.screens", params={"query": "{list_price}"})
    assert screens.data["list_price"] == 300.0


def test_a_match_value_several_records_hold_is_409_naming_them(api):
    api.post("/api/v1/product.template/batch", json={"data": [
        {"name": "Twin A", "default_code": "TWIN"}, {"name": "Twin B", "default_code": "TWIN"}]})
    reply = api.post(U, json={"match": "default_code", "data": [{"default_code": "TWIN", "list_price": 1.0}]})
    assert reply.status == 409
    assert len(reply.error["details"]["records"]["TWIN"]) == 2


def test_a_match_external_id_naming_another_record_is_409(api):
    reply = api.post(U, json={"match": "default_code", "data": [
        {"default_code": "E-COM09", "external_id": "shop.p42"}]})  # shop.p42 is product 1, E-COM09 product 2
    assert reply.status == 409


def test_upsert_needs_create_and_write_on_the_model_and_writes_nothing(api):
    before = count(api, "product.template")
    reply = api.post(U, key="demo-readonly", json={"data": [{"external_id": "shop.ro", "name": "A"}]})
    assert reply.status == 403
    assert count(api, "product.template") == before
    assert api.post("/api/v1/ir.config_parameter/upsert", key="demo-user",
                    json={"data": [{"external_id": "shop.c", "key": "k", "value": "v"}]}).status == 403


def test_upsert_relates_by_external_id_and_gives_the_rows_at_most_max_ids(api):
    reply = api.post("/api/v1/res.partner/upsert", json={"data": [
        {"external_id": "crm.lead_contact", "name": "Lead", "parent_id": {"external_id": "base.main_partner"}}]})
    assert reply.status == 200
    assert api.get(P + "/crm.lead_contact", params={"query": "{parent_id}"}).data["parent_id"] == 1


def test_a_batch_giving_one_new_name_twice_is_400_naming_it_and_creates_nothing(api):
    before = count(api, "res.partner")
    reply = api.post(f"{P}/batch", json={"data": [{"name": "A", "external_id": "shop.twin"},
                                                  {"name": "B", "external_id": "shop.twin"}]})
    assert reply.status == 400
    assert reply.error["details"] == {"field": "external_id", "repeated": ["shop.twin"]}
    assert count(api, "res.partner") == before


def test_a_new_name_of_another_model_s_record_is_409_and_creates_nothing(api):
    before = count(api, "res.partner")
    reply = api.post(f"{P}/batch", json={"data": [{"name": "A", "external_id": "shop.p42"}]})
    assert reply.status == 409 and reply.error["details"]["external_ids"] == {"shop.p42": "product.template"}
    assert count(api, "res.partner") == before
