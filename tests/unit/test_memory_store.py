"""The in-memory store's reads, access rules, context, binaries, transactions and catalog."""
from __future__ import annotations

import base64
import datetime as dt

import pytest

from rest_api.domain.file_types import sniff
from rest_api.adapters.memory.seed import (
    ADMIN_ID, DEMO_ID, PIXEL_PNG, SEED_TIME, build_catalog, seed_database,
)
from rest_api.adapters.memory.store import InMemoryRecordStore
from rest_api.application.ports import BinaryContent, UserInfo
from rest_api.domain.errors import AccessError, NotFound, ValidationError
from rest_api.domain.resolution import ResolvedSelection, resolve
from rest_api.domain.selection import FieldSelection, Inclusion


@pytest.fixture
def demo(database):
    return InMemoryRecordStore(database, DEMO_ID)


def flat(model: str, *names: str, user_id: int = ADMIN_ID) -> ResolvedSelection:
    return ResolvedSelection.of(build_catalog(user_id).model(model), names)


def nested(model: str, *items: Inclusion) -> ResolvedSelection:
    catalog = build_catalog(ADMIN_ID)
    return resolve(FieldSelection(includes=items), catalog.model(model), catalog.model, frozenset())


def names(*fields: str) -> FieldSelection:
    return FieldSelection(includes=tuple(Inclusion(f) for f in fields))


# --- reading ---------------------------------------------------------------------------------

def test_read_gives_odoo_shapes(admin):
    [row] = admin.read("res.partner", [5], flat(
        "res.partner", "name", "parent_id", "child_ids", "category_id", "color", "is_company",
        "date", "create_date", "website", "comment", "image_1920", "display_name"))
    assert {
        "id": 5, "name": "Azure Interior", "parent_id": False, "child_ids": [6, 7], "category_id": [3, 1],
        "color": 5, "is_company": True, "date": dt.date(2019, 3, 4), "create_date": SEED_TIME,
        "website": "http://www.azure-interior.com", "comment": False,
        "image_1920": PIXEL_PNG.encode("ascii"), "display_name": "Azure Interior",
    } == row
    assert ["id", "name", "parent_id", "child_ids", "category_id", "color", "is_company", "date",
            "create_date", "website", "comment", "image_1920", "display_name"] == list(row)


def test_unset_numbers_read_as_zero_and_booleans_as_false(admin):
    [row] = admin.read("res.partner", [15], flat("res.partner", "color", "is_company", "email", "parent_id"))
    assert {"id": 15, "color": 0, "is_company": False, "email": False, "parent_id": False} == row


def test_read_keeps_order_and_duplicates(admin):
    rows = admin.read("res.partner", [14, 1, 14], flat("res.partner", "name"))
    assert [(14, "Ready Mat"), (1, "YourCompany"), (14, "Ready Mat")] == [(r["id"], r["name"]) for r in rows]


def test_read_reports_every_missing_id(admin):
    with pytest.raises(NotFound) as caught:
        admin.read("res.partner", [1, 99, 98], flat("res.partner", "name"))
    assert {"model": "res.partner", "ids": [99, 98]} == caught.value.details


def test_read_finds_archived_records_but_not_hidden_ones(admin, demo):
    assert [{"id": 10, "active": False}] == admin.read("res.partner", [10], flat("res.partner", "active"))
    with pytest.raises(NotFound):
        demo.read("res.partner", [13], flat("res.partner", "name"))


def test_nested_reads_read_each_level_once(admin, mocker):
    from rest_api.adapters.memory.reader import RecordReader
    spy = mocker.spy(RecordReader, "read_rows")
    selection = nested("res.partner", Inclusion("child_ids", FieldSelection(includes=(
        Inclusion("parent_id", names("name")),))))
    admin.search_read("res.partner", [["is_company", "=", True]], selection, None, 0, None)
    assert 3 == spy.call_count  # partners, their children, the children's parents


def test_search_read_filters_orders_and_pages(admin):
    selection = flat("product.template", "name", "list_price")
    rows = admin.search_read("product.template", [["list_price", ">", 100]], selection, "list_price desc", 1, 2)
    assert [{"id": 2, "name": "Large Desk", "list_price": 1799.0},
            {"id": 9, "name": "Customizable Desk", "list_price": 750.0}] == rows


def test_search_count_and_ids_agree(admin):
    domain = [["list_price", ">", 100]]
    assert [2, 3, 4, 6, 9, 12] == admin.search_ids("product.template", domain)
    assert 6 == admin.search_count("product.template", domain)


