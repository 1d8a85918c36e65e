"""Issue 10 on the in-memory API: the guards of the REST endpoints on ``/object`` calls,
whole-filter budgets, valid keys past the failed-auth limit, and clear errors.

The Odoo side of each case is in ``tests/test_no_session.py``.
"""
import json

import pytest
from api_client import ApiClient
from rest_api.application.call_guard import _field_path
from rest_api.domain.criteria import validate_domain
from rest_api.domain.errors import ValidationError
from rest_api.domain.settings import ApiSettings

OBJECT = "/api/v1/object/res.partner"
HIDDEN = [["x_internal_note", "like", "S%"]]  # groups=base.group_system: demo-user lacks it


@pytest.mark.parametrize("method, body", [
    ("search_count", {"args": [HIDDEN]}),
    ("search_count", {"kwargs": {"domain": HIDDEN}}),
    ("search", {"args": [HIDDEN]}),
    ("search_read", {"args": [[], ["name", "x_internal_note"]]}),
    ("search_read", {"kwargs": {"domain": [], "fields": ["x_internal_note"]}}),
    ("search_read", {"kwargs": {"order": "x_internal_note desc"}}),
    ("read_group", {"args": [[], ["color:sum"], ["x_internal_note"]]}),
    ("read_group", {"args": [HIDDEN, ["color:sum"], ["type"]]}),
    ("web_search_read", {"args": [[], {"name": {}, "x_internal_note": {}}]}),
    ("create", {"args": [{"name": "n", "x_internal_note": "mine"}]}),
    ("create", {"args": [[{"name": "n"}, {"name": "m", "password": "p"}]]}),
    ("write", {"args": [{"x_internal_note": "mine"}]}),
    ("create", {"args": [{"name": "n", "child_ids": [[0, 0, {"name": "c", "x_internal_note": "x"}]]}]}),
])
def test_object_calls_get_the_field_guards_of_the_rest_endpoints(method, body):
    reply = ApiClient().post(f"{OBJECT}/{method}", json=body, key="demo-user")
    assert reply.status == 403, reply.body[:300]
    assert reply.error["type"] == "AccessError"


def test_object_filters_get_the_filter_guard_and_its_budgets():
    api = ApiClient(ApiSettings(max_ids=10))
    reply = api.post(f"{OBJECT}/search_count", json={"args": [[["id", "in", list(range(1, 12))]]]})
    assert reply.status == 400 and reply.error["details"]["max_values"] == 10
    assert api.post(f"{OBJECT}/search_count", json={"args": [[["nope", "=", 1]]]}).status == 400


def test_a_context_among_kwargs_is_a_clear_400():
    reply = ApiClient().post(f"{OBJECT}/search_read", json={"kwargs": {"context": {"lang": "en_US"}}})
    assert reply.status == 400
    assert "'context' key" in reply.error["message"]


def test_field_specs_of_read_group_and_export_name_their_fields():
    assert _field_path("amount:sum") == ["amount"]
    assert _field_path("total:sum(amount)") == ["amount"]
    assert _field_path("date:month") == ["date"]
    assert _field_path("partner_id/name") == ["partner_id", "name"]
    assert _field_path("partner_id.name") == ["partner_id", "name"]


def test_filter_values_are_counted_over_the_whole_filter(catalog_lookup=None):
    """Finding 5: 100 lists of 10 000 ids were each within max_ids, a million together."""
    api = ApiClient()
    attack = ["&"] * 99 + [["id", "in", list(range(1, 10_001))]] * 100
    reply = api.post("/api/v1/res.partner/search", json={"domain": attack, "fields": ["id"]})
    assert reply.status == 400
    assert reply.error["details"]["max_values"] == 10_000
    assert "in total" in reply.error["message"]
    largest = ["&"] * 99 + [["id", "in", list(range(1, 101))]] * 100
    assert api.post("/api/v1/res.partner/search", json={"domain": largest, "fields": ["id"]}).status == 200


def test_hierarchy_operator_lists_count_too():
    api = ApiClient(ApiSettings(max_ids=3))
    domain = [["parent_id", "child_of", [1, 2]], ["id", "in", [1, 2]]]
    reply = api.post("/api/v1/res.partner/search", json={"domain": domain})
    assert reply.status == 400 and reply.error["details"]["max_values"] == 3


