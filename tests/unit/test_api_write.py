"""Writing through the HTTP edge: create, batch, updates, relation operations, deletes; all or nothing."""
import pytest


def count(api, model, domain="[]"):
    return api.get(f"/api/v1/{model}", params={"filter": domain, "context": '{"active_test": false}',
                                              "limit": "1"}).data["pagination"]["total_count"]


def test_create_answers_201_with_location_and_the_fields_sent(api):
    reply = api.post("/api/v1/product.template",
                     json={"data": {"name": "New Product", "list_price": 100.0}, "context": {"lang": "en_US"}})
    assert reply.status == 201
    assert reply.json["message"] == "Record created successfully"
    new_id = reply.data["id"]
    assert reply.data == {"id": new_id, "name": "New Product", "list_price": 100.0}
    assert reply.headers["location"] == f"/api/v1/product.template/{new_id}"
    assert api.get(f"/api/v1/product.template/{new_id}", params={"query": "{name}"}).data["name"] == "New Product"


def test_create_reads_back_the_query_selection_when_given(api):
    reply = api.post("/api/v1/res.partner", params={"query": "{name, parent_id{name}}"},
                     json={"data": {"name": "Child", "parent_id": 5}})
    assert reply.data == {"id": reply.data["id"], "name": "Child", "parent_id": {"id": 5, "name": "Azure Interior"}}


def test_batch_create_is_in_input_order(api):
    reply = api.post("/api/v1/product.template/batch", json={"data": [
        {"name": "Product 1", "list_price": 50.0}, {"name": "Product 2", "list_price": 75.0}]})
    assert reply.status == 201
    records = reply.data["records"]
    assert reply.data["count"] == 2
    assert [(r["name"], r["list_price"]) for r in records] == [("Product 1", 50.0), ("Product 2", 75.0)]
    assert records[0]["id"] < records[1]["id"]


def test_batch_create_is_all_or_nothing(api):
    before = count(api, "res.company")
    reply = api.post("/api/v1/res.company/batch", json={"data": [
        {"name": "A"}, {"name": "B"}, {"name": "YourCompany"}]})  # company names are unique
    assert reply.status == 409 and reply.error["type"] == "Conflict"
    assert count(api, "res.company") == before


def test_batch_create_reports_the_failing_index_for_bad_values(api):
    reply = api.post("/api/v1/product.template/batch", json={"data": [{"name": "A"}, {"list_price": "x"}]})
    assert reply.status == 400
    assert reply.error["details"]["index"] == 1


def test_update_one_reads_back_the_fields_sent(api):
    reply = api.put("/api/v1/product.template/2",
                    json={"data": {"name": "Updated Product Name", "list_price": 150.0}})
    assert reply.status == 200
    assert reply.data == {"id": 2, "name": "Updated Product Name", "list_price": 150.0}


def test_update_by_ids(api):
    reply = api.put("/api/v1/product.template", params={"id": "[1,2,3]"}, json={"data": {"list_price": 200.0}})
    assert reply.data == {"ids": [1, 2, 3], "count": 3}
    prices = api.get("/api/v1/product.template", params={"filter": '[["id","in",[1,2,3,4]]]',
                                                         "query": "{list_price}", "order": "id"})
    assert [r["list_price"] for r in prices.data["records"]] == [200.0, 200.0, 200.0, 140.0]


def test_update_by_ids_with_a_missing_id_writes_nothing(api):
    reply = api.put("/api/v1/product.template", params={"id": "[1,999]"}, json={"data": {"list_price": 1.0}})
    assert reply.status == 404 and reply.error["details"]["ids"] == [999]
    assert api.get("/api/v1/product.template/1", params={"query": "{list_price}"}).data["list_price"] == 70.0


def test_update_by_filter(api):
    reply = api.put("/api/v1/product.template",
                    json={"filter": [["default_code", "in", ["E-COM08", "E-COM10"]]], "data": {"active": False}})
    assert reply.data == {"ids": [7, 8], "count": 2}
    assert count(api, "product.template", '[["active","=",false]]') == 3


def test_bulk_update_without_ids_or_filter_is_refused(api):
    reply = api.put("/api/v1/product.template", json={"data": {"active": False}})
    assert reply.status == 400
    assert count(api, "product.template", '[["active","=",false]]') == 1


@pytest.mark.parametrize("value, expected", [
    ({"link": [2]}, [2, 3, 1]),  # read in the tags' order: by name
    ({"unlink": [1]}, [3]),
    ({"set": [4]}, [4]),
    ({"clear": True}, []),
    ({"clear": True, "link": [2]}, [2]),
    ([2, 4], [4, 2]),
    ([[4, 2, 0]], [2, 3, 1]),
    ([[6, 0, [1]]], [1]),
])
def test_x2many_operations(api, value, expected):
    reply = api.put("/api/v1/res.partner/5", json={"data": {"category_id": value}})
    assert reply.status == 200, reply.json
    assert reply.data["category_id"] == expected


