"""Filter values read by the field's type (issue 20, item 5): one datetime rule, no value reaching SQL unchecked.

The demo partners were all created at 2024-01-15 09:30:00 UTC.
"""
import json

import pytest

from test_api_errors import assert_error

CREATED_UTC = "2024-01-15T09:30:00Z"
SAME_INSTANT = ["2024-01-15T10:30:00+01:00", "2024-01-15T08:30:00-01:00", "2024-01-15 09:30:00",
                "2024-01-15T09:30:00"]


def listed_ids(api, term):
    reply = api.get("/api/v1/res.partner", params={"filter": json.dumps([term]), "query": "{id}"})
    assert reply.status == 200, reply.body
    return [record["id"] for record in reply.data["records"]]


@pytest.mark.parametrize("value", SAME_INSTANT)
def test_a_datetime_with_an_offset_finds_what_the_same_utc_instant_finds(api, value):
    expected = listed_ids(api, ["create_date", ">=", CREATED_UTC])
    assert expected  # every active partner
    assert expected == listed_ids(api, ["create_date", ">=", value])
    assert [] == listed_ids(api, ["create_date", "<", value])


def test_a_search_body_and_an_object_call_read_the_offset_alike(api):
    domain = [["create_date", ">=", "2024-01-15T10:30:00+01:00"]]
    listed = listed_ids(api, ["create_date", ">=", CREATED_UTC])
    searched = api.post("/api/v1/res.partner/search", json={"domain": domain, "fields": ["id"]})
    counted = api.post("/api/v1/object/res.partner/search_count", json={"args": [domain]})
    assert (listed, len(listed)) == ([r["id"] for r in searched.data["records"]], counted.data["result"])


@pytest.mark.parametrize("term, expected", [
    (["date", "=", "05/12/2026"], 'a date "YYYY-MM-DD"'),
    (["create_date", ">=", "2026-12-05T17:04:00 01:00"], 'a datetime "YYYY-MM-DDTHH:MM:SSZ"'),  # "+" unencoded
    (["color", "=", "abc"], "a finite number"),
    (["type", "=", "bogus"], 'one of "contact", "invoice", "delivery", "other"'),
    (["is_company", "=", "yes"], "true or false"),
])
def test_a_value_of_the_wrong_form_is_a_400_naming_field_value_and_forms(api, term, expected):
    reply = api.get("/api/v1/res.partner", params={"filter": json.dumps([term])})
    assert_error(reply, 400, "ValidationError")
    details = reply.error["details"]
    assert (0, term, term[0], json.dumps(term[2])) == (details["index"], details["term"], details["field"],
                                                       details["got"])
    assert expected in details["expected"]
    assert f"Field '{term[0]}' expects {details['expected']}, got {details['got']}" in reply.error["message"]


@pytest.mark.parametrize("path, body", [
    ("/api/v1/res.partner/search", {"domain": [["date", "=", "05/12/2026"]]}),
    ("/api/v1/object/res.partner/search_read", {"args": [[["color", ">", "abc"]]]}),
    ("/api/v1/object/res.partner/search_count", {"args": [], "kwargs": {"domain": [["type", "in", ["x"]]]}}),
])
def test_every_path_that_takes_a_filter_checks_its_values(api, path, body):
    assert_error(api.post(path, json=body), 400, "ValidationError")


def test_the_aggregate_filter_checks_its_values(api):
    reply = api.get("/api/v1/res.partner/aggregate", params={"filter": '[["date", ">", "12/05/2026"]]'})
    assert_error(reply, 400, "ValidationError")
    assert "date" == reply.error["details"]["field"]
