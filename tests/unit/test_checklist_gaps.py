"""Security checklist lines found open by the checklist review, now closed (D6, G3).

See ``docs/security-checklist-map.md``; each test names its checklist line.
"""
import json

LEAF = ["name", "=", "nobody"]


def test_d6_a_domain_of_999_nested_operators_is_no_500(api):
    reply = api.get("/api/v1/res.partner", params={"filter": json.dumps(["!"] * 999 + [LEAF]), "query": "{id}"})
    assert reply.status == 200, reply.body[:200]
    assert reply.data["pagination"]["total_count"] == 14  # an odd number of "!": everyone but "nobody"
    ors = ["|"] * 499 + [["id", "=", n] for n in range(1, 501)]
    assert api.get("/api/v1/res.partner", params={"filter": json.dumps(ors), "query": "{id}"}).data[
        "pagination"]["total_count"] == 14


def test_g3_an_id_list_in_a_filter_longer_than_max_ids_is_400(api):
    ids = list(range(1, 10_002))
    reply = api.get("/api/v1/res.partner", params={"filter": json.dumps([["id", "in", ids]]), "query": "{id}"})
    assert reply.status == 400, reply.body[:200]
    assert reply.json["error"]["details"]["max_values"] == 10_000
    assert api.get("/api/v1/res.partner", params={"filter": json.dumps([["id", "in", ids[:10_000]]]),
                                                  "query": "{id}"}).status == 200
