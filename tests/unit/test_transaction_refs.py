"""Back-references between the operations of a transaction (spec §18), and the operations' shape."""
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rest_api.domain.errors import Conflict, MethodNotAllowed, NotFound, ValidationError
from rest_api.domain.transaction import (
    param_text,
    parse_operations,
    resolve,
    resolve_path,
    resolve_text,
    with_operation,
)

RESULTS = [{"id": 7, "name": "Azure", "records": [{"id": 11}, {"id": 12}], "none": None,
            "flag": True, "price": 2.5, "tags": [3, 4]}]


@pytest.mark.parametrize("value, expected", [
    ("$0.id", 7),
    ("$0.records.1.id", 12),
    ("$0.tags", [3, 4]),
    ("$0.none", None),
    ("$0.flag", True),
    ({"parent_id": "$0.id", "ids": ["$0.records.0.id", 5]}, {"parent_id": 7, "ids": [11, 5]}),
    ("Contact of $0.name", "Contact of Azure"),
    ("$0.id-$0.records.0.id", "7-11"),
    ("costs $$5.00", "costs $5.00"),
    ("$$0.id", "$0.id"),
    ("no reference $ here", "no reference $ here"),
    ("$0", "$0"),
    (12, 12),
    (None, None),
])
def test_references_resolve(value, expected):
    assert resolve(value, RESULTS, 1) == expected


def test_a_whole_reference_keeps_its_type_and_text_references_become_text():
    assert resolve("$0.price", RESULTS, 1) == 2.5
    assert resolve_text("/res.partner/$0.id", RESULTS, 1) == "/res.partner/7"


@pytest.mark.parametrize("value, problem", [
    ("$1.id", "has not run yet"),
    ("$5.id", "has not run yet"),
    ("/x/$1.id", "has not run yet"),
    ("$0.missing", "does not exist"),
    ("$0.records.2.id", "does not exist"),
    ("$0.records.x", "does not exist"),
    ("$0.id.deeper", "does not exist"),
    ("name $0.tags", "cannot be placed inside a string"),
    ("name $0.flag", "cannot be placed inside a string"),
    ("name $0.none", "cannot be placed inside a string"),
])
def test_bad_references_are_400_naming_the_operation(value, problem):
    with pytest.raises(ValidationError) as caught:
        resolve({"deep": [value]}, RESULTS, 1)
    assert problem in caught.value.message
    assert caught.value.details["operation"] == 1
    assert caught.value.details["reference"].startswith("$")


def test_an_operation_cannot_refer_to_itself():
    with pytest.raises(ValidationError, match="has not run yet"):
        resolve("$0.id", [], 0)


json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20)


@given(json_values.filter(lambda v: "$" not in repr(v)))
def test_values_without_dollar_signs_are_unchanged(value):
    assert resolve(value, RESULTS, 1) == value


@given(json_values)
def test_a_whole_reference_returns_the_referred_value_exactly(value):
    assert resolve("$0.x", [{"x": value}], 1) == value


@given(st.text(alphabet="abc $.01", max_size=30))
def test_doubled_dollars_are_literal_text(text):
    escaped = text.replace("$", "$$")
    assert resolve(escaped, RESULTS, 1) == text


@pytest.mark.parametrize("raw, problem", [
    (None, "non-empty JSON array"),
    ([], "non-empty JSON array"),
    (["x"], "Operation 0: must be a JSON object"),
    ([{"method": "GET", "path": "/x", "trailers": {}}], "unknown key(s) trailers"),
    ([{"method": "GET", "path": "/x", "headers": {"Authorization": "Bearer x"}}], "only If-Match and If-None-Match"),
    ([{"method": "GET", "path": "/x", "headers": {"If-Match": 5}}], "'headers' must be a JSON object of strings"),
    ([{"method": "GET", "path": "/x", "headers": []}], "'headers' must be a JSON object of strings"),
    ([{"method": "TRACE", "path": "/x"}], "'method' must be one of"),
    ([{"method": "GET"}], "'path' must be a path"),
    ([{"method": "GET", "path": "res.partner"}], "'path' must be a path"),
    ([{"method": "GET", "path": "/res.partner?limit=1"}], "query parameters go in 'params'"),
    ([{"method": "GET", "path": "/x"}, {"method": "GET", "path": "/x", "params": []}],
     "Operation 1: 'params' must be a JSON object"),
])
def test_malformed_operations_are_400(raw, problem):
    with pytest.raises(ValidationError) as caught:
        parse_operations(raw, 100)
    assert problem in caught.value.message


def test_operations_are_counted_against_the_limit():
    ops = [{"method": "get", "path": "/res.partner"}] * 3
    assert [op.method for op in parse_operations(ops, 3)] == ["GET"] * 3
    with pytest.raises(ValidationError) as caught:
        parse_operations(ops, 2)
    assert caught.value.details == {"count": 3, "limit": 2}


def test_body_presence_is_kept_apart_from_a_null_body():
    [absent, null] = parse_operations([{"method": "POST", "path": "/a"},
                                       {"method": "POST", "path": "/a", "body": None}], 5)
    assert (absent.has_body, null.has_body) == (False, True)


@pytest.mark.parametrize("value, text", [("a b", "a b"), (5, "5"), ([1, 2], "[1,2]"),
                                         ({"a": True}, '{"a":true}'), (None, "null")])
def test_parameters_become_query_text(value, text):
    assert param_text(value) == text


@pytest.mark.parametrize("error, details", [
    (NotFound("Record 9 not found", {"model": "res.partner", "ids": [9]}),
     {"model": "res.partner", "ids": [9], "operation": 2}),
    (Conflict("Duplicate"), {"operation": 2}),
    (ValidationError("Bad", "some text"), {"operation": 2, "reason": "some text"}),
])
def test_a_failed_operation_keeps_its_error_class_and_adds_its_index(error, details):
    failed = with_operation(error, 2)
    assert type(failed) is type(error)
    assert failed.details == details
    assert failed.message == "Operation 2: " + error.message
    assert str(failed) == failed.message
    assert with_operation(failed, 2).message == failed.message


def test_method_not_allowed_keeps_its_allow_list():
    failed = with_operation(MethodNotAllowed("No", ("GET", "POST")), 0)
    assert failed.allowed == ("GET", "POST")


def test_a_path_takes_a_reference_as_one_segment():
    results = [{"id": 7, "name": "a/b", "query": "x?y", "spaced": "a b", "code": "A-1.x"}]
    assert resolve_path("/res.partner/$0.id/image_1920", results, 1) == "/res.partner/7/image_1920"
    assert resolve_path("/x/$0.code/$$", results, 1) == "/x/A-1.x/$"
    for name in ("name", "query", "spaced"):
        with pytest.raises(ValidationError, match="cannot be placed in a path") as caught:
            resolve_path(f"/res.partner/$0.{name}", results, 1)
        assert caught.value.details == {"operation": 1, "reference": f"$0.{name}"}


def test_precondition_headers_are_kept_lower_cased():
    [operation] = parse_operations([{"method": "PUT", "path": "/a/1", "headers": {"If-Match": '"abc"'}}], 5)
    assert operation.headers == {"if-match": '"abc"'}
