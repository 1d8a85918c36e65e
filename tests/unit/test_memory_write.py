"""Creating, writing and deleting with the in-memory store: values, commands, constraints, atomicity."""
from __future__ import annotations

import datetime as dt

import pytest

from rest_api.adapters.memory.database import Database
from rest_api.adapters.memory.schema import ModelSchema, schema_of, spec, standard_fields
from rest_api.adapters.memory.scope import Scope
from rest_api.adapters.memory.seed import DEMO_ID, SEED_TIME, seed_database
from rest_api.adapters.memory.store import InMemoryRecordStore
from rest_api.adapters.memory.writer import RecordWriter
from rest_api.domain.errors import AccessError, Conflict, NotFound, ValidationError

NOW = dt.datetime(2025, 6, 1, 12, 0, 0)


@pytest.fixture
def database():
    database = seed_database()
    database.clock = lambda: NOW
    return database


def row(database, model, record_id):
    return database.row(model, record_id)


# --- create ----------------------------------------------------------------------------------

def test_create_stores_converted_values_and_defaults(admin, database):
    [pid] = admin.create("product.template", [{"name": "Lamp", "default_code": "LAMP", "list_price": 12}])
    stored = row(database, "product.template", pid)
    assert {"name": "Lamp", "default_code": "LAMP", "list_price": 12.0, "type": "consu", "categ_id": 1,
            "active": True, "sale_ok": True, "is_favorite": False, "standard_price": None, "description": None,
            "company_id": None, "create_date": NOW, "write_date": NOW, "id": pid} == stored
    assert isinstance(stored["list_price"], float)


def test_create_returns_ids_in_input_order(admin, database):
    ids = admin.create("res.partner", [{"name": "A"}, {"name": "B"}, {"name": "C"}])
    assert ["A", "B", "C"] == [row(database, "res.partner", i)["name"] for i in ids]
    assert ids == sorted(ids)


def test_create_parses_dates_and_ignores_magic_and_computed_fields(admin, database):
    [pid] = admin.create("res.partner", [{"name": "Dated", "date": "2020-02-29", "id": 1,
                                          "create_date": "2000-01-01 00:00:00", "display_name": "ignored"}])
    stored = row(database, "res.partner", pid)
    assert (dt.date(2020, 2, 29), NOW) == (stored["date"], stored["create_date"])
    assert pid != 1 and "display_name" not in stored


def test_create_reports_every_unknown_field(admin):
    with pytest.raises(ValidationError) as caught:
        admin.create("res.partner", [{"name": "X", "nope": 1, "nada": 2}])
    assert {"model": "res.partner", "fields": ["nope", "nada"]} == caught.value.details


def test_create_reports_every_invalid_value(admin):
    with pytest.raises(ValidationError) as caught:
        admin.create("res.partner", [{"name": 5, "type": "nope", "parent_id": 999, "color": "red",
                                      "date": "tomorrow", "is_company": "yes", "image_1920": "***",
                                      "company_id": "1", "comment": 5}])
    assert ["name", "type", "parent_id", "color", "date", "is_company", "image_1920", "company_id",
            "comment"] == list(caught.value.details["fields"])
    assert "no res.partner record with id 999" == caught.value.details["fields"]["parent_id"]


def test_create_requires_required_fields(admin):
    with pytest.raises(ValidationError) as caught:
        admin.create("product.template", [{"list_price": 5.0}])
    assert {"model": "product.template", "fields": ["name"]} == caught.value.details
    with pytest.raises(ValidationError):
        admin.create("product.template", [{"name": False}])
    with pytest.raises(ValidationError):
        admin.create("product.template", [{"name": "No category", "categ_id": False}])


def test_create_refuses_a_values_dict_that_is_not_a_mapping(admin):
    with pytest.raises(ValidationError):
        admin.create("res.partner", [["name", "x"]])


