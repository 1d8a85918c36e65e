"""Method calls, field metadata, info and binary downloads through the HTTP edge."""
import base64

import pytest

from api_client import ApiClient
from rest_api.controllers.routes import ROUTES
from rest_api.domain.settings import ApiSettings


def test_model_method_call(api):
    reply = api.post("/api/v1/object/res.partner/name_search", json={"args": ["Deco"], "kwargs": {"limit": 5}})
    assert reply.status == 200
    assert reply.data == {"result": [[8, "Deco Addict"], [9, "Deco Addict, Addison Olson"]]}


def test_record_method_call_writes(api):
    reply = api.post("/api/v1/object/res.partner/15/toggle_active")
    assert reply.status == 200 and reply.data == {"result": None}
    assert api.get("/api/v1/res.partner/15", params={"query": "{active}"}).data["active"] is False


def test_method_returning_ids(api):
    reply = api.post("/api/v1/object/product.template/1/copy", json={"kwargs": {"default": {"list_price": 1.0}}})
    [new_id] = reply.data["result"]
    copy = api.get(f"/api/v1/product.template/{new_id}", params={"query": "{name, list_price}"}).data
    assert copy == {"id": new_id, "name": "Office Chair (copy)", "list_price": 1.0}


def test_method_that_writes_then_fails_leaves_nothing(api):
    reply = api.post("/api/v1/object/res.partner/5/write_then_fail")
    assert reply.status == 400
    assert api.get("/api/v1/res.partner/5", params={"query": "{name}"}).data["name"] == "Azure Interior"


@pytest.mark.parametrize("method, status", [
    ("_hidden", 403), ("__init__", 403), ("__class__", 403), ("_write", 403),
    ("no_such_method", 404), ("a-b", 404),
])
def test_private_and_unknown_methods(api, method, status):
    assert api.post(f"/api/v1/object/res.partner/5/{method}").status == status


@pytest.mark.parametrize("body", [{"args": {"a": 1}}, {"kwargs": []}, {"kwargs": {"unexpected": 1}},
                                  {"args": [1, 2, 3, 4, 5, 6]}])
def test_wrong_arguments_are_400(api, body):
    assert api.post("/api/v1/object/res.partner/name_search", json=body).status == 400


def test_method_on_a_missing_record_is_404(api):
    assert api.post("/api/v1/object/res.partner/999/toggle_active").status == 404


def test_fields_metadata(api):
    fields = api.get("/api/v1/res.partner/fields").data["fields"]
    assert fields["type"]["selection"][0] == ["contact", "Contact"]
    assert fields["parent_id"]["relation"] == "res.partner"
    assert fields["name"]["type"] == "char"
    users = api.get("/api/v1/res.users/fields").data["fields"]
    assert "password" not in users and "login" in users


def test_fields_metadata_narrowed_by_attributes(api):
    fields = api.get("/api/v1/res.partner/fields", params={"attributes": "type,string"}).data["fields"]
    assert fields["parent_id"] == {"type": "many2one", "string": "Related Company"}
    assert api.get("/api/v1/res.partner/fields", params={"attributes": "type,bogus"}).status == 400


def test_fields_hide_what_the_user_cannot_read(api):
    assert "x_internal_note" not in api.get("/api/v1/res.partner/fields", key="demo-user").data["fields"]


def test_info_lists_every_route(api):
    data = api.get("/api/v1/info").data
    assert data["api_version"] == "v1"
    assert data["user"] == {"id": 2, "name": "Mitchell Admin"}
    assert len(data["endpoints"]) == len(ROUTES)
    assert {"method": "GET", "path": "/api/v1/{model}/{id}", "description": "Read one record"} in data["endpoints"]


def test_info_describes_conditional_requests_and_idempotency_keys():
    from api_client import ApiClient
    from rest_api.domain.settings import ApiSettings
    features = ApiClient(ApiSettings(require_if_match=True, idempotency_hours=6)).get("/api/v1/info").data["features"]
    assert features["conditional_requests"]["require_if_match"] is True
    assert features["conditional_requests"]["request_headers"] == ["If-None-Match", "If-Match"]
    assert features["idempotency_keys"] == {"header": "Idempotency-Key", "methods": ["DELETE", "PATCH", "POST", "PUT"],
                                            "retention_hours": 6, "replay_header": "Idempotent-Replayed"}


def test_binary_download_raw(api):
    reply = api.get("/api/v1/res.partner/5/image_1920")
    assert reply.status == 200
    assert reply.body.startswith(b"\x89PNG")
    assert reply.headers["content-type"] == "image/png"
    assert reply.headers["content-length"] == str(len(reply.body))
    assert reply.headers["content-disposition"].startswith("attachment; filename=")
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["content-security-policy"] == "default-src 'none'"


def test_binary_download_as_base64(api):
    reply = api.get("/api/v1/res.partner/5/image_1920", params={"encoding": "base64"})
    assert reply.data["field"] == "image_1920" and reply.data["mimetype"] == "image/png"
    assert base64.b64decode(reply.data["content"]).startswith(b"\x89PNG")


@pytest.mark.parametrize("path, status", [
    ("/api/v1/res.partner/5/name", 400),     # not binary
    ("/api/v1/res.partner/5/bogus", 400),    # unknown field
    ("/api/v1/res.partner/6/image_1920", 404),  # empty
    ("/api/v1/res.partner/999/image_1920", 404),
])
def test_binary_download_errors(api, path, status):
    assert api.get(path).status == status


def test_exposed_models_allow_list_hides_the_rest():
    api = ApiClient(ApiSettings(exposed_models={"res.partner"}))
    assert api.get("/api/v1/res.partner", params={"limit": "1"}).status == 200
    assert api.get("/api/v1/product.template").status == 404
    # nested reads through a hidden model are refused too
    assert api.get("/api/v1/res.partner", params={"query": "{company_id{name}}"}).status == 404


def test_extra_sensitive_fields_from_settings():
    api = ApiClient(ApiSettings(extra_sensitive_fields={"email"}))
    assert "email" not in api.get("/api/v1/res.partner/5").data
    assert api.get("/api/v1/res.partner/5", params={"query": "{email}"}).status == 403


def test_inline_content_is_served_as_is():
    from rest_api.controllers.http_api import RestHttpApi
    from rest_api.controllers.messages import HttpRequest
    from rest_api.controllers.results import InlineContent
    from rest_api.controllers.router import Route
    from rest_api.controllers.standalone import MemoryHost
    from rest_api.adapters.memory.seed import seed_database

    def page(call):
        return InlineContent(b"<h1>hi</h1>", "text/html; charset=utf-8", 60)
    api = RestHttpApi((Route("GET", "/page", page, "A page", public=True),))
    response = api.dispatch(HttpRequest("GET", "/api/v1/page"), MemoryHost(seed_database()))
    assert response.status == 200 and response.body == b"<h1>hi</h1>"
    assert response.header("content-type") == "text/html; charset=utf-8"
    assert response.header("cache-control") == "public, max-age=60"
