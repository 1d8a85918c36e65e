"""The context allow-list, id parameters, bearer headers and the envelope."""
from datetime import datetime, timedelta, timezone

import pytest

from rest_api.domain.context import validate_context
from rest_api.controllers.credentials import bearer_token
from rest_api.controllers.envelope import error_envelope, success_envelope, timestamp
from rest_api.controllers.statuses import http_status
from rest_api.domain.errors import AccessError, ApiError, AuthenticationError, NotFound, ValidationError
from rest_api.domain.ids import parse_id_list, path_id

KEYS = frozenset({"lang", "tz", "active_test", "allowed_company_ids"})


def check(raw):
    return validate_context(raw, KEYS, {"en_US", "fr_FR"}, [1, 2])


@pytest.mark.parametrize("raw, expected", [
    (None, {}), ({}, {}), ({"lang": "fr_FR", "tz": "Europe/Brussels"}, {"lang": "fr_FR", "tz": "Europe/Brussels"}),
    ({"active_test": False}, {"active_test": False}), ({"allowed_company_ids": [2]}, {"allowed_company_ids": [2]}),
])
def test_valid_contexts(raw, expected):
    assert check(raw) == expected


@pytest.mark.parametrize("raw", [
    [], "x", {"default_groups_id": [1]}, {"lang": "xx_XX"}, {"tz": 5}, {"tz": ""}, {"active_test": "no"},
    {"allowed_company_ids": []}, {"allowed_company_ids": "1"}, {"allowed_company_ids": [True]},
])
def test_invalid_contexts_are_validation_errors(raw):
    with pytest.raises(ValidationError):
        check(raw)


def test_foreign_companies_are_an_access_error():
    with pytest.raises(AccessError) as info:
        check({"allowed_company_ids": [1, 3]})
    assert info.value.details == {"companies": [3]}


@pytest.mark.parametrize("text, expected", [
    ("1", 1), ("2147483647", 2147483647), ("0", None), ("-1", None), ("abc", None), ("2147483648", None),
    ("99999999999999999999", None), ("", None), ("1.0", None),
])
def test_path_ids(text, expected):
    assert path_id(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("[1,2,3]", [1, 2, 3]), ("1,2,3", [1, 2, 3]), (" [3, 1, 3] ", [3, 1]), ("7", [7]),
])
def test_id_lists(text, expected):
    assert parse_id_list(text, 100) == expected


@pytest.mark.parametrize("text", ["", "[]", "1,2,x", "[1,,2]", "0", "-5", "[1.5]"])
def test_bad_id_lists(text):
    with pytest.raises(ValidationError):
        parse_id_list(text, 100)


def test_too_many_ids():
    with pytest.raises(ValidationError):
        parse_id_list(",".join(["1"] * 11), 10)


@pytest.mark.parametrize("header", ["Bearer abc", "bearer abc", "BEARER abc=", "Bearer  a.b-c~d+e/f"])
def test_bearer_headers(header):
    assert bearer_token(header) == header.split()[-1]


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", "Basic abc", "Bearer a b", "Token abc"])
def test_bad_bearer_headers(header):
    with pytest.raises(AuthenticationError):
        bearer_token(header)


def test_timestamp_is_utc_milliseconds_z():
    brussels = timezone(timedelta(hours=1))
    assert timestamp(datetime(2024, 1, 1, 13, 0, 0, 999999, tzinfo=brussels)) == "2024-01-01T12:00:00.999Z"
    assert timestamp(datetime(2024, 1, 1, 12, 0, 0)) == "2024-01-01T12:00:00.000Z"


def test_envelopes():
    now = datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert success_envelope("ok", {"a": 1}, now) == {"success": True, "message": "ok", "data": {"a": 1},
                                                     "timestamp": "2024-01-01T00:00:00.000Z"}
    assert error_envelope(NotFound("gone"), now) == {
        "success": False, "error": {"code": 404, "message": "gone", "type": "NotFound", "details": None},
        "timestamp": "2024-01-01T00:00:00.000Z"}
    # details is always there (clients index it), null when there is nothing to add
    assert error_envelope(NotFound("gone", {}), now)["error"]["details"] is None
    assert error_envelope(NotFound("gone", {"id": 7}), now)["error"]["details"] == {"id": 7}


def test_unknown_api_error_subclass_is_500_and_subclasses_inherit_status():
    class Strange(ApiError):
        pass

    class StrictValidation(ValidationError):
        pass

    assert http_status(Strange("x")) == 500
    assert http_status(StrictValidation("x")) == 400
    assert repr(NotFound("x", {"a": 1})) == "NotFound('x', details={'a': 1})"
