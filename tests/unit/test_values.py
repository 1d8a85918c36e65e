"""encode_value, encode_result and decode_value (spec §4)."""
import datetime as dt
import json
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rest_api.domain.errors import ValidationError
from rest_api.domain.model_info import FieldInfo
from rest_api.domain.value_input import decode_value
from rest_api.domain.limits import INT4_MAX, INT4_MIN
from rest_api.domain.values import (
    MAX_RESULT_DEPTH,
    encode_datetime,
    encode_result,
    encode_value,
)

UTC = dt.timezone.utc
PLUS_2 = dt.timezone(dt.timedelta(hours=2))
STATES = (("draft", "Draft"), ("done", "Done"))


class Markup(str):
    """Stands in for markupsafe.Markup, the str subclass Odoo gives for html fields."""


def make(type_, **kw):
    return FieldInfo(name="f", type=type_, **kw)


@pytest.mark.parametrize(
    ("type_", "raw", "expected"),
    [
        ("char", "Ann", "Ann"),
        ("char", False, None),
        ("char", None, None),
        ("char", "", ""),
        ("text", "a\nb", "a\nb"),
        ("selection", "draft", "draft"),
        ("selection", False, None),
        ("boolean", True, True),
        ("boolean", False, False),
        ("boolean", None, False),
        ("integer", 0, 0),
        ("integer", -7, -7),
        ("integer", False, None),
        ("float", 1.5, 1.5),
        ("float", 0.0, 0.0),
        ("float", None, None),
        ("float", math.nan, None),
        ("monetary", math.inf, None),
        ("monetary", 12.25, 12.25),
        ("many2one_reference", 4, 4),
        ("many2one_reference", False, None),
        ("date", dt.date(2024, 2, 29), "2024-02-29"),
        ("date", dt.datetime(2024, 2, 29, 23, 0), "2024-02-29"),
        ("date", "2024-02-29", "2024-02-29"),
        ("date", dt.date(1, 1, 1), "0001-01-01"),
        ("date", False, None),
        ("datetime", dt.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05Z"),
        ("datetime", dt.datetime(2024, 1, 2, 3, 4, 5, 999999), "2024-01-02T03:04:05Z"),
        ("datetime", dt.datetime(2024, 1, 1, 1, 0, tzinfo=PLUS_2), "2023-12-31T23:00:00Z"),
        ("datetime", "2024-01-02 03:04:05", "2024-01-02T03:04:05Z"),
        ("datetime", False, None),
        ("many2one", 7, 7),
        ("many2one", (7, "Azure"), 7),
        ("many2one", [7, "Azure"], 7),
        ("many2one", (), None),
        ("many2one", False, None),
        ("many2one", None, None),
        ("many2one", {"id": 7, "name": "Azure"}, {"id": 7, "name": "Azure"}),
        ("one2many", [1, 2], [1, 2]),
        ("many2many", (3, 1), [3, 1]),
        ("many2many", [], []),
        ("many2many", False, []),
        ("many2many", None, []),
        ("one2many", [{"id": 1}], [{"id": 1}]),
        ("binary", b"aGk=", "aGk="),
        ("binary", "aGk=", "aGk="),
        ("binary", False, None),
        ("binary", None, None),
        ("reference", "res.partner,3", "res.partner,3"),
        ("reference", False, None),
        ("json", {"a": [1, (2, 3)]}, {"a": [1, (2, 3)]}),
        ("json", [{"a": (1, 2)}], [{"a": [1, 2]}]),
        ("json", False, False),
        ("properties", [{"name": "p", "value": dt.date(2024, 1, 1)}], [{"name": "p", "value": "2024-01-01"}]),
        ("weird_type", (1, 2), [1, 2]),
        ("weird_type", False, False),
    ],
)
def test_encode_value(type_, raw, expected):
    assert expected == encode_value(make(type_), raw)


def test_encode_value_html_markup_becomes_plain_str():
    encoded = encode_value(make("html"), Markup("<p>x</p>"))
    assert ("<p>x</p>", str) == (encoded, type(encoded))


def test_encode_datetime_of_aware_value_converts_to_utc():
    assert "2024-06-30T22:30:00Z" == encode_datetime(
        dt.datetime(2024, 7, 1, 5, 0, tzinfo=dt.timezone(dt.timedelta(hours=6, minutes=30)))
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (True, True),
        (False, False),
        (0, 0),
        (2**70, 2**70),
        (1.25, 1.25),
        (math.nan, None),
        (-math.inf, None),
        ("x", "x"),
        (dt.date(2024, 2, 29), "2024-02-29"),
        (dt.datetime(2024, 2, 29, 12, 0, 1), "2024-02-29T12:00:01Z"),
        (dt.datetime(2024, 3, 1, 0, 30, tzinfo=PLUS_2), "2024-02-29T22:30:00Z"),
        (b"hi", "aGk="),
        (bytearray(b"hi"), "aGk="),
        ((1, (2, 3)), [1, [2, 3]]),
        ([dt.date(2024, 1, 1), b"hi"], ["2024-01-01", "aGk="]),
        ({3, 1, 2}, [1, 2, 3]),
        (frozenset({"b", "a"}), ["a", "b"]),
        ({"a": {"b": (1,)}}, {"a": {"b": [1]}}),
        ({2: "x", None: "n", True: "t", 1.5: "f"}, {"2": "x", "null": "n", "true": "t", "1.5": "f"}),
        (Decimal("1.10"), "1.10"),
        (object, str(object)),
    ],
)
def test_encode_result(value, expected):
    assert expected == encode_result(value)


