"""Declaring in-memory models, and the demo schema's computed fields."""
from __future__ import annotations

import pytest

from rest_api.adapters.memory.database import Database
from rest_api.adapters.memory.schema import ModelSchema, schema_of, spec, standard_fields
from rest_api.adapters.memory.seed import ADMIN_ID, build_catalog, seed_database
from rest_api.adapters.memory.store import InMemoryRecordStore
from rest_api.domain.errors import NotFound
from rest_api.domain.resolution import ResolvedSelection


def test_a_computed_field_is_readonly_unstored_and_unsortable():
    field = spec("total", "float", compute=lambda db, row: 1.0).info
    assert (True, False, False) == (field.readonly, field.stored, field.sortable)
    assert "Total" == field.string


def test_declare_finds_the_parent_field():
    tree = ModelSchema.declare("x.tree", "Tree", [*standard_fields(), spec("name", "char"),
                                                 spec("parent_id", "many2one", relation="x.tree")])
    flat = ModelSchema.declare("x.flat", "Flat", standard_fields(None))
    assert ("parent_id", None) == (tree.parent_name, flat.parent_name)
    assert ["id", "create_date", "write_date"] == list(flat.fields)


@pytest.mark.parametrize("declare", [
    lambda: spec("x_id", "many2one", relation="x.a", ondelete="explode"),
    lambda: ModelSchema.declare("x.a", "A", [spec("name", "char"), spec("name", "text")]),
    lambda: schema_of([ModelSchema.declare("x.a", "A", [spec("b_id", "many2one", relation="x.b")])]),
    lambda: schema_of([ModelSchema.declare("x.a", "A", [spec("a_ids", "one2many", relation="x.a")])]),
])
def test_bad_declarations_fail_at_once(declare):
    with pytest.raises(ValueError):
        declare()


def test_database_refuses_unknown_models():
    database = Database(schema_of([ModelSchema.declare("x.a", "A", standard_fields())]))
    with pytest.raises(NotFound):
        database.next_id("x.b")
    with pytest.raises(NotFound):
        database.restart_sequence("x.b", 5)
    assert (1, frozenset()) == (database.next_id("x.a"), database.groups_of(42))


def test_restore_puts_back_a_snapshot():
    database = seed_database()
    saved = database.snapshot()
    database.table("res.partner").clear()
    database.restore(saved)
    assert 15 == len(database.table("res.partner"))


def test_variants_compute_their_names_from_the_template():
    database = seed_database()
    store = InMemoryRecordStore(database, ADMIN_ID)
    selection = ResolvedSelection.of(build_catalog(ADMIN_ID).model("product.product"), ("name", "display_name"))
    assert [{"id": 3, "name": "Customizable Desk", "display_name": "[FURN_0096-S] Customizable Desk"},
            {"id": 2, "name": "Large Desk", "display_name": "[E-COM09] Large Desk"}] == \
        store.read("product.product", [3, 2], selection)
    database.row("product.product", 2)["product_tmpl_id"] = None  # not reachable through the store
    assert [{"id": 2, "name": False, "display_name": False}] == store.read("product.product", [2], selection)
