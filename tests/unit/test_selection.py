"""The ``query`` field selection parser and renderer (spec §5): tables of inputs and answers."""
import pytest

from rest_api.domain.errors import QuerySyntaxError, ValidationError
from rest_api.domain.selection import (
    STAR,
    FieldSelection,
    Inclusion,
    parse_selection,
    render_selection,
)


def level(*includes, star=False, excludes=()):
    """A selection level; an include is a name or a ``(name, nested)`` pair."""
    return FieldSelection(
        star=star or bool(excludes),
        includes=tuple(Inclusion(i) if isinstance(i, str) else Inclusion(*i) for i in includes),
        excludes=frozenset(excludes),
    )


VALID = [
    # the spec's examples
    ("{id, name}", level("id", "name")),
    ("{*}", STAR),
    ("{-password}", level(excludes={"password"})),
    ("{company_id{name}}", level(("company_id", level("name")))),
    ("{*, user_id{-signature}}", level(("user_id", level(excludes={"signature"})), star=True)),
    # empty levels
    ("{}", FieldSelection()),
    ("{a{}}", level(("a", FieldSelection()))),
    # duplicates are merged, first-seen order kept
    ("{a, a}", level("a")),
    ("{b, a, b}", level("b", "a")),
    ("{a, a{x}}", level(("a", level("x")))),
    ("{a{x}, a}", level(("a", level("x")))),
    ("{a{x}, a{y}}", level(("a", level("x", "y")))),
    ("{a{x{p}}, b, a{y, x{q}}}", level(("a", level(("x", level("p", "q")), "y")), "b")),
    ("{a{}, a{x}}", level(("a", level("x")))),
    ("{*, *}", STAR),
    ("{-a, -a}", level(excludes={"a"})),
    ("{-a, *}", level(excludes={"a"})),
    ("{a, -b, c{-d}, -e}", level("a", ("c", level(excludes={"d"})), excludes={"b", "e"})),
    ("{a{-b}, a{c}}", level(("a", level("c", excludes={"b"})))),
    # names and whitespace
    ("{_a1, A_b, Z9}", level("_a1", "A_b", "Z9")),
    (" \t{\n a ,\r\n b {c} } \n", level("a", ("b", level("c")))),
    ("{- a}", level(excludes={"a"})),
    ("{a,b{c{d}},-e}", level("a", ("b", level(("c", level("d")))), excludes={"e"})),
    # depth 6 is the default limit, included
    ("{a{b{c{d{e{f}}}}}}",
     level(("a", level(("b", level(("c", level(("d", level(("e", level("f")))))))))))),
]


@pytest.mark.parametrize("text, expected", VALID)
def test_parse_valid_selections(text, expected):
    assert expected == parse_selection(text)


@pytest.mark.parametrize("text, expected", VALID)
def test_render_of_a_parse_parses_back_to_the_same_tree(text, expected):
    assert expected == parse_selection(render_selection(parse_selection(text)))


INVALID = [
    ("", 1, "Expected '{' but found the end of the query"),
    ("   ", 4, "Expected '{'"),
    ("id", 1, "Expected '{' but found 'id'"),
    ("}", 1, "Expected '{' but found '}'"),
    ("{", 2, "Expected a field name, '*' or '-name' but found the end of the query"),
    ("{a", 3, "Expected ',' or '}' but found the end of the query"),
    ("{a,}", 4, "Expected a field name, '*' or '-name' but found '}'"),
    ("{a,,b}", 4, "Expected a field name"),
    ("{,a}", 2, "Expected a field name"),
    ("{{}}", 2, "Expected a field name"),
    ("{a}x", 4, "Unexpected text after the closing '}'"),
    ("{a} {b}", 5, "Unexpected text after the closing '}'"),
    ("{a}}", 4, "Unexpected text after the closing '}'"),
    ("{-a{b}}", 4, "The excluded field '-a' cannot have a nested selection"),
    ("{-a{}}", 4, "cannot have a nested selection"),
    ("{a, -a}", 5, "Field 'a' is both included and excluded"),
    ("{-a, a}", 6, "Field 'a' is both included and excluded"),
    ("{a{x}, -a}", 8, "Field 'a' is both included and excluded"),
    ("{-a, a{x}}", 6, "Field 'a' is both included and excluded"),
    ("{a b}", 4, "Expected ',' or '}' but found 'b'"),
    ("{1a}", 2, "found '1'"),
    ("{a-b}", 3, "Expected ',' or '}' but found '-'"),
    ("{-}", 3, "Expected a field name after '-' but found '}'"),
    ("{--a}", 3, "Expected a field name after '-'"),
    ("{-*}", 3, "Expected a field name after '-'"),
    ("{-", 3, "Expected a field name after '-' but found the end of the query"),
    ("{a{}", 5, "Expected ',' or '}'"),
    ("{**}", 3, "Expected ',' or '}' but found '*'"),
    ("{a{*}b}", 6, "Expected ',' or '}' but found 'b'"),
    ("{a.b}", 3, "found '.'"),
    ("{\u00e9}", 2, "found '\u00e9'"),
    ("{a\x00}", 3, "found '\\x00'"),
    ("{\u00a0a}", 2, "found '\\xa0'"),  # only ASCII whitespace is skipped
    ("{a}\n\n;", 6, "Unexpected text"),
    pytest.param("{" * 10_000, 2, "Expected a field name", id="10000-open-braces"),
]


@pytest.mark.parametrize("text, column, message", INVALID)
def test_invalid_selections_name_the_column(text, column, message):
    with pytest.raises(QuerySyntaxError) as raised:
        parse_selection(text)
    assert column == raised.value.details["column"]
    assert raised.value.message.startswith(message) or message in raised.value.message
    assert raised.value.message.endswith(f" at column {column}")