def test_a_field_of_a_group_the_user_lacks_cannot_be_read(admin, demo):
    selection = flat("res.partner", "name", "x_internal_note")
    assert "Pays late" == admin.read("res.partner", [8], selection)[0]["x_internal_note"]
    with pytest.raises(AccessError) as caught:
        demo.read("res.partner", [8], selection)
    assert ["x_internal_note"] == caught.value.details["fields"]
    with pytest.raises(AccessError):
        demo.search_read("res.partner", [], nested("res.partner", Inclusion("child_ids", names("x_internal_note"))),
                         None, 0, None)


# --- access flags ----------------------------------------------------------------------------

PARAMETER_CALLS = [
    ("search_read", ("ir.config_parameter", [], None, None, 0, None)),
    ("search_count", ("ir.config_parameter", [])),
    ("search_ids", ("ir.config_parameter", [])),
    ("read", ("ir.config_parameter", [1], None)),
    ("create", ("ir.config_parameter", [{"key": "k", "value": "v"}])),
    ("write", ("ir.config_parameter", [1], {"value": "v"})),
    ("unlink", ("ir.config_parameter", [1])),
    ("read_binary", ("ir.config_parameter", 1, "value")),
]


@pytest.mark.parametrize(("method", "args"), PARAMETER_CALLS, ids=[c[0] for c in PARAMETER_CALLS])
def test_model_access_flags_are_enforced(admin, database, method, args):
    args = tuple(flat("ir.config_parameter", "key") if a is None and i == 2 else a for i, a in enumerate(args))
    with pytest.raises(AccessError) as caught:
        getattr(admin, method)(*args)
    assert "ir.config_parameter" == caught.value.details["model"]
    assert 2 == len(database.table("ir.config_parameter"))


@pytest.mark.parametrize("method", ["search_count", "search_ids"])
def test_unknown_models_are_not_found(admin, method):
    with pytest.raises(NotFound):
        getattr(admin, method)("no.such.model", [])


# --- context -----------------------------------------------------------------------------------

def test_with_context_merges_and_leaves_the_original_alone(admin):
    archived = admin.with_context({"active_test": False})
    both = archived.with_context({"lang": "fr_FR"})
    assert {"active_test": False, "lang": "fr_FR"} == both.context
    assert {} == admin.context
    assert 15 == both.search_count("res.partner", [])
    assert 14 == admin.search_count("res.partner", [])


def test_allowed_company_ids_narrows_what_is_seen(admin):
    main_only = admin.with_context({"allowed_company_ids": [1]})
    assert [] == main_only.search_ids("res.partner", [["company_id", "=", 2]])
    assert [2, 13] == admin.search_ids("res.partner", [["company_id", "=", 2]])


def test_an_empty_allowed_company_ids_means_all_the_users_companies(admin):
    assert 14 == admin.with_context({"allowed_company_ids": []}).search_count("res.partner", [])


def test_allowed_company_ids_must_be_the_users(demo):
    with pytest.raises(AccessError) as caught:
        demo.with_context({"allowed_company_ids": [2]}).search_count("res.partner", [])
    assert {"allowed_company_ids": [2]} == caught.value.details


def test_current_user(admin, demo, database):
    assert UserInfo(ADMIN_ID, "Mitchell Admin", (1, 2)) == admin.current_user()
    assert UserInfo(DEMO_ID, "Marc Demo", (1,)) == demo.current_user()
    with pytest.raises(NotFound):
        InMemoryRecordStore(database, 404).current_user()
    with pytest.raises(NotFound):
        InMemoryRecordStore(database, 404).search_count("res.partner", [])


def test_new_records_get_the_current_company_by_default(database):
    store = InMemoryRecordStore(database, ADMIN_ID, {"allowed_company_ids": [2, 1]})
    [uid] = store.create("res.users", [{"name": "Chicago Clerk", "login": "clerk"}])
    assert 2 == database.row("res.users", uid)["company_id"]
    [uid] = InMemoryRecordStore(database, ADMIN_ID).create("res.users", [{"name": "Main Clerk", "login": "m"}])
    assert 1 == database.row("res.users", uid)["company_id"]


# --- binary ------------------------------------------------------------------------------------

def test_read_binary_sniffs_the_content(admin):
    content = admin.read_binary("res.partner", 5, "image_1920")
    assert BinaryContent(base64.b64decode(PIXEL_PNG), "Azure Interior.png", "image/png") == content


