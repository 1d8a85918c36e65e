"""x2many command tuples applied by the in-memory store, on one2many and many2many fields."""
from __future__ import annotations

import pytest

from rest_api.domain.errors import NotFound, ValidationError


def row(database, model, record_id):
    return database.row(model, record_id)


def test_one2many_create_command_sets_the_inverse(admin, database):
    [pid] = admin.create("res.partner", [{"name": "Parent", "is_company": True, "child_ids": [
        (0, 0, {"name": "Kid 1"}), [0, 0, {"name": "Kid 2", "email": "kid2@example.com"}]]}])
    kids = admin.search_ids("res.partner", [["parent_id", "=", pid]])
    assert ["Kid 1", "Kid 2"] == [row(database, "res.partner", k)["name"] for k in kids]


def children(admin, parent_id):
    return admin.search_ids("res.partner", [["parent_id", "=", parent_id]])


@pytest.mark.parametrize(("commands", "expected_children", "deleted"), [
    ([(1, 6, {"name": "Brandon F."})], [6, 7], []),
    ([(2, 6, 0)], [7], [6]),
    ([(3, 6, 0)], [7], []),
    ([(4, 15, 0)], [6, 7, 15], []),
    ([(5, 0, 0)], [], []),
    ([(6, 0, [7, 15])], [7, 15], []),
    ([(6, 0, [])], [], []),
    ([(5, 0, 0), (4, 6, 0)], [6], []),
    (False, [], []),
])
def test_one2many_commands(admin, database, commands, expected_children, deleted):
    admin.write("res.partner", [5], {"child_ids": commands})
    assert expected_children == children(admin, 5)
    assert deleted == [i for i in (6, 7) if row(database, "res.partner", i) is None]


def test_one2many_update_command_writes_the_child(admin, database):
    admin.write("res.partner", [5], {"child_ids": [(1, 6, {"name": "Brandon F."})]})
    assert "Brandon F." == row(database, "res.partner", 6)["name"]


def test_detaching_a_child_that_cannot_be_orphaned_deletes_it(admin, database):
    admin.write("product.template", [9], {"product_variant_ids": [(3, 3, 0)]})
    assert row(database, "product.product", 3) is None
    assert [4] == admin.search_ids("product.product", [["product_tmpl_id", "=", 9]])


@pytest.mark.parametrize(("commands", "expected"), [
    ([(0, 0, {"name": "New tag"})], [1, 3, 5]),
    ([(1, 1, {"name": "Supplier"})], [1, 3]),
    ([(2, 1, 0)], [3]),
    ([(3, 1, 0)], [3]),
    ([(3, 2, 0)], [1, 3]),
    ([(4, 2, 0)], [1, 2, 3]),
    ([(4, 1, 0)], [1, 3]),
    ([(5, 0, 0)], []),
    ([(6, 0, [4, 2])], [2, 4]),
    ([(5, 0, 0), (4, 4, 0), (0, 0, {"name": "Fresh"})], [4, 5]),
    (False, []),
])
def test_many2many_commands(admin, database, commands, expected):
    admin.write("res.partner", [5], {"category_id": commands})
    assert expected == row(database, "res.partner", 5)["category_id"]


def test_many2many_update_and_delete_act_on_the_related_record(admin, database):
    admin.write("res.partner", [5], {"category_id": [(1, 1, {"name": "Supplier"})]})
    assert "Supplier" == row(database, "res.partner.category", 1)["name"]
    admin.write("res.partner", [8], {"category_id": [(2, 2, 0)]})
    assert row(database, "res.partner.category", 2) is None
    assert [1] == row(database, "res.partner", 14)["category_id"]  # removed everywhere


@pytest.mark.parametrize("commands", [
    "not a list", [(9, 0, 0)], [(0, 0)], [(0, 0, "vals")], [(1, "x", {})], [(4, None, 0)],
    [(6, 0, "ids")], [(6, 0, [1, "2"])], [("0", 0, {})], [5], [(True, 0, {})],
])
def test_malformed_commands_are_validation_errors(admin, commands):
    with pytest.raises(ValidationError) as caught:
        admin.write("res.partner", [5], {"category_id": commands})
    assert ["category_id"] == list(caught.value.details["fields"])


@pytest.mark.parametrize("commands", [[(4, 99, 0)], [(6, 0, [1, 99])]])
def test_linking_missing_records_is_not_found(admin, commands):
    with pytest.raises(NotFound) as caught:
        admin.write("res.partner", [5], {"category_id": commands})
    assert caught.value.details == {"model": "res.partner.category", "ids": [99]}


@pytest.mark.parametrize("command", [(1, 99, {"name": "x"}), (2, 99, 0)])
def test_updating_or_deleting_missing_related_records_is_not_found(admin, database, command):
    before = database.snapshot()
    with pytest.raises(NotFound):
        admin.write("res.partner", [5], {"name": "Changed", "category_id": [command]})
    assert before == database.snapshot()


def test_a_failing_nested_create_undoes_the_whole_create(admin, database):
    count = len(database.table("res.partner"))
    with pytest.raises(ValidationError):
        admin.create("res.partner", [{"name": "Parent", "child_ids": [(0, 0, {"name": "Kid", "type": "bad"})]}])
    assert count == len(database.table("res.partner"))