def test_encode_result_of_a_mixed_set_keeps_every_item():
    assert [1, "a"] == sorted(encode_result({1, "a"}), key=str)


def test_encode_result_output_is_json_safe():
    value = {"when": dt.datetime(2024, 1, 1), "ids": {2, 1}, "raw": b"\x00", "nan": math.nan, 5: (1,)}
    assert {"when": "2024-01-01T00:00:00Z", "ids": [1, 2], "raw": "AA==", "nan": None, "5": [1]} == json.loads(
        json.dumps(encode_result(value), allow_nan=False)
    )


@pytest.mark.parametrize("depth", [MAX_RESULT_DEPTH])
def test_encode_result_accepts_the_maximum_depth(depth):
    value = 1
    for _ in range(depth):
        value = [value]
    assert value == encode_result(value)


def test_encode_result_refuses_cyclic_or_too_deep_values():
    cyclic = []
    cyclic.append(cyclic)
    too_deep = 1
    for _ in range(MAX_RESULT_DEPTH + 1):
        too_deep = [too_deep]
    for value in (cyclic, too_deep):
        with pytest.raises(ValidationError) as caught:
            encode_result(value)
        assert {"max_depth": MAX_RESULT_DEPTH} == caught.value.details


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (make("char"), "Ann", "Ann"),
        (make("char"), "", ""),
        (make("char"), None, False),
        (make("text"), "é\n✓", "é\n✓"),
        (make("html"), "<p>x</p>", "<p>x</p>"),
        (make("selection", selection=STATES), "done", "done"),
        (make("selection", selection=STATES), None, False),
        (make("selection"), "anything", "anything"),
        (make("boolean"), True, True),
        (make("boolean"), False, False),
        (make("boolean"), None, False),
        (make("integer"), 0, 0),
        (make("integer"), INT4_MAX, INT4_MAX),
        (make("integer"), INT4_MIN, INT4_MIN),
        (make("integer"), None, False),
        (make("many2one_reference"), 12, 12),
        (make("float"), 1.5, 1.5),
        (make("float"), 3, 3),
        (make("float"), -1e307, -1e307),
        (make("float"), 10**40, 10**40),
        (make("monetary"), 0.1, 0.1),
        (make("float"), None, False),
        (make("many2one"), 1, 1),
        (make("many2one"), INT4_MAX, INT4_MAX),
        (make("many2one"), None, False),
        (make("date"), "2024-02-29", "2024-02-29"),
        (make("date"), "2000-02-29", "2000-02-29"),
        (make("date"), "0001-01-01", "0001-01-01"),
        (make("date"), "9999-12-31", "9999-12-31"),
        (make("date"), None, False),
        (make("datetime"), "2024-01-02T03:04:05Z", "2024-01-02 03:04:05"),
        (make("datetime"), "2024-01-02T03:04:05", "2024-01-02 03:04:05"),
        (make("datetime"), "2024-01-02 03:04:05", "2024-01-02 03:04:05"),
        (make("datetime"), "2024-01-02T03:04:05.987654Z", "2024-01-02 03:04:05"),
        (make("datetime"), "2024-01-02T03:04:05.5", "2024-01-02 03:04:05"),
        (make("datetime"), "2024-01-02T03:04:05+02:00", "2024-01-02 01:04:05"),
        (make("datetime"), "2024-01-02T03:04:05-05:30", "2024-01-02 08:34:05"),
        (make("datetime"), "2024-03-01T01:00:00+02:00", "2024-02-29 23:00:00"),
        (make("datetime"), "2023-12-31T23:30:00-01:00", "2024-01-01 00:30:00"),
        (make("datetime"), "2024-01-02T03:04:05+23:59", "2024-01-01 03:05:05"),
        (make("datetime"), "2024-01-02T03:04:05.123+00:00", "2024-01-02 03:04:05"),
        (make("datetime"), "0001-01-01T00:00:00Z", "0001-01-01 00:00:00"),
        (make("datetime"), None, False),
        (make("binary"), "aGk=", "aGk="),
        (make("binary"), "", ""),
        (make("binary"), None, False),
        (make("reference"), "res.partner,3", "res.partner,3"),
        (make("reference"), None, False),
        (make("json"), {"a": [1, None]}, {"a": [1, None]}),
        (make("properties"), [{"name": "p"}], [{"name": "p"}]),
        (make("json"), None, False),
        (make("weird_type"), [1], [1]),
    ],
)
def test_decode_value_valid(field, value, expected):
    assert expected == decode_value(field, value)


