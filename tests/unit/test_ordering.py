"""Order parsing: the three input forms, term grammar, field checks, rendering."""
import attrs
import pytest

from rest_api.domain.errors import AccessError, ValidationError
from rest_api.domain.model_info import FieldInfo, ModelInfo
from rest_api.domain.ordering import OrderTerm, Ordering, parse_order

SENSITIVE = frozenset({"password"})
PARTNER = ModelInfo("res.partner", "Contact", {f.name: f for f in (
    FieldInfo("id", "integer"),
    FieldInfo("name", "char"),
    FieldInfo("email", "char"),
    FieldInfo("company_id", "many2one", relation="res.company"),
    FieldInfo("category_ids", "many2many", relation="res.partner.category", sortable=False),
    FieldInfo("password", "char"),
    FieldInfo("image_1920", "binary", sortable=False),
    FieldInfo("secret_note", "text", readable=False),
)})


def parse(raw):
    return parse_order(raw, PARTNER, SENSITIVE)


def failure(raw, error=ValidationError):
    with pytest.raises(error) as caught:
        parse(raw)
    assert type(caught.value) is error
    return caught.value


@pytest.mark.parametrize("raw, expected", [
    ("name", (OrderTerm("name"),)),
    ("name desc, id", (OrderTerm("name", True), OrderTerm("id"))),
    ("  name   DESC ,id   Asc  ", (OrderTerm("name", True), OrderTerm("id"))),
    ("name asc nulls first", (OrderTerm("name", False, "first"),)),
    ("name DESC NULLS LAST, id", (OrderTerm("name", True, "last"), OrderTerm("id"))),
    ("email nulls last", (OrderTerm("email", False, "last"),)),
    ("name\tdesc\n,\tid", (OrderTerm("name", True), OrderTerm("id"))),
    (["name desc", "id"], (OrderTerm("name", True), OrderTerm("id"))),
    ((" company_id  desc nulls first ",), (OrderTerm("company_id", True, "first"),)),
    ('["name desc", "id"]', (OrderTerm("name", True), OrderTerm("id"))),
    ('  ["email NULLS first"]', (OrderTerm("email", False, "first"),)),
])
def test_valid_orders_parse(raw, expected):
    assert Ordering(expected) == parse(raw)


@pytest.mark.parametrize("raw", [None, "", "   ", [], (), "[]", " [ ] "])
def test_no_order_means_the_default(raw):
    assert None is parse(raw)


@pytest.mark.parametrize("raw, rendered", [
    ("name", "name asc"),
    ("name desc, id", "name desc, id asc"),
    ("name DESC nulls LAST, email nulls first", "name desc nulls last, email asc nulls first"),
    (["id desc"], "id desc"),
])
def test_render_gives_the_odoo_order_string(raw, rendered):
    assert rendered == parse(raw).render()


@pytest.mark.parametrize("raw, index, term, reason", [
    ("name;drop table res_partner", 0, "name;drop table res_partner", "'name;drop' is not a field name"),
    ("(select 1)", 0, "(select 1)", "'(select' is not a field name"),
    ("id, (select 1)", 1, "(select 1)", "is not a field name"),
    ('"name"', 0, '"name"', "is not a field name"),
    ("name--", 0, "name--", "is not a field name"),
    ("1name", 0, "1name", "is not a field name"),
    ("company_id.name", 0, "company_id.name", "related field's path is not supported"),
    ("naïve", 0, "naïve", "is not a field name"),
    ("name\x00", 0, "name\x00", "is not a field name"),
    ("name sideways", 0, "name sideways", "expected 'field [asc|desc]"),
    ("name desc asc", 0, "name desc asc", "expected 'field [asc|desc]"),
    ("name nulls", 0, "name nulls", "expected 'field [asc|desc]"),
    ("name nulls middle", 0, "name nulls middle", "expected 'field [asc|desc]"),
    ("name nulls first desc", 0, "name nulls first desc", "expected 'field [asc|desc]"),
    ("name desc nulls first last", 0, "name desc nulls first last", "expected 'field [asc|desc]"),
    ("name,", 1, "", "empty order term"),
    ("name,,id", 1, "", "empty order term"),
    (",name", 0, "", "empty order term"),
    (["id", " "], 1, "", "empty order term"),
    (["id", "name; drop"], 1, "name; drop", "is not a field name"),
])
def test_bad_terms_are_refused_with_their_index(raw, index, term, reason):
    error = failure(raw)
    assert {"index": index, "term": term} == error.details
    assert f"at index {index}: " in error.message
    assert reason in error.message


@pytest.mark.parametrize("raw, details, reason", [
    (["name", 5], {"index": 1, "term": 5}, "must be a string"),
    ([None], {"index": 0, "term": None}, "must be a string"),
    ([["name"]], {"index": 0, "term": ["name"]}, "must be a string"),
    (["name desc, id"], {"index": 0, "term": "name desc, id"}, "one term per list item"),
    ('["name", 1]', {"index": 1, "term": 1}, "must be a string"),
    ('{"name": 1}', {"index": 0, "term": '{"name": 1}'}, "is not a field name"),
    ('[{"a": 1}]', {"index": 0, "term": {"a": 1}}, "must be a string"),
    ('"name"', {"index": 0, "term": '"name"'}, "is not a field name"),
    ("[" * 100_000 + "]" * 100_000, {"order": "[" * 100_000 + "]" * 100_000}, "not valid JSON"),
    (5, {"order": 5}, "string or a list"),
    ({"name": "desc"}, {"order": {"name": "desc"}}, "string or a list"),
    ("[name desc]", {"order": "[name desc]"}, "not valid JSON"),
    ('["name"', {"order": '["name"'}, "not valid JSON"),
    ("[" * 100_000, {"order": "[" * 100_000}, "not valid JSON"),
])
def test_bad_shapes_are_refused(raw, details, reason):
    error = failure(raw)
    assert details == error.details
    assert reason in error.message


def test_unknown_fields_are_reported_together():
    error = failure("nope desc, name, unknown_field")
    assert {"model": "res.partner", "fields": ["nope", "unknown_field"]} == error.details
    assert "nope, unknown_field" in error.message and "res.partner" in error.message


@pytest.mark.parametrize("raw, fields", [
    ("password", ["password"]),
    ("name, secret_note desc, password", ["secret_note", "password"]),
])
def test_sensitive_or_unreadable_fields_are_access_errors(raw, fields):
    error = failure(raw, AccessError)
    assert {"model": "res.partner", "fields": fields} == error.details


def test_unknown_fields_are_reported_before_hidden_ones():
    error = failure("password, nope")
    assert ["nope"] == error.details["fields"]


@pytest.mark.parametrize("raw, fields", [
    ("image_1920", ["image_1920"]),
    ("name, category_ids desc, image_1920", ["category_ids", "image_1920"]),
])
def test_unsortable_fields_are_refused(raw, fields):
    error = failure(raw)
    assert {"model": "res.partner", "fields": fields} == error.details
    assert "cannot be sorted" in error.message


@pytest.mark.parametrize("raw, fields", [
    ("name, name desc", ["name"]),
    (["id", "name", "id", "email", "name nulls first"], ["id", "name"]),
])
def test_repeated_fields_are_refused(raw, fields):
    error = failure(raw)
    assert {"model": "res.partner", "fields": fields} == error.details
    assert "more than once" in error.message


def test_order_terms_are_frozen_values_with_checked_nulls():
    term = OrderTerm("name", True, "last")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        term.field = "id"
    with pytest.raises(ValueError):
        OrderTerm("name", False, "middle")
    assert OrderTerm("name", True, "last") == term
