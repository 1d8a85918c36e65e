"""A client of the addon works unchanged against the gateway: the same requests, on one live Odoo,
answered alike by the addon (``/api/v1`` on Odoo) and by the gateway in front of it.

``tests/live/gateway_check.sh`` (run by ``make test-odoo``) starts the gateway and sets
``REST_API_LIVE_ODOO_URL``, ``REST_API_LIVE_GATEWAY_URL``, ``REST_API_LIVE_LOGIN``,
``REST_API_LIVE_KEY`` (a global key: the gateway's) and ``REST_API_LIVE_REST_KEY`` (the addon's);
without them it is skipped. Each side creates its own records, so answers are compared with
created ids replaced by their order of creation.
"""
from __future__ import annotations

import json
import os
import re

import pytest
import requests

LIVE = {name: os.environ.get(f"REST_API_LIVE_{name}")
        for name in ("ODOO_URL", "GATEWAY_URL", "LOGIN", "KEY", "REST_KEY")}
pytestmark = pytest.mark.skipif(not all(LIVE.values()), reason="no live Odoo and gateway named "
                                "(tests/live/gateway_check.sh sets REST_API_LIVE_*)")


class Side:
    """One way in: the addon or the gateway, with its credentials, remembering what it created."""

    def __init__(self, base: str, headers: dict, first_new_ids: dict[str, int]):
        self.http = requests.Session()
        self.http.headers.update(headers)
        self.base = base + "/api/v1"
        self.created: dict[int, str] = {}
        self.first_new_ids = first_new_ids  # by relational field ("" for partners themselves)

    def send(self, method: str, path: str, params=None, body=None):
        path = path.format(*self.created) if self.created else path
        raw = isinstance(body, bytes)  # a file upload
        answer = self.http.request(method, self.base + path, params=params, timeout=60,
                                   data=body if raw or body is None else json.dumps(body),
                                   headers={"Content-Type": "image/png" if raw else "application/json"})
        payload = answer.json()
        if method == "POST" and answer.status_code == 201 and "id" in payload.get("data", {}):
            self.created[payload["data"]["id"]] = f"<created {len(self.created)}>"
        return answer.status_code, self.masked(payload.get("data", payload.get("error")))

    def masked(self, value, field=""):
        """``value`` with the ids this side created named by their order (records created
        inside them, such as new tags, just ``<new>``), timestamps dropped."""
        if isinstance(value, dict):
            return {k: self._new_id(v, field) if k == "id" else self.masked(v, k)
                    for k, v in value.items() if k not in ("timestamp", "request_id")}
        if isinstance(value, list):
            return [self.masked(v, field) for v in value]
        if isinstance(value, int) and not isinstance(value, bool) and value in self.created:
            return self.created[value]
        if isinstance(value, str):
            for record_id, name in self.created.items():
                value = re.sub(rf"\b{record_id}\b", name, value)
        return value


    def _new_id(self, value, field: str):
        if not isinstance(value, int) or value in self.created:
            return self.masked(value)
        first_new = self.first_new_ids.get(field, self.first_new_ids[""])
        return "<new>" if value >= first_new else value


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
                    "789c6360f8ff3f0005fe02fea7d605bd0000000049454e44ae426082")

# (method, path, params, body: JSON, or bytes for an upload); ``{0}`` in a path is the first record this side created.
SCRIPT = [
    ("GET", "/res.partner", {"query": "{id,name,email,company_id{name},category_id{name}}",
                             "filter": '[["is_company","=",true]]', "order": "name", "page_size": "3"}, None),
    ("GET", "/res.partner", {"query": "{id,name}", "filter": '[["is_company","=",true]]', "page_size": "3",
                             "page": "2"}, None),
    ("GET", "/res.users", {"query": "{id,name,login,company_id{name,currency_id{name}}}"}, None),
    ("POST", "/res.partner/search", None, {"domain": [["customer_rank", ">=", 0], ["is_company", "=", True]],
                                           "fields": ["name"], "limit": 2, "order": "id"}),
    ("GET", "/product.template/aggregate", {"groupby": "categ_id", "aggregates": "__count,list_price:sum"}, None),
    ("POST", "/res.partner", {"query": "{id,name,category_id{name},child_ids{name}}"},
     {"data": {"name": "Gateway Parity Co", "is_company": True,
               "category_id": {"create": [{"name": "Parity tag"}]},
               "child_ids": [[0, 0, {"name": "Parity contact"}]]}}),
    ("GET", "/res.partner/{0}", {"query": "{id,name,is_company,child_ids{name,parent_id}}"}, None),
    ("PUT", "/res.partner/{0}", {"query": "{id,email,category_id{name}}"},
     {"data": {"email": "parity@example.com", "category_id": {"clear": True, "create": [{"name": "Parity 2"}]}}}),
    ("PATCH", "/res.partner/{0}", None, {"data": {"phone": "+32 2 555 00 00"}}),
    ("POST", "/object/res.partner/{0}/read", None, {"args": [["name", "email"]]}),
    ("POST", "/object/res.partner/search_count", None, {"args": [[["email", "=", "parity@example.com"]]]}),
    ("GET", "/res.partner/fields", {"attributes": "type,string,required"}, None),
    # Errors a client must get alike.
    ("GET", "/res.partner", {"query": "{id,nope}"}, None),
    ("GET", "/res.partner", {"query": "{id,name"}, None),
    ("GET", "/res.partner", {"filter": '[["name","~~","x"]]'}, None),
    ("GET", "/res.partner/999999", None, None),
    ("GET", "/no.such.model", None, None),
    ("POST", "/object/res.partner/_compute_display_name", None, {}),
    ("PUT", "/res.partner/{0}", None, {"data": {"nope": 1}}),
    ("PUT", "/res.partner/{0}/image_1920", None, PNG),
    ("GET", "/res.partner/{0}", {"query": "{id,image_128}"}, None),
    ("DELETE", "/res.partner/{0}/image_1920", None, None),
    ("DELETE", "/res.partner/{0}", None, None),
    ("GET", "/res.partner/{0}", None, None),
]


@pytest.fixture(scope="module")
def sides():
    rest = {"Authorization": f"Bearer {LIVE['REST_KEY']}"}

    def first_new(model):
        newest = requests.get(f"{LIVE['ODOO_URL']}/api/v1/{model}", headers=rest, timeout=60, params={
            "query": "{id}", "order": "id desc", "limit": "1", "context": '{"active_test": false}'}).json()
        return newest["data"]["records"][0]["id"] + 1
    first_new_ids = {"": first_new("res.partner"), "category_id": first_new("res.partner.category")}
    addon = Side(LIVE["ODOO_URL"], rest, first_new_ids)
    gateway = Side(LIVE["GATEWAY_URL"], {"Authorization": f"Bearer {LIVE['KEY']}",
                                         "X-Odoo-Login": LIVE["LOGIN"]}, first_new_ids)
    return addon, gateway


@pytest.mark.parametrize("step", range(len(SCRIPT)), ids=[f"{m} {p}" for m, p, _, _ in SCRIPT])
def test_the_gateway_answers_as_the_addon(sides, step):
    method, path, params, body = SCRIPT[step]
    addon, gateway = sides
    expected = addon.send(method, path, params, body)
    assert gateway.send(method, path, params, body) == expected
