"""Odoo domains evaluated by the in-memory adapter, operator by operator, on the demo data.

Partners (admin, archived 10 hidden): companies 1 2 5 8 11 13 14; persons 3 4 6 7 9 12 15;
contacts of 1: 3 4, of 5: 6 7, of 8: 9 (10 archived), of 11: 12; no email: 12 15;
color 5→5, 6→2, 11→7, else unset; tags 5:[1,3] 8:[2] 11:[4] 14:[1,2] (tag 4 is a child of 1).
"""
from __future__ import annotations

import datetime as dt

import pytest

from rest_api.adapters.memory.seed import ADMIN_ID, DEMO_ID, seed_database
from rest_api.adapters.memory.store import InMemoryRecordStore
from rest_api.domain.errors import AccessError, ValidationError

ACTIVE = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15]
COMPANIES = [1, 2, 5, 8, 11, 13, 14]
PERSONS = [3, 4, 6, 7, 9, 12, 15]


def but(*ids: int) -> list[int]:
    """Every active partner except ``ids``."""
    return [i for i in ACTIVE if i not in ids]


@pytest.fixture(scope="module")
def admin():
    return InMemoryRecordStore(seed_database(), ADMIN_ID)


PARTNER_CASES = [
    # = and != with values and False (NULL) semantics
    ([["is_company", "=", True]], COMPANIES),
    ([["is_company", "=", False]], PERSONS),
    ([["is_company", "!=", True]], PERSONS),
    ([["name", "=", "Ready Mat"]], [14]),
    ([["name", "!=", "Ready Mat"]], but(14)),
    ([["email", "=", False]], [12, 15]),
    ([["email", "!=", False]], but(12, 15)),
    ([["color", "=", False]], but(5, 6, 11)),
    ([["color", "=", 0]], but(5, 6, 11)),  # color defaults to 0, as in Odoo
    # ordering comparisons: NULL never matches
    ([["color", ">", 2]], [5, 11]),
    ([["color", ">=", 2]], [5, 6, 11]),
    ([["color", "<", 5]], but(5, 11)),
    ([["color", "<=", 5]], but(11)),
    ([["color", ">", False]], [5, 6, 11]),  # False compares as 0
    # =?
    ([["type", "=?", False]], ACTIVE),
    ([["type", "=?", None]], ACTIVE),
    ([["type", "=?", "invoice"]], [7]),
    # like family: substring, wildcards, case, NULL for the negations
    ([["name", "like", "Co"]], [1, 2, 7]),
    ([["name", "ilike", "co"]], [1, 2, 7, 8]),
    ([["name", "not like", "Co"]], but(1, 2, 7)),
    ([["name", "not ilike", "co"]], but(1, 2, 7, 8)),
    ([["email", "not ilike", "example.com"]], [12, 15]),
    ([["name", "=like", "M%"]], [2, 3, 4]),
    ([["name", "=like", "m%"]], []),
    ([["name", "=ilike", "m%"]], [2, 3, 4]),
    ([["name", "=like", "_eady Mat"]], [14]),
    ([["name", "=like", "Ready"]], []),
    ([["color", "like", "7"]], [11]),
    ([["is_company", "=like", "true"]], COMPANIES),
    # in / not in
    ([["name", "in", ["Ready Mat", "Lumber Inc", "Nope"]]], [13, 14]),
    ([["name", "not in", ["Ready Mat"]]], but(14)),
    ([["email", "in", [False]]], [12, 15]),
    ([["email", "not in", [False]]], but(12, 15)),
    ([["color", "in", [2, 5]]], [5, 6]),
    ([["id", "in", []]], []),
    ([["id", "not in", []]], ACTIVE),
    ([["name", "=", ["Ready Mat", "Lumber Inc"]]], [13, 14]),
    # many2one: ids, False, names, comparisons
    ([["parent_id", "=", 5]], [6, 7]),
    ([["parent_id", "in", [5, 8]]], [6, 7, 9]),
    ([["parent_id", "=", False]], [1, 2, 5, 8, 11, 13, 14, 15]),
    ([["parent_id", "!=", False]], [3, 4, 6, 7, 9, 12]),
    ([["parent_id", "!=", 5]], but(6, 7)),
    ([["parent_id", "in", [5, False]]], [1, 2, 5, 6, 7, 8, 11, 13, 14, 15]),
    ([["parent_id", "ilike", "azure"]], [6, 7]),
    ([["parent_id", "=", "Azure Interior"]], [6, 7]),
    ([["parent_id", "not ilike", "azure"]], but(6, 7)),
    ([["parent_id", ">", 7]], [9, 12]),
    # one2many and many2many
    ([["child_ids", "=", False]], [2, 3, 4, 6, 7, 9, 12, 13, 14, 15]),
    ([["child_ids", "!=", False]], [1, 5, 8, 11]),
    ([["child_ids", "in", [6]]], [5]),
    ([["child_ids", "in", [10]]], []),  # archived children are not seen
    ([["category_id", "in", [1]]], [5, 14]),
    ([["category_id", "=", 2]], [8, 14]),
    ([["category_id", "not in", [1]]], but(5, 14)),
    ([["category_id", "ilike", "serv"]], [5]),
    ([["user_ids", "!=", False]], [3, 4]),
    # dotted paths (any related record matches)
    ([["parent_id.name", "=", "Deco Addict"]], [9]),
    ([["parent_id.is_company", "=", True]], [3, 4, 6, 7, 9, 12]),
    ([["parent_id.name", "!=", "Deco Addict"]], [3, 4, 6, 7, 12]),
    ([["child_ids.email", "ilike", "freeman"]], [5]),
    ([["category_id.name", "=", "Vendor"]], [5, 14]),
    ([["parent_id.category_id.name", "=", "Vendor"]], [6, 7]),
    # any / not any
    ([["parent_id", "any", [["is_company", "=", True], ["name", "ilike", "deco"]]]], [9]),
    ([["parent_id", "not any", [["name", "ilike", "deco"]]]], but(9)),
    ([["category_id", "any", [["color", ">", 2]]]], [5, 11]),
    ([["category_id", "not any", [["color", ">", 2]]]], but(5, 11)),
    # child_of / parent_of
    ([["id", "child_of", 5]], [5, 6, 7]),
    ([["id", "child_of", [5, 11]]], [5, 6, 7, 11, 12]),
    ([["id", "child_of", "Gemini"]], [11, 12]),
    ([["id", "parent_of", 6]], [5, 6]),
    ([["id", "parent_of", [6, 12]]], [5, 6, 11, 12]),
    ([["parent_id", "child_of", 1]], [3, 4]),
    ([["category_id", "child_of", 1]], [5, 11, 14]),
    ([["category_id", "parent_of", 4]], [5, 11, 14]),
    ([["id", "child_of", False]], []),
    ([["company_id", "child_of", 1]], [1]),  # res.company has no parent: child_of is "in"
    # dates, datetimes, binary, computed
    ([["date", ">", "1989-01-01"]], [5, 15]),
    ([["date", "<", dt.date(1990, 1, 1)]], [9]),
    ([["date", "=", "2019-03-04"]], [5]),
    ([["date", "like", "2019-03"]], [5]),
    ([["create_date", "=like", "2024-01-15 09:30:00"]], ACTIVE),
    ([["create_date", ">=", "2024-01-15 09:30:00"]], ACTIVE),
    ([["create_date", "<", "2024-01-15"]], []),
    ([["create_date", ">", "2024-01-15T09:00:00Z"]], ACTIVE),
    ([["create_date", ">", "2024-01-15T09:30:00"]], []),
    ([["create_date", ">", "2024-01-15T10:00:00+01:00"]], []),  # PostgreSQL keeps the wall time 10:00
    ([["create_date", ">", "2024-01-15T09:00:00+01:00"]], ACTIVE),
    ([["create_date", "<=", "2024-01-15"]], ACTIVE),  # Odoo: the day's end
    ([["create_date", ">", "2024-01-15"]], []),
    ([["create_date", "<", dt.datetime(2024, 1, 15, 10, 0)]], ACTIVE),
    ([["create_date", "=", dt.date(2024, 1, 15)]], []),
    ([["image_1920", "!=", False]], [5]),
    ([["display_name", "ilike", "azure interior,"]], [6, 7]),
    ([["x_internal_note", "!=", False]], [3, 8]),
    # constant leaves and logical operators
    ([[1, "=", 1]], ACTIVE),
    ([[0, "=", 1]], []),
    (["|", ["name", "=", "Ready Mat"], ["name", "=", "Lumber Inc"]], [13, 14]),
    (["!", ["is_company", "=", True]], PERSONS),
    (["&", ["is_company", "=", True], ["company_id", "=", 2]], [2, 13]),
    ([["is_company", "=", True], ["company_id", "=", False]], [5, 8, 11, 14]),
    (["|", "!", ["is_company", "=", True], ["name", "=", "Ready Mat"]], sorted(PERSONS + [14])),
    (["|", "&", ["color", ">", 0], ["is_company", "=", True], ["name", "=like", "J%"]], [5, 11, 15]),
    ([], ACTIVE),
    # active: mentioning it turns active_test off
    ([["active", "=", False]], [10]),
    ([["active", "in", [True, False]]], list(range(1, 16))),
    ([["parent_id", "=", 8], ["active", "=", False]], [10]),
    ([("name", "=", "Ready Mat")], [14]),  # tuples work like lists
]