def test_a_valid_key_is_never_refused_by_the_failed_auth_limit():
    api = ApiClient(ApiSettings(auth_failures_per_minute=2))
    answers = [api.post("/api/v1/res.partner/search", json={}, key="wrong").status for _ in range(4)]
    assert answers == [401, 401, 429, 429]
    assert api.post("/api/v1/res.partner/search", json={"limit": 1}).status == 200


def test_a_long_char_value_is_a_clear_400():
    api = ApiClient(ApiSettings(max_char_length=100))
    reply = api.post("/api/v1/res.partner", json={"data": {"name": "x" * 101}})
    assert reply.status == 400
    assert "longer than 100 characters" in json.dumps(reply.error)
    assert api.post("/api/v1/res.partner", json={"data": {"name": "x" * 100}}).status == 201
    reply = api.post(f"{OBJECT}/create", json={"args": [{"name": "x" * 101}]})
    assert reply.status == 400 and reply.error["details"]["fields"]["name"].startswith("longer than")


@pytest.mark.parametrize("raw", [b'{"data": {"name": "\\ud800"}}', b'{"data": {"name": "a\\udc00b"}}'])
def test_a_lone_surrogate_is_a_clear_400(raw):
    reply = ApiClient().post("/api/v1/res.partner", body=raw, headers={"Content-Type": "application/json"})
    assert reply.status == 400
    assert "surrogate" in reply.error["message"] and reply.error["details"]["path"] == "data.name"


def test_a_surrogate_pair_is_an_ordinary_character():
    reply = ApiClient().post("/api/v1/res.partner", body=b'{"data": {"name": "smile \\ud83d\\ude00"}}',
                             headers={"Content-Type": "application/json"})
    assert reply.status == 201 and reply.data["name"] == "smile \U0001F600"


def test_error_details_are_always_present():
    api = ApiClient()
    for reply in (api.get("/api/v1/res.partner", key=None), api.get("/api/v1/nope.model"),
                  api.get("/api/v1/res.partner", params={"limit": "x"})):
        assert "details" in reply.error


def test_the_docs_page_forbids_framing_in_a_header():
    reply = ApiClient().get("/api/v1/docs", key=None)
    assert reply.status == 200
    csp = reply.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert reply.headers["x-frame-options"] == "DENY"


def test_validate_domain_budget_is_shared_by_nested_domains(partner_model=None):
    from rest_api.adapters.memory.seed import build_catalog, seed_database
    catalog = build_catalog(2, seed_database())
    model = catalog.model("res.partner")
    nested = [["child_ids", "any", [["id", "in", [1, 2, 3]]]], ["id", "in", [4, 5]]]
    with pytest.raises(ValidationError) as info:
        validate_domain(nested, model, catalog.model, frozenset(), max_values=4)
    assert "in total" in info.value.message
    assert validate_domain(nested, model, catalog.model, frozenset(), max_values=5)


def test_an_x2many_to_a_model_the_user_cannot_read_is_unreadable():
    """Like ``res.users.log_ids`` for a plain user on Odoo: left out of ``*``, 403 when named."""
    from rest_api.adapters.memory.catalog import InMemoryCatalog
    from rest_api.adapters.memory.schema import ModelSchema
    from rest_api.adapters.memory.seed_schema import spec
    from rest_api.domain.model_info import ModelAccess
    from rest_api.domain.resolution import star_fields

    schema = {
        "x.owner": ModelSchema.declare("x.owner", "Owner", [
            spec("id", "integer"), spec("name", "char"),
            spec("log_ids", "one2many", relation="x.log", inverse="owner_id"),
            spec("tag_ids", "many2many", relation="x.tag"),
            spec("log_id", "many2one", relation="x.log")]),
        "x.log": ModelSchema.declare("x.log", "Log", [spec("id", "integer")], access=ModelAccess(read=False)),
        "x.tag": ModelSchema.declare("x.tag", "Tag", [spec("id", "integer")]),
    }
    owner = InMemoryCatalog(schema).model("x.owner")
    assert not owner.fields["log_ids"].readable
    assert owner.fields["tag_ids"].readable and owner.fields["log_id"].readable
    assert "log_ids" not in star_fields(owner, frozenset())


def test_the_value_budget_error_does_not_echo_the_whole_list():
    reply = ApiClient().post("/api/v1/res.partner/search",
                             json={"domain": [["id", "in", list(range(1, 10_002))]]})
    assert reply.status == 400
    assert reply.error["details"]["term"] == ["id", "in", "<10001 values>"]
    assert len(reply.body) < 1000