def test_read_binary_of_an_empty_field_is_none(admin):
    assert admin.read_binary("res.partner", 1, "image_1920") is None


def test_read_binary_after_a_write(admin):
    admin.write("res.partner", [1], {"image_1920": base64.b64encode(b"%PDF-1.7 hello").decode()})
    content = admin.read_binary("res.partner", 1, "image_1920")
    assert ("application/pdf", "YourCompany.pdf", b"%PDF-1.7 hello") == (
        content.mimetype, content.filename, content.content)
    admin.write("res.partner", [1], {"image_1920": ""})
    assert admin.read_binary("res.partner", 1, "image_1920") is None


@pytest.mark.parametrize(("model", "record_id", "field", "error"), [
    ("res.partner", 5, "name", ValidationError),
    ("res.partner", 5, "nope", ValidationError),
    ("res.partner", 99, "image_1920", NotFound),
    ("no.model", 1, "image_1920", NotFound),
])
def test_read_binary_errors(admin, model, record_id, field, error):
    with pytest.raises(error):
        admin.read_binary(model, record_id, field)


def test_read_binary_of_a_hidden_record_is_not_found(demo, admin):
    admin.write("res.partner", [13], {"image_1920": PIXEL_PNG})
    with pytest.raises(NotFound):
        demo.read_binary("res.partner", 13, "image_1920")


@pytest.mark.parametrize(("content", "expected"), [
    (b"\x89PNG\r\n\x1a\n....", ("image/png", ".png")),
    (b"\xff\xd8\xff\xe0JFIF", ("image/jpeg", ".jpg")),
    (b"GIF87a..", ("image/gif", ".gif")),
    (b"GIF89a..", ("image/gif", ".gif")),
    (b"%PDF-1.4", ("application/pdf", ".pdf")),
    (b"hello", ("application/octet-stream", ".bin")),
    (b"", ("application/octet-stream", ".bin")),
])
def test_sniff(content, expected):
    assert expected == sniff(content)


# --- transactions ------------------------------------------------------------------------------

def test_transaction_restores_everything_on_exception(admin, database):
    before = database.snapshot()
    with pytest.raises(RuntimeError):
        with database.transaction():
            admin.create("res.partner", [{"name": "Ghost"}])
            admin.write("res.partner", [1], {"name": "Renamed"})
            admin.unlink("res.partner", [15])
            raise RuntimeError("request failed")
    assert before == database.snapshot()


def test_transaction_keeps_changes_on_success(admin, database):
    with database.transaction():
        [new_id] = admin.create("res.partner", [{"name": "Kept"}])
    assert "Kept" == database.row("res.partner", new_id)["name"]


def test_ids_of_a_rolled_back_transaction_are_not_reused(admin, database):
    with pytest.raises(RuntimeError):
        with database.transaction():
            [lost] = admin.create("res.partner", [{"name": "Lost"}])
            raise RuntimeError
    [kept] = admin.create("res.partner", [{"name": "Kept"}])
    assert kept == lost + 1


# --- catalog -----------------------------------------------------------------------------------

def test_catalog_models_and_languages():
    catalog = build_catalog(ADMIN_ID)
    assert ["ir.attachment", "ir.config_parameter", "product.category", "product.product", "product.template",
            "res.company", "res.partner", "res.partner.category", "res.users"] == catalog.model_names()
    assert frozenset({"en_US", "fr_FR"}) == catalog.languages()
    assert catalog.model("res.partner") is catalog.model("res.partner")
    with pytest.raises(NotFound):
        catalog.model("no.such.model")


def test_catalog_metadata_is_honest():
    partner = build_catalog(ADMIN_ID).model("res.partner")
    display = partner.field("display_name")
    assert (True, False, False) == (display.readonly, display.stored, display.sortable)
    assert ("many2one", "res.partner") == (partner.field("parent_id").type, partner.field("parent_id").relation)
    assert ("contact", "Contact") == partner.field("type").selection[0]
    assert partner.field("id").readonly and partner.field("create_date").readonly
    product = build_catalog(ADMIN_ID).model("product.template")
    assert product.field("name").required and not product.field("description").required
    assert not build_catalog(ADMIN_ID).model("ir.config_parameter").access.read


def test_catalog_is_per_user():
    assert build_catalog(ADMIN_ID).model("res.partner").field("x_internal_note").readable
    assert not build_catalog(DEMO_ID).model("res.partner").field("x_internal_note").readable
    assert not build_catalog(DEMO_ID, seed_database()).model("res.partner").field("x_internal_note").readable