TEXT = "a string without NUL characters"
INT = f"an integer from {INT4_MIN} to {INT4_MAX}"
NUMBER = "a finite number"
ID = f"a record id (an integer from 1 to {INT4_MAX}) or null"
DATE = 'a date "YYYY-MM-DD"'
DATETIME = 'a datetime "YYYY-MM-DDTHH:MM:SSZ" (or with a "+hh:mm" offset; no offset means UTC)'
BINARY = "a base64 string or null"
REFERENCE = 'a reference "model.name,id" or null'


@pytest.mark.parametrize(
    ("type_", "value", "expected", "got"),
    [
        ("char", 5, TEXT, "5"),
        ("char", True, TEXT, "true"),
        ("char", "a\x00b", TEXT, '"a\\u0000b"'),
        ("text", ["a"], TEXT, "an array"),
        ("html", {"a": 1}, TEXT, "an object"),
        ("selection", 1, 'one of "draft", "done"', "1"),
        ("selection", "DRAFT", 'one of "draft", "done"', '"DRAFT"'),
        ("selection", "", 'one of "draft", "done"', '""'),
        ("boolean", 0, "true or false", "0"),
        ("boolean", 1, "true or false", "1"),
        ("boolean", "true", "true or false", '"true"'),
        ("integer", True, INT, "true"),
        ("integer", 1.0, INT, "1.0"),
        ("integer", 1.5, INT, "1.5"),
        ("integer", "7", INT, '"7"'),
        ("integer", INT4_MAX + 1, INT, str(INT4_MAX + 1)),
        ("integer", INT4_MIN - 1, INT, str(INT4_MIN - 1)),
        ("many2one_reference", 2**40, INT, str(2**40)),
        ("float", True, NUMBER, "true"),
        ("float", "1.5", NUMBER, '"1.5"'),
        ("float", math.nan, NUMBER, "NaN"),
        ("float", math.inf, NUMBER, "Infinity"),
        ("monetary", -math.inf, NUMBER, "-Infinity"),
        ("float", 1e308, NUMBER, "1e+308"),
        ("float", 10**400, NUMBER, "a huge integer"),
        ("integer", 10**1000, INT, "a huge integer"),
        ("many2one", 0, ID, "0"),
        ("many2one", -3, ID, "-3"),
        ("many2one", True, ID, "true"),
        ("many2one", 2.0, ID, "2.0"),
        ("many2one", "3", ID, '"3"'),
        ("many2one", INT4_MAX + 1, ID, str(INT4_MAX + 1)),
        ("many2one", [3, "Name"], ID, "an array"),
        ("many2one", {"id": 3}, ID, "an object"),
        ("date", "2024-13-45", DATE, '"2024-13-45"'),
        ("date", "2023-02-29", DATE, '"2023-02-29"'),
        ("date", "1900-02-29", DATE, '"1900-02-29"'),
        ("date", "0000-01-01", DATE, '"0000-01-01"'),
        ("date", "2024-1-5", DATE, '"2024-1-5"'),
        ("date", "20240105", DATE, '"20240105"'),
        ("date", "2024-01-05T00:00:00", DATE, '"2024-01-05T00:00:00"'),
        ("date", " 2024-01-05", DATE, '" 2024-01-05"'),
        ("date", "２０２４-01-05", DATE, '"２０２４-01-05"'),
        ("date", 20240105, DATE, "20240105"),
        ("datetime", "2024-01-02", DATETIME, '"2024-01-02"'),
        ("datetime", "2024-01-02T03:04", DATETIME, '"2024-01-02T03:04"'),
        ("datetime", "2024-01-02T24:00:00Z", DATETIME, '"2024-01-02T24:00:00Z"'),
        ("datetime", "2024-01-02T23:59:60Z", DATETIME, '"2024-01-02T23:59:60Z"'),
        ("datetime", "2023-02-29T00:00:00Z", DATETIME, '"2023-02-29T00:00:00Z"'),
        ("datetime", "2024-01-02T03:04:05z", DATETIME, '"2024-01-02T03:04:05z"'),
        ("datetime", "2024-01-02T03:04:05+0200", DATETIME, '"2024-01-02T03:04:05+0200"'),
        ("datetime", "2024-01-02T03:04:05+24:00", DATETIME, '"2024-01-02T03:04:05+24:00"'),
        ("datetime", "2024-01-02T03:04:05+01:60", DATETIME, '"2024-01-02T03:04:05+01:60"'),
        ("datetime", "2024-01-02T03:04:05.Z", DATETIME, '"2024-01-02T03:04:05.Z"'),
        ("datetime", "0001-01-01T00:00:00+01:00", DATETIME, '"0001-01-01T00:00:00+01:00"'),
        ("datetime", "9999-12-31T23:00:00-02:00", DATETIME, '"9999-12-31T23:00:00-02:00"'),
        ("datetime", 1704164645, DATETIME, "1704164645"),
        ("binary", "not base64!", BINARY, '"not base64!"'),
        ("binary", "aGk", BINARY, '"aGk"'),
        ("binary", "aG\nk=", BINARY, '"aG\\nk="'),
        ("binary", "aGk=✓", BINARY, '"aGk=✓"'),
        ("binary", 5, BINARY, "5"),
        ("reference", "res.partner", REFERENCE, '"res.partner"'),
        ("reference", "res.partner,x", REFERENCE, '"res.partner,x"'),
        ("reference", ["res.partner", 3], REFERENCE, "an array"),
    ],
)
def test_decode_value_invalid(type_, value, expected, got):
    field = FieldInfo(name="birthday", type=type_, selection=STATES if type_ == "selection" else ())
    with pytest.raises(ValidationError) as caught:
        decode_value(field, value)
    assert {"field": "birthday", "expected": expected, "got": got} == caught.value.details
    assert f"Field 'birthday' expects {expected}, got {got}" == caught.value.message


