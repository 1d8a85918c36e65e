"""The rules of a restricted key, as values (issue 23)."""
import pytest

from rest_api.domain.errors import AccessError, ValidationError
from rest_api.domain.key_restrictions import KeyRestrictions, ModelGrant, parse_methods, parse_networks
from rest_api.domain.model_info import FieldInfo, ModelAccess, ModelInfo

PARTNER = ModelInfo("res.partner", "Contact", {name: FieldInfo(name, "char") for name in ("id", "name", "email")},
                    ModelAccess(read=True, create=True, write=False, unlink=True))


def test_networks_in_cidr_form_v4_and_v6_and_a_bad_one_named():
    assert [str(n) for n in parse_networks(" 10.0.0.0/8, 2001:db8::/32,")] == ["10.0.0.0/8", "2001:db8::/32"]
    with pytest.raises(ValidationError) as raised:
        parse_networks("10.0.0.0/8, not-a-net, 300.1.1.1/32")
    assert raised.value.details == {"networks": ["not-a-net", "300.1.1.1/32"]}


def test_method_names_are_public_identifiers():
    assert parse_methods("action_confirm, name_search") == {"action_confirm", "name_search"}
    with pytest.raises(ValidationError):
        parse_methods("_private, ok")


def test_the_address_must_be_in_one_of_the_networks():
    rules = KeyRestrictions.of([], parse_networks("192.0.2.0/24, ::1/128"))
    rules.check_address("192.0.2.7")
    rules.check_address("::1")
    for address in ("198.51.100.1", None, "garbage"):
        with pytest.raises(AccessError) as raised:
            rules.check_address(address)
        assert raised.value.details == {"restriction": "network"}


def test_no_rule_changes_nothing():
    assert KeyRestrictions().narrow(PARTNER, "unlink") is PARTNER
    assert not KeyRestrictions().restricted


def test_rules_narrow_rights_and_hide_fields_and_add_up():
    rules = KeyRestrictions.of([ModelGrant("res.partner", read=True, fields={"name"}),
                                ModelGrant("res.partner", write=True, methods={"name_search"}, fields={"email"})])
    seen = rules.narrow(PARTNER, "read")
    assert seen.access == ModelAccess(read=True, create=False, write=False, unlink=False)  # write: the user may not
    assert {n for n, f in seen.fields.items() if f.readable} == {"id", "name", "email"}
    one_rule = KeyRestrictions.of([ModelGrant("res.partner", read=True, fields={"name"})]).narrow(PARTNER, "read")
    assert one_rule.restricted_fields == {"email"}
    assert one_rule.refused_fields(["email"]) == {"model": "res.partner", "fields": ["email"], "restriction": "field"}


def test_refusals_name_the_restriction_and_nothing_of_the_data():
    rules = KeyRestrictions.of([ModelGrant("res.partner", read=True, methods={"name_search"})])
    cases = [(lambda: rules.narrow(ModelInfo("res.users", "User", {}), "read"),
              {"restriction": "model", "model": "res.users"}),
             (lambda: rules.narrow(PARTNER, "create"),
              {"restriction": "operation", "model": "res.partner", "operation": "create"}),
             (lambda: rules.narrow(PARTNER, "read", method="unlink"),
              {"restriction": "method", "model": "res.partner", "method": "unlink"})]
    for refuse, details in cases:
        with pytest.raises(AccessError) as raised:
            refuse()
        assert raised.value.details == details
    assert rules.narrow(PARTNER, "read", method="name_search").name == "res.partner"
    assert rules.allows_model("res.partner") and not rules.allows_model("res.users")