@pytest.mark.parametrize(("domain", "expected"), PARTNER_CASES, ids=[str(c[0]) for c in PARTNER_CASES])
def test_partner_domains(admin, domain, expected):
    assert expected == admin.search_ids("res.partner", domain)


PRODUCT_CASES = [
    ([["list_price", ">", 100]], [2, 3, 4, 6, 9, 12]),
    ([["list_price", "<=", 25]], [5, 7]),
    ([["list_price", "=", 38.25]], [10]),
    ([["type", "=", "service"]], [10]),
    ([["categ_id", "child_of", 2]], [1, 2, 3, 4, 5, 6, 7, 8, 9, 12]),
    ([["categ_id.parent_id.name", "=", "All"]], [10]),
    ([["categ_id", "ilike", "all / saleable / office"]], [1, 2, 3, 4, 5, 6, 7, 8, 9, 12]),
    ([["product_variant_ids", "!=", False]], [1, 2, 9]),
    ([["product_variant_ids.barcode", "=like", "%38"]], [9]),
    ([["default_code", "=like", "FURN\\_0%"]], [9]),
    ([["default_code", "=like", "FURN_0%"]], [9]),
    ([["description", "!=", False]], [2, 9]),
]


@pytest.mark.parametrize(("domain", "expected"), PRODUCT_CASES, ids=[str(c[0]) for c in PRODUCT_CASES])
def test_product_domains(admin, domain, expected):
    assert expected == admin.search_ids("product.template", domain)


