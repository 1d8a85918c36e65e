#!/usr/bin/env python3
"""A small rest_api client: list, page, create, update with relation operations, delete.

Works against the demo server (``make demo``) or a real Odoo with the addon installed:

    python examples/client.py --url http://127.0.0.1:8069 --key demo
    REST_API_URL=https://my.odoo REST_API_KEY=... python examples/client.py

It creates one contact and one tag, changes the contact's tags, then deletes both again.
"""
import argparse
import json
import os
import sys

import requests


class RestApiClient:
    """Thin helpers over ``requests`` that unwrap the envelope and raise on errors."""

    def __init__(self, url: str, key: str):
        self.base = url.rstrip("/") + "/api/v1"
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {key}", "Accept": "application/json"})

    def call(self, method: str, path: str, **kwargs):
        response = self.session.request(method, self.base + path, timeout=30, **kwargs)
        body = response.json()
        if not body["success"]:
            error = body["error"]
            raise RuntimeError(f"{method} {path}: {error['code']} {error['type']}: {error['message']}")
        return body["data"]

    def list(self, model: str, **params):
        return self.call("GET", f"/{model}", params=params)

    def create(self, model: str, values: dict, query: str | None = None):
        return self.call("POST", f"/{model}", json={"data": values}, params={"query": query} if query else None)

    def update(self, model: str, record_id: int, values: dict, query: str | None = None):
        return self.call("PUT", f"/{model}/{record_id}", json={"data": values},
                         params={"query": query} if query else None)

    def delete(self, model: str, record_id: int):
        return self.call("DELETE", f"/{model}/{record_id}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("REST_API_URL", "http://127.0.0.1:8069"))
    parser.add_argument("--key", default=os.environ.get("REST_API_KEY", "demo"))
    args = parser.parse_args(argv)
    api = RestApiClient(args.url, args.key)

    first = api.list("res.partner", query="{id, name}", page_size=3, page=1, order="id")
    pages = first["pagination"]
    print(f"{pages['total_count']} contacts, {pages['total_pages']} pages of 3; page 1:")
    for record in first["records"]:
        print(f"  {record['id']}: {record['name']}")

    tags = api.list("res.partner.category", query="{id, name}", limit=2, order="id")["records"]
    contact = api.create("res.partner", {"name": "REST API example contact", "email": "example@example.com"},
                         query="{id, name, email}")
    print("created:", json.dumps(contact))

    tag_ids = [tag["id"] for tag in tags]
    updated = api.update("res.partner", contact["id"], {
        "category_id": {"link": tag_ids, "create": [{"name": "Created by the example"}]}},
        query="{id, category_id{name}}")
    print("tags:", ", ".join(tag["name"] for tag in updated["category_id"]))

    new_tag = next(tag["id"] for tag in updated["category_id"] if tag["id"] not in tag_ids)
    updated = api.update("res.partner", contact["id"], {"category_id": {"unlink": tag_ids[:1]}},
                         query="{id, category_id{name}}")
    print("after unlink:", ", ".join(tag["name"] for tag in updated["category_id"]))

    api.delete("res.partner", contact["id"])
    api.delete("res.partner.category", new_tag)  # the tag the example created: nothing is left behind
    print(f"deleted contact {contact['id']} and tag {new_tag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
