"""The settings form's parameters (domain/parameters.py) and the signature in wrong-argument errors."""
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rest_api.adapters.arguments import public_signature
from rest_api.adapters.odoo import settings as odoo_settings
from rest_api.domain.parameters import (
    LARGEST,
    PARAMETERS,
    normalized,
    parameter_problem,
    split_names,
)
from rest_api.domain.settings import ApiSettings

ROOT = Path(__file__).resolve().parents[2]
BY_KEY = {parameter.key: parameter for parameter in PARAMETERS}


def test_the_form_edits_exactly_the_parameters_the_api_reads():
    read = {**odoo_settings.INTEGER_PARAMETERS, **odoo_settings.LIMIT_PARAMETERS,
            **odoo_settings.LIST_PARAMETERS, **odoo_settings.FLAG_PARAMETERS,
            "exposed_models": odoo_settings.ALLOW_LIST_PARAMETER}
    assert {(attribute, key) for attribute, key in read.items()} == {
        (parameter.attribute, parameter.key) for parameter in PARAMETERS}


def test_the_settings_view_shows_each_parameters_label_and_help():
    arch = ElementTree.parse(ROOT / "views" / "res_config_settings_views.xml")
    shown = {setting.get("id"): (setting.get("string"), setting.get("help"))
             for setting in arch.iter("setting") if setting.get("id") != "rest_api_keys"}
    shown.pop("rest_api_docs")
    assert {"rest_api_" + p.key.removeprefix("rest_api."): (p.label, p.help) for p in PARAMETERS} == shown


@pytest.mark.parametrize("key, value", [
    ("rest_api.max_page_size", 1), ("rest_api.max_page_size", LARGEST), ("rest_api.requests_per_minute", 0),
    ("rest_api.exposed_models", ""), ("rest_api.exposed_models", " res.partner , product.template "),
    ("rest_api.sensitive_fields", "x_secret,_private"), ("rest_api.context_keys", "default_type"),
    ("rest_api.cors_origins", "https://app.example.com, http://localhost:5173"),
])
def test_valid_values(key, value):
    assert parameter_problem(BY_KEY[key], value) is None


@pytest.mark.parametrize("key, value, excerpt", [
    ("rest_api.max_page_size", 0, "from 1 to"), ("rest_api.max_body_bytes", LARGEST + 1, "from 1 to"),
    ("rest_api.requests_per_minute", -1, "from 0 to"), ("rest_api.max_ids", True, "whole number"),
    ("rest_api.max_ids", None, "whole number"),
    ("rest_api.hidden_models", "res.partner, Res Partner", "Res Partner — expected comma-separated model"),
    ("rest_api.sensitive_fields", "ok, not-ok", "not-ok — expected comma-separated field names"),
    ("rest_api.context_keys", "1st", "1st — expected comma-separated context keys"),
    ("rest_api.cors_origins", "https://x.example.com/", "https://x.example.com/ — expected"),
    ("rest_api.cors_origins", "*", "* — expected"),
])
def test_invalid_values_say_why(key, value, excerpt):
    problem = parameter_problem(BY_KEY[key], value)
    assert excerpt in problem and problem.startswith(BY_KEY[key].label + ": ")


def test_defaults_are_those_of_api_settings():
    defaults = ApiSettings()
    assert (defaults.max_limit, 30, 0, "", "") == (
        BY_KEY["rest_api.max_page_size"].default(), BY_KEY["rest_api.auth_failures_per_minute"].default(),
        BY_KEY["rest_api.requests_per_minute"].default(), BY_KEY["rest_api.exposed_models"].default(),
        BY_KEY["rest_api.cors_origins"].default())


def test_a_flag_is_a_checkbox():
    flag = BY_KEY["rest_api.require_if_match"]
    assert (False, None, "1", "0") == (flag.default(), parameter_problem(flag, True),
                                       normalized(flag, True), normalized(flag, ""))


def test_normalized_text():
    assert ("50", "a.b,c", "") == (normalized(BY_KEY["rest_api.max_ids"], 50),
                                   normalized(BY_KEY["rest_api.hidden_models"], " a.b, c ,a.b,"),
                                   normalized(BY_KEY["rest_api.hidden_models"], None))
    assert ["a", "b"] == split_names("a,,b, a")


def test_every_help_text_is_a_sentence():
    assert all(re.match(r"\A[A-Z].*\.\Z", parameter.help) for parameter in PARAMETERS)


def test_public_signature_leaves_out_what_the_store_passes():
    def name_search(store, ids, name="", args=None, limit: int = 100) -> list:
        return []
    assert "(name='', args=None, limit: int = 100)" == public_signature(name_search, 2)


def test_wrong_arguments_name_the_signature(api):
    reply = api.post("/api/v1/object/res.partner/name_search", json={"args": [1, 2, 3, 4, 5]})
    expected = "name_search(name='', args=None, operator='ilike', limit=100)"
    assert (400, expected) == (reply.status, reply.error["details"]["signature"])
    assert reply.error["message"].endswith(f"; expected {expected}")
