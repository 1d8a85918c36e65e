"""``POST /api/v1/transaction`` on the in-memory API: one transaction, all or nothing (spec §18)."""
import pytest
from transaction_examples import partner_with_contacts_and_tags
from rest_api.domain.settings import ApiSettings


def count(api, model):
    return api.get(f"/api/v1/{model}", params={"context": '{"active_test": false}', "limit": "1"}
                   ).data["pagination"]["total_count"]


def test_partner_three_contacts_and_tags_in_one_call(api):
    reply = api.post("/api/v1/transaction", json={"operations": partner_with_contacts_and_tags(
        {"method": "GET", "path": "/res.partner/$1.id", "params": {"query": "{child_ids, category_id}"}})})
    assert reply.status == 200, reply.json
    results = reply.data["results"]
    assert [r["status"] for r in results] == [201, 201, 201, 200]
    company = results[1]["data"]
    contacts = results[2]["data"]["records"]
    assert [c["name"] for c in contacts] == [f"Contact {n} of TX Company" for n in (1, 2, 3)]
    assert {c["parent_id"] for c in contacts} == {company["id"]}
    # the GET sees the writes before it
    assert sorted(results[3]["data"]["child_ids"]) == sorted(c["id"] for c in contacts)
    assert sorted(results[3]["data"]["category_id"]) == sorted(r["id"] for r in results[0]["data"]["records"])


@pytest.mark.parametrize("fourth, status, kind", [
    ({"method": "POST", "path": "/res.partner", "body": {"data": {"name": "x", "nope": 1}}}, 400, "ValidationError"),
    ({"method": "PUT", "path": "/res.partner/999999", "body": {"data": {"name": "x"}}}, 404, "NotFound"),
    ({"method": "DELETE", "path": "/res.partner"}, 400, "ValidationError"),
    ({"method": "PATCH", "path": "/health"}, 405, "MethodNotAllowed"),
    ({"method": "GET", "path": "/res.partner/$9.id"}, 400, "ValidationError"),
    ({"method": "POST", "path": "/transaction", "body": {"operations": []}}, 400, "ValidationError"),
])
def test_a_failing_fourth_operation_leaves_nothing(api, fourth, status, kind):
    before = {model: count(api, model) for model in ("res.partner", "res.partner.category")}
    reply = api.post("/api/v1/transaction", json={"operations": partner_with_contacts_and_tags(fourth)})
    assert reply.status == status, reply.json
    assert reply.error["type"] == kind
    assert reply.error["details"]["operation"] == 3
    assert reply.error["message"].startswith("Operation 3: ")
    assert {model: count(api, model) for model in before} == before


def test_the_failing_operations_details_are_kept(api):
    reply = api.post("/api/v1/transaction", json={"operations": [
        {"method": "PUT", "path": "/res.partner/999999", "body": {"data": {"name": "x"}}}]})
    assert reply.status == 404
    assert reply.error["details"] == {"model": "res.partner", "ids": [999999], "operation": 0}


@pytest.mark.parametrize("path", ["/health", "/docs", "/docs/assets/swagger-ui.css"])
def test_public_routes_are_refused(api, path):
    reply = api.post("/api/v1/transaction", json={"operations": [{"method": "GET", "path": path}]})
    assert reply.status == 400
    assert "cannot be part of a transaction" in reply.error["message"]


def test_content_that_is_not_json_data_is_refused(api):
    reply = api.post("/api/v1/transaction", json={"operations": [{"method": "GET", "path": "/openapi.json"}]})
    assert reply.status == 400
    assert "answers no JSON data" in reply.error["message"]


def test_operations_over_the_limit_are_refused_before_any_runs():
    from api_client import ApiClient
    api = ApiClient(ApiSettings(max_transaction_operations=2))
    before = count(api, "res.partner")
    reply = api.post("/api/v1/transaction", json={"operations": [
        {"method": "POST", "path": "/res.partner", "body": {"data": {"name": f"P{n}"}}} for n in range(3)]})
    assert reply.status == 400
    assert reply.error["details"] == {"count": 3, "limit": 2}
    assert count(api, "res.partner") == before


def test_the_body_size_limit_applies_to_the_whole_request():
    from api_client import ApiClient
    api = ApiClient(ApiSettings(max_body_bytes=2000))
    reply = api.post("/api/v1/transaction", json={"operations": [
        {"method": "POST", "path": "/res.partner", "body": {"data": {"name": "x" * 900}}} for n in range(3)]})
    assert reply.status == 413


def test_params_take_json_values_and_references(api):
    reply = api.post("/api/v1/transaction", json={"operations": [
        {"method": "POST", "path": "/res.partner/batch", "body": {"data": [{"name": "A"}, {"name": "B"}]}},
        {"method": "PUT", "path": "/res.partner", "params": {"id": ["$0.records.0.id", "$0.records.1.id"]},
         "body": {"data": {"comment": "both"}}},
        {"method": "GET", "path": "/res.partner", "params": {"filter": [["comment", "=", "both"]], "limit": 5,
                                                           "query": "{name}"}},
    ]})
    assert reply.status == 200, reply.json
    assert reply.data["results"][1]["data"]["count"] == 2
    assert [r["name"] for r in reply.data["results"][2]["data"]["records"]] == ["A", "B"]


def test_the_transaction_endpoint_is_listed_in_info(api):
    endpoints = api.get("/api/v1/info").data["endpoints"]
    assert {"method": "POST", "path": "/api/v1/transaction",
            "description": "Run several operations in one database transaction, all or nothing"} in endpoints


def test_operations_may_carry_if_match_and_a_stale_tag_rolls_everything_back(api):
    etag = api.get("/api/v1/res.partner/3").headers["etag"]
    before = count(api, "res.partner")
    stale = api.post("/api/v1/transaction", json={"operations": [
        {"method": "POST", "path": "/res.partner", "body": {"data": {"name": "Tx new"}}},
        {"method": "PUT", "path": "/res.partner/3", "headers": {"If-Match": '"stale"'},
         "body": {"data": {"name": "Never"}}}]})
    assert stale.status == 412 and stale.error["details"]["operation"] == 1
    assert count(api, "res.partner") == before
    fresh = api.post("/api/v1/transaction", json={"operations": [
        {"method": "PUT", "path": "/res.partner/3", "headers": {"If-Match": etag},
         "body": {"data": {"name": "Renamed in a transaction"}}}]})
    assert fresh.status == 200, fresh.json
    assert api.get("/api/v1/res.partner/3").data["name"] == "Renamed in a transaction"


def test_if_match_is_required_in_operations_when_the_administrator_requires_it():
    from api_client import ApiClient
    api = ApiClient(ApiSettings(require_if_match=True))
    reply = api.post("/api/v1/transaction", json={"operations": [
        {"method": "PUT", "path": "/res.partner/3", "body": {"data": {"name": "x"}}}]})
    assert reply.status == 428 and reply.error["details"]["operation"] == 0
