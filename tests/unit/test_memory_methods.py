"""Calling model and record methods on the in-memory store, and rolling back what they did."""
from __future__ import annotations

import pytest

from rest_api.adapters.memory.seed import DEMO_ID
from rest_api.adapters.memory.store import InMemoryRecordStore
from rest_api.domain.errors import AccessError, NotFound, ValidationError


@pytest.mark.parametrize(("model", "ids", "method", "args", "kwargs", "error"), [
    ("res.partner", None, "_private", [], {}, AccessError),
    ("res.partner", None, "_no_such_private", [], {}, AccessError),
    ("res.partner", None, "no_such_method", [], {}, NotFound),
    ("no.such.model", None, "name_search", [], {}, NotFound),
    ("res.partner", [99], "toggle_active", [], {}, NotFound),
    ("res.partner", None, "name_search", ["a", None, "ilike", 5, "extra"], {}, ValidationError),
    ("res.partner", None, "name_search", [], {"nope": 1}, ValidationError),
    ("res.partner", None, "name_search", [], {"name": 5}, ValidationError),
    ("res.partner", [1], "toggle_active", [True], {}, ValidationError),
    ("product.template", [1], "copy", [], {"default": "x"}, ValidationError),
    ("res.partner", [5], "write_then_fail", [], {}, ValidationError),
])
def test_call_errors(admin, model, ids, method, args, kwargs, error):
    with pytest.raises(error):
        admin.call(model, ids, method, args, kwargs)


def test_hidden_records_are_not_found(database):
    with pytest.raises(NotFound) as caught:
        InMemoryRecordStore(database, DEMO_ID).call("res.partner", [13], "toggle_active", [], {})
    assert [13] == caught.value.details["ids"]


def test_name_search(admin):
    assert [[5, "Azure Interior"], [6, "Azure Interior, Brandon Freeman"], [7, "Azure Interior, Colleen Diaz"]] == \
        admin.call("res.partner", None, "name_search", [], {"name": "azure"})
    assert [[5, "Azure Interior"]] == admin.call("res.partner", None, "name_search", ["azure"], {"limit": 1})
    assert [[14, "Ready Mat"]] == admin.call("res.partner", None, "name_search", ["Ready Mat", None, "="], {})
    assert [[1, "YourCompany"], [2, "My Company (Chicago)"]] == admin.call(
        "res.partner", None, "name_search", [], {"name": "a", "args": [["is_company", "=", True]], "limit": 2})
    assert 14 == len(admin.call("res.partner", None, "name_search", [], {}))


def test_toggle_active_writes(admin, database):
    assert admin.call("res.partner", [1, 10], "toggle_active", [], {}) is None
    assert (False, True) == (database.row("res.partner", 1)["active"], database.row("res.partner", 10)["active"])


def test_copy_duplicates_with_defaults(admin, database):
    [copy_id] = admin.call("product.template", [2], "copy", [], {})
    copied = database.row("product.template", copy_id)
    assert ("Large Desk (copy)", None, 1799.0, 3, "Spacious desk for two.") == (
        copied["name"], copied["default_code"], copied["list_price"], copied["categ_id"], copied["description"])
    [other_id] = admin.call("product.template", [1], "copy", [{"list_price": 1.5, "default_code": "NEW"}], {})
    assert (1.5, "NEW") == (database.row("product.template", other_id)["list_price"],
                            database.row("product.template", other_id)["default_code"])


def test_copy_of_several_records_returns_their_copies_in_order(admin, database):
    ids = admin.call("product.template", [3, 1], "copy", [], {})
    assert ["Corner Desk Right Sit (copy)", "Office Chair (copy)"] == [
        database.row("product.template", i)["name"] for i in ids]


def test_copy_keeps_many2many_and_binary_values(admin, database):
    from rest_api.adapters.memory.seed_methods import copy_values
    values = copy_values(database.model("res.partner"), database.row("res.partner", 5))
    [new_id] = admin.create("res.partner", [values])
    original, copy = database.row("res.partner", 5), database.row("res.partner", new_id)
    assert (original["category_id"], original["image_1920"], original["date"]) == (
        copy["category_id"], copy["image_1920"], copy["date"])


def test_write_then_fail_is_undone_by_the_transaction(admin, database):
    with pytest.raises(ValidationError):
        with database.transaction():
            admin.call("res.partner", [5], "write_then_fail", [], {})
    assert "Azure Interior" == database.row("res.partner", 5)["name"]


def test_an_unexpected_error_escapes_and_the_transaction_rolls_back(admin, database):
    with pytest.raises(ZeroDivisionError):
        with database.transaction():
            admin.write("res.partner", [5], {"name": "Before the bug"})
            admin.call("res.partner", [5], "boom", [], {})
    assert "Azure Interior" == database.row("res.partner", 5)["name"]
