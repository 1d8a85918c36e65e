"""Reading through the HTTP edge: lists, selection, filters, order, pages, one record, search."""
import pytest

from rest_api.adapters.memory.seed import ADMIN_ID, DEMO_ID


def names(reply):
    return [r["name"] for r in reply.data["records"]]


def test_list_users_is_the_seed_example(api):
    reply = api.get("/api/v1/res.users", params={"query": "{id, name}"})
    assert reply.status == 200
    assert reply.json == {
        "success": True,
        "message": "Records retrieved successfully",
        "data": {
            "records": [{"id": DEMO_ID, "name": "Marc Demo"}, {"id": ADMIN_ID, "name": "Mitchell Admin"}],
            "pagination": {"count": 2, "total_count": 2, "current_page": 1, "total_pages": 1,
                           "page_size": None, "prev_page": None, "next_page": None},
        },
        "timestamp": "2024-01-01T12:00:00.123Z",
    }
    assert reply.headers["content-type"] == "application/json; charset=utf-8"
    assert reply.headers["cache-control"] == "no-store"


def test_nested_selection_returns_objects_for_many2one(api):
    reply = api.get("/api/v1/res.users", params={"query": "{id, name, company_id{name}}"})
    assert reply.data["records"][1] == {"id": ADMIN_ID, "name": "Mitchell Admin",
                                        "company_id": {"id": 1, "name": "YourCompany"}}


def test_nested_x2many_returns_lists_of_objects(api):
    reply = api.get("/api/v1/res.partner/5", params={"query": "{name, category_id{name}, child_ids{name}}"})
    assert reply.data == {"id": 5, "name": "Azure Interior",
                          "category_id": [{"id": 3, "name": "Services"}, {"id": 1, "name": "Vendor"}],
                          "child_ids": [{"id": 6, "name": "Brandon Freeman"},
                                        {"id": 7, "name": "Colleen Diaz"}]}


def test_relations_without_nesting_are_ids(api):
    reply = api.get("/api/v1/res.partner/5", params={"query": "{parent_id, category_id, child_ids}"})
    assert reply.data == {"id": 5, "parent_id": None, "category_id": [3, 1], "child_ids": [6, 7]}


def test_star_leaves_out_binary_and_sensitive_fields(api):
    users = api.get("/api/v1/res.users").data["records"]
    assert "password" not in users[0] and "login" in users[0]
    partner = api.get("/api/v1/res.partner/5").data
    assert "image_1920" not in partner and partner["name"] == "Azure Interior"


def test_binary_field_named_explicitly_is_base64(api):
    partner = api.get("/api/v1/res.partner/5", params={"query": "{image_1920}"}).data
    assert partner["image_1920"].startswith("iVBORw0KGgo")


def test_exclusion_implies_star(api):
    record = api.get("/api/v1/res.partner/5", params={"query": "{-email, -phone}"}).data
    assert "email" not in record and "phone" not in record and "website" in record


def test_filter_on_price_is_the_seed_example(api):
    reply = api.get("/api/v1/product.template",
                    params={"filter": '[["list_price", ">", 100]]', "query": "{id, name, list_price}",
                            "order": "list_price desc"})
    assert [(r["name"], r["list_price"]) for r in reply.data["records"]] == [
        ("Flipover", 1950.0), ("Large Desk", 1799.0), ("Customizable Desk", 750.0), ("Large Cabinet", 320.0),
        ("Corner Desk Right Sit", 147.0), ("Cabinet with Doors", 140.0)]


def test_filter_with_or_and_dotted_path(api):
    reply = api.get("/api/v1/res.partner", params={
        "filter": '["|", ["parent_id.name", "=", "Deco Addict"], ["name", "=like", "Jesse%"]]',
        "query": "{name}", "order": "name"})
    assert names(reply) == ["Addison Olson", "Jesse Brown"]


@pytest.mark.parametrize("order, expected", [
    ("list_price desc", ["Flipover", "Large Desk"]),
    ('["list_price asc", "id"]', ["Storage Box", "Drawer Black"]),
])
def test_order_string_and_json_list(api, order, expected):
    reply = api.get("/api/v1/product.template", params={"order": order, "limit": "2", "query": "{name}"})
    assert names(reply) == expected


