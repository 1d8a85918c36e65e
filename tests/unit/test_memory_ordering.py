"""Sorting by Odoo order strings in the in-memory adapter, NULLs placed like PostgreSQL."""
from __future__ import annotations

import pytest

from rest_api.adapters.memory.ordering import SortKey, parse_order
from rest_api.adapters.memory.seed import ADMIN_ID, seed_database
from rest_api.adapters.memory.seed_schema import build_schema
from rest_api.adapters.memory.store import InMemoryRecordStore
from rest_api.domain.errors import ValidationError
from rest_api.domain.resolution import ResolvedField, ResolvedSelection

ZERO_COLOR = [1, 2, 3, 4, 7, 8, 9, 12, 13, 14, 15]  # partners 5, 6, 11 have colors 5, 2, 7; the rest 0
NO_DATE = [1, 2, 3, 4, 6, 7, 8, 11, 12, 13, 14]  # dates: 9 (1988), 15 (1990), 5 (2019)
PARTNERS = build_schema()["res.partner"]


@pytest.fixture(scope="module")
def admin():
    return InMemoryRecordStore(seed_database(), ADMIN_ID)


def ordered_ids(store, order, model="res.partner", domain=(), offset=0, limit=None):
    selection = ResolvedSelection(model, (ResolvedField(PARTNERS.fields["id"]),))
    return [row["id"] for row in store.search_read(model, list(domain), selection, order, offset, limit)]


CASES = [
    # res.partner's _order: "complete_name ASC, id DESC" (a contact under its company's name)
    (None, [5, 6, 7, 8, 9, 11, 12, 15, 13, 2, 14, 1, 4, 3]),
    ("id desc", [15, 14, 13, 12, 11, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
    ("color, id", ZERO_COLOR + [6, 5, 11]),
    ("color desc, id", [11, 5, 6] + ZERO_COLOR),
    ("color DESC NULLS LAST, id desc", [11, 5, 6] + ZERO_COLOR[::-1]),
    ("date, id", [9, 15, 5] + NO_DATE),
    ("date desc, id", NO_DATE + [5, 15, 9]),
    ("date asc nulls first, id", NO_DATE + [9, 15, 5]),
    ("date desc nulls last, id", [5, 15, 9] + NO_DATE),
    ("is_company desc, name", [5, 8, 11, 13, 2, 14, 1, 9, 6, 7, 12, 15, 4, 3]),
    ("parent_id, id desc", [7, 6, 9, 12, 4, 3, 15, 14, 13, 11, 8, 5, 2, 1]),
    ("date desc nulls last, name", [5, 15, 9, 6, 7, 8, 12, 11, 13, 4, 3, 2, 14, 1]),
    ("  name  ", [9, 5, 6, 7, 8, 12, 11, 15, 13, 4, 3, 2, 14, 1]),
    ("type desc, id", [7, 12, 1, 2, 3, 4, 5, 6, 8, 9, 11, 13, 14, 15]),
]


@pytest.mark.parametrize(("order", "expected"), CASES, ids=[str(c[0]) for c in CASES])
def test_orders(admin, order, expected):
    assert expected == ordered_ids(admin, order)


def test_offset_and_limit_apply_after_sorting(admin):
    assert [11, 5] == ordered_ids(admin, "color desc, id", offset=0, limit=2)
    assert [6, 1] == ordered_ids(admin, "color desc, id", offset=2, limit=2)
    assert [] == ordered_ids(admin, "color desc, id", offset=50, limit=2)
    assert [14, 15] == ordered_ids(admin, "color desc, id", offset=12, limit=None)
    assert 2 == len(ordered_ids(admin, None, offset=12, limit=0))  # limit 0: no limit, as in the ORM


def test_many2one_sorts_by_the_related_display_name(admin):
    selection = ResolvedSelection("product.template", (ResolvedField(PARTNERS.fields["id"]),))
    rows = admin.search_read("product.template", [["list_price", "<", 50]], selection, "categ_id desc, id", 0, None)
    # "All / Services" (10) > "All / Saleable / Office Furniture" (5) > "All / Saleable" (7, 8)
    assert [10, 5, 7, 8] == [row["id"] for row in rows]


def test_parse_order_defaults_nulls_like_postgresql():
    assert [SortKey("name", False, True), SortKey("id", True, False)] == parse_order("name, id desc", PARTNERS)
    assert [SortKey("complete_name", False, True), SortKey("id", True, False)] == parse_order(None, PARTNERS)
    assert [SortKey("name", True, True, True)] == parse_order("name desc nulls last", PARTNERS)


INVALID = ["nope", "name sideways", "display_name", "child_ids", "name desc nulls",
           "name desc nulls middle", "name asc extra words here", ",", "name,,id", "name desc nulls last x"]


@pytest.mark.parametrize("order", INVALID)
def test_invalid_orders_are_validation_errors(admin, order):
    with pytest.raises(ValidationError):
        ordered_ids(admin, order)