def test_unique_constraints_are_conflicts(admin, database):
    with pytest.raises(Conflict) as caught:
        admin.create("res.users", [{"name": "Admin 2", "login": "admin"}])
    assert {"constraint": "res_users_login_key"} == caught.value.details
    assert "The operation cannot be completed: You can not have two users with the same login!" == caught.value.message
    # Odoo has no unique internal reference on products
    admin.create("product.template", [{"name": "Twin", "default_code": "FURN_7777"}])


def test_a_python_uniqueness_check_is_a_validation_error(admin, database):
    with pytest.raises(ValidationError):
        admin.create("product.product", [{"product_tmpl_id": 2, "barcode": "601647855631"}])
    admin.create("product.product", [{"product_tmpl_id": 2}, {"product_tmpl_id": 2}])  # NULLs never clash


def test_a_batch_is_all_or_nothing(admin, database):
    before = dict(database.table("res.partner"))
    with pytest.raises(ValidationError):
        admin.create("res.partner", [{"name": "One"}, {"name": "Two"}, {"name": "Three", "type": "bad"}])
    assert before == database.table("res.partner")


def test_a_duplicate_inside_a_batch_is_a_conflict_and_nothing_is_created(admin, database):
    count = len(database.table("res.users"))
    with pytest.raises(Conflict):
        admin.create("res.users", [{"name": "A", "login": "dup"}, {"name": "B", "login": "dup"}])
    assert count == len(database.table("res.users"))


# --- write -----------------------------------------------------------------------------------

def test_write_updates_every_record_and_the_write_date(admin, database):
    admin.write("res.partner", [6, 7], {"phone": "+1 555", "email": False, "date": "2001-01-01"})
    for rid in (6, 7):
        stored = row(database, "res.partner", rid)
        assert ("+1 555", None, dt.date(2001, 1, 1), NOW, SEED_TIME) == (
            stored["phone"], stored["email"], stored["date"], stored["write_date"], stored["create_date"])


def test_write_clears_numbers_to_zero_like_odoo(admin, database):
    admin.write("res.partner", [5], {"color": False})
    assert 0 == row(database, "res.partner", 5)["color"]


def test_write_on_missing_ids_is_not_found_and_writes_nothing(admin, database):
    with pytest.raises(NotFound) as caught:
        admin.write("res.partner", [5, 99], {"name": "X"})
    assert [99] == caught.value.details["ids"]
    assert "Azure Interior" == row(database, "res.partner", 5)["name"]


def test_write_can_reach_archived_records(admin, database):
    admin.write("res.partner", [10], {"active": True})
    assert row(database, "res.partner", 10)["active"] is True


def test_write_validates_like_create(admin):
    with pytest.raises(ValidationError):
        admin.write("res.partner", [5], {"nope": 1})
    with pytest.raises(ValidationError):
        admin.write("res.partner", [5], {"type": "bad"})
    with pytest.raises(ValidationError) as caught:
        admin.write("product.template", [1], {"name": False})
    assert ["name"] == caught.value.details["fields"]


def test_a_unique_conflict_on_write_changes_nothing(admin, database):
    with pytest.raises(Conflict):
        admin.write("res.users", [2, 6], {"login": "same"})
    assert ("admin", "demo") == (row(database, "res.users", 2)["login"], row(database, "res.users", 6)["login"])


def test_write_of_a_field_of_a_group_the_user_lacks_is_refused(database):
    demo = InMemoryRecordStore(database, DEMO_ID)
    with pytest.raises(AccessError):
        demo.write("res.partner", [5], {"x_internal_note": "secret"})
    with pytest.raises(AccessError):
        demo.create("res.partner", [{"name": "N", "x_internal_note": "secret"}])


def test_demo_cannot_write_records_of_another_company(database):
    with pytest.raises(NotFound):
        InMemoryRecordStore(database, DEMO_ID).write("res.partner", [13], {"name": "Mine"})


# --- unlink ----------------------------------------------------------------------------------