def test_pages_with_page_size(api):
    reply = api.get("/api/v1/product.template", params={"page_size": "4", "page": "2", "query": "{id}",
                                                        "order": "id"})
    assert [r["id"] for r in reply.data["records"]] == [5, 6, 7, 8]
    assert reply.data["pagination"] == {"count": 4, "total_count": 11, "current_page": 2, "total_pages": 3,
                                        "page_size": 4, "prev_page": 1, "next_page": 3}


def test_page_past_the_end_is_empty_not_an_error(api):
    reply = api.get("/api/v1/product.template", params={"page_size": "10", "page": "9"})
    assert reply.status == 200
    assert reply.data["records"] == []
    assert reply.data["pagination"]["total_count"] == 11
    assert reply.data["pagination"]["next_page"] is None


def test_limit_caps_but_total_count_tells_the_full_count(api):
    reply = api.get("/api/v1/product.template", params={"limit": "3", "query": "{id}"})
    assert reply.data["pagination"]["count"] == 3
    assert reply.data["pagination"]["total_count"] == 11


def test_archived_records_are_hidden_unless_context_says_otherwise(api):
    plain = api.get("/api/v1/product.template", params={"query": "{id}"})
    everything = api.get("/api/v1/product.template",
                         params={"query": "{id}", "context": '{"active_test": false}'})
    assert plain.data["pagination"]["total_count"] == 11
    assert everything.data["pagination"]["total_count"] == 12


def test_read_one_record(api):
    reply = api.get("/api/v1/product.template/2", params={"query": "{id, name, list_price}"})
    assert reply.status == 200
    assert reply.json["message"] == "Record retrieved successfully"
    assert reply.data == {"id": 2, "name": "Large Desk", "list_price": 1799.0}


def test_dates_and_datetimes_use_the_documented_formats(api):
    record = api.get("/api/v1/res.partner/5", params={"query": "{date, create_date}"}).data
    assert record == {"id": 5, "date": "2019-03-04", "create_date": "2024-01-15T09:30:00Z"}


def test_empty_values_are_null_but_false_booleans_stay_false(api):
    record = api.get("/api/v1/res.partner/15", params={"query": "{email, is_company, parent_id}"}).data
    assert record == {"id": 15, "email": None, "is_company": False, "parent_id": None}


def test_search_with_a_body(api):
    reply = api.post("/api/v1/res.partner/search", json={
        "domain": [["is_company", "=", True]], "fields": ["id", "name"], "limit": 2, "offset": 1,
        "order": "name ASC"})
    assert reply.status == 200
    assert reply.data == {"records": [{"id": 8, "name": "Deco Addict"}, {"id": 11, "name": "Gemini Furniture"}],
                          "count": 2, "total_count": 7, "offset": 1, "limit": 2}


def test_search_with_a_query_instead_of_fields(api):
    reply = api.post("/api/v1/res.partner/search",
                     json={"domain": [["id", "=", 6]], "query": "{name, parent_id{name}}"})
    assert reply.data["records"] == [{"id": 6, "name": "Brandon Freeman",
                                      "parent_id": {"id": 5, "name": "Azure Interior"}}]


def test_trailing_slash_is_the_same_route(api):
    assert api.get("/api/v1/res.users/", params={"query": "{id}"}).data == \
        api.get("/api/v1/res.users", params={"query": "{id}"}).data


def test_repeated_parameters_first_one_wins(api):
    reply = api.get("/api/v1/res.partner", params={"limit": "1"})
    assert reply.data["pagination"]["count"] == 1


def test_demo_user_cannot_see_a_field_of_a_group_it_lacks(api):
    admin = api.get("/api/v1/res.partner/3", params={"query": "{x_internal_note}"})
    demo = api.get("/api/v1/res.partner/3", params={"query": "{x_internal_note}"}, key="demo-user")
    assert admin.data["x_internal_note"] == "Signs every contract"
    assert demo.status == 403 and demo.error["type"] == "AccessError"
    assert "x_internal_note" not in api.get("/api/v1/res.partner/3", key="demo-user").data