INVALID = [
    [["nope", "=", 1]],
    [["parent_id.nope", "=", 1]],
    [["name", "=", 5]],
    [["color", ">", "abc"]],
    [["is_company", "=", "yes"]],
    [["date", ">", "not a date"]],
    [["create_date", ">", "someday"]],
    [["create_date", ">", 5]],
    [["name", "like", 5]],
    [["name", "any", []]],
    [["image_1920", "=", "abc"]],
    [["parent_id", "=", True]],
    [["parent_id", "in", [1.5]]],
    [["name", "between", 1]],
    ["|", ["name", "=", "x"]],
    ["!"],
    ["?"],
    [["name", "="]],
    [[5, "=", 1]],
    "not a list",
]


@pytest.mark.parametrize("domain", INVALID, ids=[str(d) for d in INVALID])
def test_invalid_domains_are_validation_errors(admin, domain):
    with pytest.raises(ValidationError):
        admin.search_ids("res.partner", domain)


def test_a_field_of_a_group_the_user_lacks_cannot_filter():
    demo = InMemoryRecordStore(seed_database(), DEMO_ID)
    with pytest.raises(AccessError) as caught:
        demo.search_ids("res.partner", [["x_internal_note", "!=", False]])
    assert {"model": "res.partner", "fields": ["x_internal_note"]} == caught.value.details


def test_record_rules_hide_other_companies():
    database = seed_database()
    demo = InMemoryRecordStore(database, DEMO_ID)
    admin_in_chicago = InMemoryRecordStore(database, ADMIN_ID, {"allowed_company_ids": [2]})
    assert [] == demo.search_ids("res.partner", [["company_id", "=", 2]])
    assert but(2, 13) == demo.search_ids("res.partner", [])
    assert but(1) == admin_in_chicago.search_ids("res.partner", [])


def test_active_test_false_shows_archived_records(admin):
    everything = admin.with_context({"active_test": False})
    assert list(range(1, 16)) == everything.search_ids("res.partner", [])
    assert [9, 10] == everything.search_ids("res.partner", [["parent_id", "=", 8]])
    assert [8] == everything.search_ids("res.partner", [["child_ids", "in", [10]]])


def test_many2one_any_reaches_archived_parents():
    database = seed_database()
    admin = InMemoryRecordStore(database, ADMIN_ID)
    admin.write("res.partner", [11, 6], {"active": False})
    assert [12] == admin.search_ids("res.partner", [["parent_id.name", "=", "Gemini Furniture"]])
    # an x2many's comodel is searched with active_test: archived Brandon is not a child of 5
    assert [] == admin.search_ids("res.partner", [["child_ids.name", "=", "Brandon Freeman"]])
    assert [5] == admin.search_ids("res.partner", [["child_ids.name", "=", "Colleen Diaz"]])