def test_unlink_nulls_many2one_and_cleans_many2many(admin, database):
    admin.unlink("res.partner", [5])
    assert (None, None) == (row(database, "res.partner", 6)["parent_id"], row(database, "res.partner", 7)["parent_id"])
    admin.unlink("res.partner.category", [1])
    assert [2] == row(database, "res.partner", 14)["category_id"]


def test_unlink_cascades(admin, database):
    admin.unlink("product.template", [9])
    assert [1, 2] == sorted(database.table("product.product"))


def test_unlink_restricted_by_a_reference_is_a_conflict(admin, database):
    with pytest.raises(Conflict) as caught:
        admin.unlink("product.category", [3])
    assert {"constraint": "product_template_categ_id_fkey"} == caught.value.details
    assert "Model: Product (product.template)" in caught.value.message
    assert row(database, "product.category", 3) is not None


def test_unlink_cascade_hitting_a_restriction_deletes_nothing(admin, database):
    before = database.snapshot()
    with pytest.raises(Conflict):
        admin.unlink("product.category", [1])  # cascades to 2, 3, 4 which products use
    assert before == database.snapshot()


def test_unlink_of_missing_ids_is_not_found(admin, database):
    with pytest.raises(NotFound) as caught:
        admin.unlink("res.partner", [15, 99])
    assert [99] == caught.value.details["ids"]
    assert row(database, "res.partner", 15) is not None


# --- a model with every scalar type ----------------------------------------------------------

EVENT = ModelSchema.declare("test.event", "Event", [
    *standard_fields(), spec("name", "char", required=True), spec("starts_at", "datetime"),
    spec("day", "date"), spec("seats", "integer"), spec("price", "monetary"), spec("done", "boolean", required=True),
    spec("payload", "json"), spec("photo", "binary"), spec("kind", "selection", selection=(("a", "A"), ("b", "B"))),
])


@pytest.fixture
def events():
    """A database of ``test.event`` only (no users: written as the superuser)."""
    return Database(schema_of([EVENT]), clock=lambda: NOW)


def create_event(database, values):
    return RecordWriter(database, Scope.root()).create("test.event", [{"name": "E", "done": False, **values}])


@pytest.mark.parametrize(("field", "value", "stored"), [
    ("starts_at", "2024-05-01 08:30:00", dt.datetime(2024, 5, 1, 8, 30)),
    ("starts_at", "2024-05-01", dt.datetime(2024, 5, 1)),
    ("starts_at", dt.datetime(2024, 5, 1, 8, 30), dt.datetime(2024, 5, 1, 8, 30)),
    ("starts_at", dt.date(2024, 5, 1), dt.datetime(2024, 5, 1)),
    ("day", "2024-05-01 08:30:00", dt.date(2024, 5, 1)),
    ("day", dt.datetime(2024, 5, 1, 8, 30), dt.date(2024, 5, 1)),
    ("seats", 3, 3),
    ("seats", None, 0),
    ("price", 3, 3.0),
    ("payload", {"any": ["thing"]}, {"any": ["thing"]}),
    ("kind", "b", "b"),
    ("kind", False, None),
])
def test_scalar_values_are_converted(field, value, stored, events):
    [eid] = create_event(events, {field: value})
    assert stored == events.row("test.event", eid)[field]


@pytest.mark.parametrize(("field", "value"), [
    ("starts_at", "2024-05-01T08:30:00Z"), ("starts_at", "soon"), ("starts_at", 5),
    ("starts_at", dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)),
    ("day", "01/05/2024"), ("day", 20240501), ("photo", 12), ("seats", 2.5), ("seats", True), ("price", "3"),
    ("kind", "c"),
])
def test_bad_scalar_values_are_validation_errors(field, value, events):
    with pytest.raises(ValidationError) as caught:
        create_event(events, {field: value})
    assert [field] == list(caught.value.details["fields"])


def test_a_required_boolean_is_never_missing(events):
    [eid] = create_event(events, {})
    assert False is events.row("test.event", eid)["done"]