def test_x2many_create_update_and_delete(api):
    reply = api.put("/api/v1/res.partner/5", params={"query": "{category_id{name}}"}, json={"data": {
        "category_id": {"create": [{"name": "New"}], "update": [{"id": 3, "name": "Renamed"}], "delete": [1]}}})
    assert reply.status == 200, reply.json
    tags = reply.data["category_id"]
    assert [t["name"] for t in tags] == ["New", "Renamed"]
    assert api.get("/api/v1/res.partner.category/1").status == 404


def test_x2many_operation_errors_name_the_field_and_operation(api):
    reply = api.put("/api/v1/res.partner/5", json={"data": {"category_id": {"link": ["x"], "explode": [1]}}})
    assert reply.status == 400
    assert "category_id" in reply.error["message"]
    assert "explode" in str(reply.error["details"])


def test_x2many_create_with_bad_nested_values_writes_nothing(api):
    before = count(api, "res.partner.category")
    reply = api.put("/api/v1/res.partner/5", json={"data": {
        "name": "Renamed", "category_id": {"create": [{"name": "ok"}, {"color": "red"}]}}})
    assert reply.status == 400
    assert count(api, "res.partner.category") == before
    assert api.get("/api/v1/res.partner/5", params={"query": "{name}"}).data["name"] == "Azure Interior"


def test_delete_one(api):
    reply = api.delete("/api/v1/product.template/1")
    assert reply.status == 200
    assert reply.data == {"success": True, "message": "Record deleted successfully"}
    assert api.get("/api/v1/product.template/1").status == 404


def test_delete_many_is_all_or_nothing(api):
    assert api.delete("/api/v1/product.template", params={"id": "[1,2,999]"}).status == 404
    assert api.get("/api/v1/product.template/1").status == 200
    reply = api.delete("/api/v1/product.template", params={"id": "1,2"})
    assert reply.data == {"success": True, "message": "Records deleted successfully", "ids": [1, 2], "count": 2}


def test_delete_many_without_ids_is_refused(api):
    assert api.delete("/api/v1/product.template").status == 400


@pytest.mark.parametrize("data, field", [
    ({"display_name": "x"}, "display_name"),
    ({"create_date": "2020-01-01 00:00:00"}, "create_date"),
    ({"id": 99}, "id"),
    ({"nope": 1}, "nope"),
    ({"list_price": "cheap"}, "list_price"),
    ({"type": "weird"}, "type"),
    ({"name": "a\u0000b"}, "name"),
])
def test_bad_values_are_400_naming_the_field_and_write_nothing(api, data, field):
    reply = api.put("/api/v1/product.template/1", json={"data": data})
    assert reply.status == 400
    assert field in reply.error["message"] or field in str(reply.error.get("details"))
    assert api.get("/api/v1/product.template/1", params={"query": "{name}"}).data["name"] == "Office Chair"


def test_writing_a_sensitive_field_is_403(api):
    reply = api.put("/api/v1/res.users/6", json={"data": {"password": "hunter2"}})
    assert reply.status == 403
    assert "hunter2" not in reply.body.decode()


def test_writing_a_field_of_a_group_the_user_lacks_is_403_even_on_create(api):
    reply = api.post("/api/v1/res.partner", json={"data": {"name": "x", "x_internal_note": "s"}},
                     key="demo-user")
    assert reply.status == 403
    assert count(api, "res.partner", '[["name","=","x"]]') == 0


def test_dates_are_accepted_in_iso_forms(api):
    reply = api.put("/api/v1/res.partner/15", json={"data": {"date": "2000-02-29"}})
    assert reply.data == {"id": 15, "date": "2000-02-29"}
    assert api.put("/api/v1/res.partner/15", json={"data": {"date": "2024-13-45"}}).status == 400


def test_null_clears_a_field(api):
    reply = api.put("/api/v1/res.partner/5", json={"data": {"email": None, "parent_id": None}})
    assert reply.data == {"id": 5, "email": None, "parent_id": None}


@pytest.mark.parametrize("model, record_id, parent", [
    ("product.category", 1, 1), ("product.category", 1, 3), ("res.partner", 5, 6), ("res.partner.category", 1, 4)])
def test_parent_loops_are_refused(api, model, record_id, parent):
    reply = api.put(f"/api/v1/{model}/{record_id}", json={"data": {"parent_id": parent}})
    assert reply.status == 400 and "Recursion" in reply.error["message"]
    assert api.get(f"/api/v1/{model}/{record_id}").status == 200


def test_a_context_language_that_is_not_a_string_is_400(api):
    reply = api.get("/api/v1/res.partner", params={"context": '{"lang": {"a": 1}}'})
    assert reply.status == 400
