"""The two clients the benchmark compares: REST (``/api/v1``) and Odoo's ``/jsonrpc`` ``execute_kw``.

Each case is written the way a client of that protocol would fetch the same data; the
JSON-RPC nested read is one ``search_read`` and one batched ``read`` per relation, joined
on the client.
"""
from __future__ import annotations

import itertools
import json

import requests

FLAT_FIELDS = ["name", "email", "phone", "city"]
FLAT_QUERY = "{id, name, email, phone, city}"
NESTED_QUERY = "{id, name, email, company_id{name}, category_id{name}, parent_id{name, email}}"
NESTED_FIELDS = ["name", "email", "company_id", "category_id", "parent_id"]
# Newest first: the contacts (with parents, tags, companies) come before their parent companies.
ORDER = "id desc"
RELATIONS = (("company_id", "res.company", ["name"]), ("category_id", "res.partner.category", ["name"]),
             ("parent_id", "res.partner", ["name", "email"]))


class RestClient:
    """``/api/v1`` with a Bearer key over one keep-alive session."""

    def __init__(self, url: str, key: str):
        self.base = f"{url}/api/v1"
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {key}"
        self.requests_sent = 0

    def request(self, method: str, path: str, params: dict | None = None, body: dict | None = None):
        """The ``data`` of a successful answer; RuntimeError otherwise."""
        self.requests_sent += 1
        answer = self.http.request(method, self.base + path, params=params,
                                   data=None if body is None else json.dumps(body),
                                   headers={"Content-Type": "application/json"} if body else None)
        payload = answer.json()
        if not payload.get("success"):
            raise RuntimeError(f"REST {method} {path}: {answer.status_code} {payload.get('error')}")
        return payload["data"]

    def flat(self, limit: int = 1000):
        return self.request("GET", "/res.partner", {"query": FLAT_QUERY, "limit": limit, "order": ORDER})["records"]

    def nested(self, limit: int):
        return self.request("GET", "/res.partner", {"query": NESTED_QUERY, "limit": limit, "order": ORDER})["records"]

    def single(self, record_id: int):
        return self.request("GET", f"/res.partner/{record_id}", {"query": FLAT_QUERY})

    def create_batch(self, rows: list[dict]):
        return self.request("POST", "/res.partner/batch", body={"data": rows})["records"]

    def update_by_filter(self, domain: list, values: dict):
        return self.request("PUT", "/res.partner", body={"filter": domain, "data": values})["count"]

    def upsert(self, rows: list[dict]):
        """``POST /res.partner/upsert``: rows keyed by ``external_id`` (issue 24)."""
        return self.request("POST", "/res.partner/upsert", body={"data": rows})

    def update_by_ids(self, ids: list[int], values: dict):
        # Commas and brackets left unencoded: 10,000 ids must fit the 64 KiB request line of
        # Odoo's HTTP server (Python's http.server), which %2C would triple.
        return self.request("PUT", "/res.partner?id=" + json.dumps(ids, separators=(",", ":")),
                            body={"data": values})["count"]


class RpcClient:
    """``/jsonrpc`` ``object.execute_kw`` with the API key as password, over one keep-alive session."""

    def __init__(self, url: str, db: str, uid: int, key: str):
        self.url = f"{url}/jsonrpc"
        self.db, self.uid, self.key = db, uid, key
        self.http = requests.Session()
        self.ids = itertools.count(1)
        self.requests_sent = 0

    def call(self, model: str, method: str, *args, **kwargs):
        """The result of ``model.method(*args, **kwargs)``; RuntimeError for an RPC error."""
        body = {"jsonrpc": "2.0", "method": "call", "id": next(self.ids), "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.db, self.uid, self.key, model, method, list(args), kwargs]}}
        self.requests_sent += 1
        payload = self.http.post(self.url, data=json.dumps(body),
                                 headers={"Content-Type": "application/json"}).json()
        if "error" in payload:
            raise RuntimeError(f"JSON-RPC {model}.{method}: {payload['error'].get('data', {}).get('message')}")
        return payload["result"]

    def flat(self, limit: int = 1000):
        return self.call("res.partner", "search_read", [], FLAT_FIELDS, limit=limit, order=ORDER)

    def nested(self, limit: int):
        rows = self.call("res.partner", "search_read", [], NESTED_FIELDS, limit=limit, order=ORDER)
        for name, model, fields in RELATIONS:
            ids = sorted({i for row in rows for i in _ids(row[name])})
            related = {r["id"]: r for r in self.call(model, "read", ids, fields)} if ids else {}
            for row in rows:
                value = row[name]
                if isinstance(value, list) and name == "category_id":
                    row[name] = [related[i] for i in value if i in related]
                else:
                    row[name] = related.get(value[0]) if value else None
        return rows

    def single(self, record_id: int):
        return self.call("res.partner", "read", [record_id], FLAT_FIELDS)[0]

    def create_batch(self, rows: list[dict]):
        return self.call("res.partner", "create", rows)

    def update_by_filter(self, domain: list, values: dict):
        ids = self.call("res.partner", "search", domain)
        self.call("res.partner", "write", ids, values)
        return len(ids)

    def update_by_ids(self, ids: list[int], values: dict):
        self.call("res.partner", "write", ids, values)
        return len(ids)

    def load(self, rows: list[dict]):
        """Odoo's own import, ``res.partner.load``, the same rows keyed by their ``id`` (external id)."""
        fields = ["id", *[name for name in rows[0] if name != "external_id"]]
        matrix = [[row["external_id"], *[row[name] for name in fields[1:]]] for row in rows]
        answer = self.call("res.partner", "load", fields, matrix)
        if not answer["ids"] or any(m.get("type") == "error" for m in answer["messages"]):
            raise RuntimeError(f"load failed: {answer['messages'][:3]}")
        return answer["ids"]


def _ids(value) -> list[int]:
    """The ids in a many2one (``[id, name]`` or False) or x2many (``[ids]``) value."""
    if not value:
        return []
    if isinstance(value[-1], str):
        return [value[0]]
    return value
