"""Hostile input against the whole in-memory stack: never a 500, always JSON, no write after an error."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api_client import ApiClient

MODELS = ["res.partner", "product.template", "res.users", "ir.config_parameter", "no.such", "res.partner.category"]
FIELDS = ["id", "name", "email", "parent_id", "category_id", "password", "image_1920", "bogus", "*", "-name",
          "company_id", "child_ids", "list_price"]
OPERATORS = ["=", "!=", "ilike", "in", "not in", "child_of", "any", "like", "<", ">=", "bogus", "=?"]
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                         st.text(max_size=12))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.sampled_from(FIELDS + ["data", "link", "x"]), children,
                                                    max_size=4)), max_leaves=12)

query_text = st.one_of(
    st.text(alphabet="{}*-, \t" + "".join(sorted(set("".join(FIELDS)))), max_size=40),
    st.lists(st.sampled_from(FIELDS), max_size=6).map(lambda names: "{" + ", ".join(names) + "}"),
    st.text(max_size=30))
filter_text = st.one_of(
    st.lists(st.tuples(st.sampled_from(FIELDS + ["parent_id.name", "company_id.name"]),
                       st.sampled_from(OPERATORS), JSON_VALUES).map(list) | st.sampled_from(["&", "|", "!"]),
             max_size=5).map(json.dumps),
    JSON_VALUES.map(json.dumps), st.text(max_size=30))
param_text = st.one_of(st.integers(-5, 2000).map(str), st.text(max_size=8))
params = st.fixed_dictionaries({}, optional={
    "query": query_text, "filter": filter_text, "order": st.one_of(st.sampled_from(FIELDS).map(lambda f: f + " desc"),
                                                                     st.text(max_size=20)),
    "limit": param_text, "page": param_text, "page_size": param_text, "id": param_text,
    "context": JSON_VALUES.map(json.dumps)})
bodies = st.one_of(JSON_VALUES.map(lambda v: json.dumps(v).encode()), st.binary(max_size=60),
                   st.fixed_dictionaries({"data": JSON_VALUES}).map(lambda v: json.dumps(v).encode()))
paths = st.one_of(
    st.sampled_from(MODELS).map(lambda m: f"/api/v1/{m}"),
    st.tuples(st.sampled_from(MODELS), st.integers(-3, 30)).map(lambda t: f"/api/v1/{t[0]}/{t[1]}"),
    st.tuples(st.sampled_from(MODELS), st.sampled_from(["search", "batch", "fields", "x"])).map(
        lambda t: f"/api/v1/{t[0]}/{t[1]}"),
    st.tuples(st.sampled_from(MODELS), st.integers(1, 20), st.sampled_from(["toggle_active", "_hidden", "boom",
                                                                            "write", "copy"])).map(
        lambda t: f"/api/v1/object/{t[0]}/{t[1]}/{t[2]}"),
    st.text(max_size=30).map(lambda t: "/api/v1/" + t))
headers = st.fixed_dictionaries({}, optional={
    "Content-Type": st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded", ""]),
    "Authorization": st.one_of(st.just("Bearer demo"), st.just("Bearer demo-user"), st.text(max_size=20)),
    "Origin": st.text(max_size=20), "X-Request-Id": st.text(max_size=20)})


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]), path=paths, params=params,
       body=bodies, headers=headers)
def test_hostile_requests_get_json_answers_and_failed_ones_write_nothing(method, path, params, body, headers):
    api = ApiClient()
    before = api.database.snapshot()
    reply = api.request(method, path, params=params, body=body, headers=headers, key=None)
    assert reply.status != 500, reply.body
    if reply.status in (204,) or (reply.status == 200
                                  and not reply.headers["content-type"].startswith("application/json")):
        return
    assert reply.headers["content-type"] == "application/json; charset=utf-8"
    envelope = reply.json
    assert envelope["success"] is (reply.status < 400)
    if reply.status >= 400:
        assert envelope["error"]["code"] == reply.status
        assert api.database.snapshot() == before
