"""The ``query`` parameter also takes its top level without braces (curl-friendly)."""
import pytest

from rest_api.domain.errors import QuerySyntaxError
from rest_api.domain.selection import FieldSelection, Inclusion, parse_query, parse_selection


@pytest.mark.parametrize("text, braced", [
    ("id,name", "{id,name}"),
    (" id , company_id{name} ", "{id, company_id{name}}"),
    ("*,-email", "{*,-email}"),
    ("{id}", "{id}"),
    ("  {id}", "{id}"),
])
def test_braceless_top_level_means_the_same_selection(text, braced):
    assert parse_query(text) == parse_selection(braced)


def test_empty_braceless_query_selects_only_the_level_itself():
    assert parse_query("") == FieldSelection()


@pytest.mark.parametrize("text, column", [
    ("id,,name", 4),
    ("id name", 4),
    ("id,", 4),
    ("id}", 4),  # the closing brace we added is the unexpected one: end of the text
])
def test_errors_point_into_the_text_as_sent(text, column):
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(text)
    assert info.value.details["column"] == column
    assert f"column {column}" in info.value.message
    assert info.value.details["excerpt"].splitlines()[0] == text


def test_single_field_braceless():
    assert parse_query("name") == FieldSelection(includes=(Inclusion("name"),))
