"""``GET /api/v1/{model}/changes`` on the in-memory API (spec §19)."""
import pytest
from api_client import ApiClient
from rest_api.domain.settings import ApiSettings

FEED = "/api/v1/res.partner/changes"


def drain(api, cursor=None, limit=50, query="{id, name, active}"):
    """Every page from ``cursor``: (records, deleted, next cursor, pages)."""
    records, deleted, pages = [], [], 0
    while True:
        reply = api.get(FEED, params={"limit": limit, "query": query, **({"cursor": cursor} if cursor else {})})
        assert reply.status == 200, reply.json
        records += reply.data["records"]
        deleted += reply.data["deleted"] or []
        cursor, pages = reply.data["next_cursor"], pages + 1
        if not reply.data["has_more"]:
            return records, deleted, cursor, pages


@pytest.fixture
def tracked():
    return ApiClient(ApiSettings(change_feed_models={"res.partner"}))


def test_from_the_start_every_record_once_archived_included(api):
    records, deleted, _, pages = drain(api, limit=4)
    ids = [r["id"] for r in records]
    everything = api.get("/api/v1/res.partner", params={"context": '{"active_test": false}', "query": "{id}"})
    assert sorted(ids) == sorted(r["id"] for r in everything.data["records"])
    assert len(ids) == len(set(ids))
    assert pages == -(-len(ids) // 4) + (len(ids) % 4 == 0)
    assert deleted == []


def test_then_only_what_changed_oldest_first(api):
    _, _, cursor, _ = drain(api)
    new = api.post("/api/v1/res.partner", json={"data": {"name": "Fresh"}}).data["id"]
    api.put("/api/v1/res.partner/3", json={"data": {"name": "Renamed"}})
    api.put(f"/api/v1/res.partner/{new}", json={"data": {"active": False}})
    records, _, cursor, _ = drain(api, cursor)
    assert [(r["id"], r["name"], r["active"]) for r in records] == [(3, "Renamed", True), (new, "Fresh", False)]
    assert drain(api, cursor)[:2] == ([], [])


def test_untracked_models_say_deletions_are_not_tracked(api):
    data = api.get(FEED, params={"limit": 1}).data
    assert data["deleted"] is None and data["deletions_tracked"] is False


def test_deletions_of_tracked_models(tracked):
    doomed = tracked.post("/api/v1/res.partner/batch", json={"data": [{"name": "D1"}, {"name": "D2"}]}).data["records"]
    _, deleted, cursor, _ = drain(tracked)
    assert deleted == []  # the first poll reports no deletions
    tracked.request("DELETE", "/api/v1/res.partner", params={"id": f"[{doomed[0]['id']},{doomed[1]['id']}]"})
    data = tracked.get(FEED, params={"cursor": cursor}).data
    assert (data["records"], data["deleted"], data["has_more"]) == ([], [d["id"] for d in doomed], False)
    assert "deletions_tracked" not in data


def test_deletions_are_paged_too(tracked):
    doomed = tracked.post("/api/v1/res.partner/batch", json={"data": [{"name": f"D{n}"} for n in range(5)]}).data
    _, _, cursor, _ = drain(tracked)
    ids = [r["id"] for r in doomed["records"]]
    tracked.request("DELETE", "/api/v1/res.partner", params={"id": str(ids)})
    _, deleted, _, pages = drain(tracked, cursor, limit=2)
    assert (deleted, pages) == (ids, 3)


def test_a_rolled_back_request_leaves_nothing_in_the_feed(tracked):
    _, _, cursor, _ = drain(tracked)
    reply = tracked.post("/api/v1/transaction", json={"operations": [
        {"method": "POST", "path": "/res.partner", "body": {"data": {"name": "Ghost"}}},
        {"method": "DELETE", "path": "/res.partner/15"},
        {"method": "PUT", "path": "/res.partner/999999", "body": {"data": {"name": "x"}}}]})
    assert reply.status == 404
    assert drain(tracked, cursor)[:2] == ([], [])


@pytest.mark.parametrize("params, problem", [
    ({"cursor": "garbage"}, "Invalid change-feed cursor"),
    ({"limit": "0"}, "limit must be"),
    ({"limit": "1001"}, "limit must be"),
    ({"query": "{nope}"}, "nope"),
])
def test_bad_parameters_are_400(api, params, problem):
    reply = api.get(FEED, params=params)
    assert reply.status == 400
    assert problem in reply.error["message"]


def test_a_cursor_of_another_model_is_400(api):
    other = api.get("/api/v1/res.users/changes").data["next_cursor"]
    reply = api.get(FEED, params={"cursor": other})
    assert reply.status == 400 and "res.users" in reply.error["message"]


def test_changes_comes_before_a_record_id(api):
    assert api.get("/api/v1/res.partner/3").data["id"] == 3
    assert "next_cursor" in api.get(FEED).data
    assert api.request("DELETE", FEED).status == 405


def test_the_feed_is_listed_in_info_and_openapi(api):
    endpoints = api.get("/api/v1/info").data["endpoints"]
    assert any(e["path"] == "/api/v1/{model}/changes" and e["method"] == "GET" for e in endpoints)
    document = api.get("/api/v1/openapi.json", params={"models": "res.partner"}).json
    operation = document["paths"]["/res.partner/changes"]["get"]
    assert "410" in operation["responses"]
    assert "/transaction" in document["paths"]


def test_a_model_without_write_date_has_no_feed(database):
    from attrs import evolve
    from rest_api.adapters.memory.seed import ADMIN_ID, build_catalog
    from rest_api.adapters.memory.store import InMemoryRecordStore
    from rest_api.application.change_feed import list_changes
    from rest_api.application.session import Session
    from rest_api.domain.errors import ValidationError

    class NoStampCatalog:
        def __init__(self, catalog):
            self.catalog = catalog

        def model(self, name):
            info = self.catalog.model(name)
            return evolve(info, fields={k: v for k, v in info.fields.items() if k != "write_date"})

    session = Session(NoStampCatalog(build_catalog(ADMIN_ID, database)), InMemoryRecordStore(database, ADMIN_ID))
    with pytest.raises(ValidationError, match="keeps no write_date"):
        list_changes(session, "res.partner", None, None, None, b"secret")