def test_decode_value_error_message_of_the_spec_example():
    with pytest.raises(ValidationError) as caught:
        decode_value(FieldInfo(name="birthday", type="date"), "2024-13-45")
    assert 'Field \'birthday\' expects a date "YYYY-MM-DD", got "2024-13-45"' == caught.value.message


def test_decode_value_shortens_a_huge_value_in_the_error():
    with pytest.raises(ValidationError) as caught:
        decode_value(make("integer"), "9" * 10_000)
    assert '"' + "9" * 59 + "…" == caught.value.details["got"]


def test_decode_value_describes_an_integer_too_long_for_str():
    with pytest.raises(ValidationError) as caught:
        decode_value(make("integer"), 10**5000)
    assert "a huge integer" == caught.value.details["got"]


def test_decode_value_describes_a_non_json_value_without_crashing():
    with pytest.raises(ValidationError) as caught:
        decode_value(make("date"), dt.date(2024, 1, 1))
    assert '"2024-01-01"' == caught.value.details["got"]


@pytest.mark.parametrize("type_", ["one2many", "many2many"])
def test_decode_value_refuses_x2many_fields(type_):
    with pytest.raises(TypeError, match="parse_relation_value"):
        decode_value(make(type_), [1, 2])


@given(moment=st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
       minutes=st.integers(-23 * 60 - 59, 23 * 60 + 59))
def test_datetime_with_any_offset_decodes_to_the_same_utc_instant(moment, minutes):
    zone = dt.timezone(dt.timedelta(minutes=minutes))
    local = moment.replace(microsecond=0, tzinfo=dt.timezone.utc).astimezone(zone)
    text = local.isoformat().replace("+00:00", "Z") if minutes == 0 else local.isoformat()
    assert moment.replace(microsecond=0).isoformat(sep=" ") == decode_value(make("datetime"), text)
    assert encode_datetime(moment) == decode_value(make("datetime"), encode_datetime(moment)).replace(" ", "T") + "Z"