@pytest.mark.parametrize("text, excerpt", [
    ("{a,,b}", "{a,,b}\n   ^"),
    ("", "\n^"),
    ("{a\tb}", "{a b}\n   ^"),
    ("{a\n,}", "{a ,}\n    ^"),
    pytest.param(
        "{" + "a, " * 20 + "1" + ", b" * 20 + "}",
        "..., a, a, a, a, a, a, 1, b, b, b, b, b, b,...\n                       ^",
        id="long-window",
    ),
])
def test_syntax_error_excerpt_puts_a_caret_under_the_column(text, excerpt):
    with pytest.raises(QuerySyntaxError) as raised:
        parse_selection(text)
    assert excerpt == raised.value.details["excerpt"]


def test_a_long_unexpected_token_is_shortened_in_the_message():
    with pytest.raises(QuerySyntaxError) as raised:
        parse_selection("x" * 100)
    assert "Expected '{' but found 'xxxxxxxxxxxxxxxxxxxx...' at column 1" == raised.value.message


@pytest.mark.parametrize("text, max_depth, column", [
    ("{a{b{c{d{e{f{g}}}}}}}", 6, 13),
    ("{a{b{c}}}", 2, 5),
    ("{x, a{b}, a{c{d}}}", 2, 14),
    ("{}", 0, 1),
    pytest.param("{a" * 10_000 + "}" * 10_000, 6, 13, id="10000-levels"),
])
def test_nesting_deeper_than_the_limit_is_a_validation_error(text, max_depth, column):
    with pytest.raises(ValidationError) as raised:
        parse_selection(text, max_depth=max_depth)
    assert {"limit": "max_query_depth", "maximum": max_depth, "column": column} == {
        k: v for k, v in raised.value.details.items() if k != "excerpt"
    }
    assert f"more than {max_depth} levels" in raised.value.message


@pytest.mark.parametrize("text, max_depth", [
    ("{a{b}}", 2),
    ("{a{b}, a{c}, d{e}}", 2),
    ("{}", 1),
])
def test_nesting_up_to_the_limit_is_accepted(text, max_depth):
    assert isinstance(parse_selection(text, max_depth=max_depth), FieldSelection)


def test_very_deep_nesting_parses_without_recursion():
    depth = 10_000
    text = "{a" * (depth - 1) + "{b}" + "}" * (depth - 1)
    selection = parse_selection(text, max_depth=depth, max_names=depth)
    seen = 1
    while selection.includes[0].nested is not None:
        selection = selection.includes[0].nested
        seen += 1
    assert (depth, "b") == (seen, selection.includes[0].name)


@pytest.mark.parametrize("text, max_names, column", [
    ("{a, b, c, d}", 3, 11),
    ("{a, a, a, a}", 3, 11),
    ("{-a, -b, -c, -d}", 3, 15),
    ("{a{b{c}}, d}", 3, 11),
    ("{*, a}", 0, 5),
    pytest.param("{" + ", ".join(f"f{i}" for i in range(501)) + "}", 500, 2892, id="501-names"),
])
def test_more_names_than_the_limit_is_a_validation_error(text, max_names, column):
    with pytest.raises(ValidationError) as raised:
        parse_selection(text, max_names=max_names)
    assert {"limit": "max_query_names", "maximum": max_names, "column": column} == {
        k: v for k, v in raised.value.details.items() if k != "excerpt"
    }
    assert f"more than {max_names} fields" in raised.value.message


@pytest.mark.parametrize("text, max_names", [
    ("{a, b, c}", 3),
    ("{a{b{c}}, *}", 3),
    pytest.param("{" + ", ".join(f"f{i}" for i in range(500)) + "}", 500, id="500-names"),
])
def test_names_up_to_the_limit_are_accepted(text, max_names):
    assert isinstance(parse_selection(text, max_names=max_names), FieldSelection)


def test_a_limit_error_carries_an_excerpt():
    with pytest.raises(ValidationError) as raised:
        parse_selection("{a{b}}", max_depth=1)
    assert "{a{b}}\n  ^" == raised.value.details["excerpt"]


@pytest.mark.parametrize("value", [None, 7, b"{id}", ["{id}"]])
def test_a_query_that_is_not_a_string_is_a_validation_error(value):
    with pytest.raises(ValidationError) as raised:
        parse_selection(value)
    assert raised.value.message.startswith("The query must be a string")


@pytest.mark.parametrize("selection, text", [
    (FieldSelection(), "{}"),
    (STAR, "{*}"),
    (level("id", "name"), "{id, name}"),
    (level(excludes={"b", "a"}), "{*, -a, -b}"),
    (level("z", ("b", level("c", star=True)), excludes={"y", "x"}, star=True),
     "{*, z, b{*, c}, -x, -y}"),
    (level(("a", FieldSelection())), "{a{}}"),
    (level(("a", level(("b", level(excludes={"c"})))),), "{a{b{*, -c}}}"),
])
def test_render_is_canonical(selection, text):
    assert text == render_selection(selection)
    assert selection == parse_selection(text)


def test_parse_is_the_same_when_the_shared_leaf_table_is_full(monkeypatch):
    from rest_api.domain import selection as module

    monkeypatch.setattr(module, "_LEAVES", {})
    monkeypatch.setattr(module, "_MAX_LEAVES", 1)
    text = "{id, name, company_id{name, id}}"
    assert level("id", "name", ("company_id", level("name", "id"))) == parse_selection(text)
    assert 1 == len(module._LEAVES)
