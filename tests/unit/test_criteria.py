"""Filter (Odoo domain) validation: shape, arity, paths, operators, values, limits."""
import pytest

from rest_api.domain.criteria import MAX_NESTED_DOMAINS, MAX_PATH_SEGMENTS, validate_domain
from rest_api.domain.errors import AccessError, NotFound, ValidationError
from rest_api.domain.model_info import FieldInfo, ModelInfo

SENSITIVE = frozenset({"password"})


def _model(name, *fields):
    all_fields = (FieldInfo("id", "integer"),) + fields
    return ModelInfo(name, name, {f.name: f for f in all_fields})


PARTNER = _model(
    "res.partner",
    FieldInfo("name", "char"),
    FieldInfo("email", "char"),
    FieldInfo("active", "boolean"),
    FieldInfo("credit", "float"),
    FieldInfo("company_id", "many2one", relation="res.company"),
    FieldInfo("category_ids", "many2many", relation="res.partner.category"),
    FieldInfo("parent_id", "many2one", relation="res.partner"),
    FieldInfo("child_ids", "one2many", relation="res.partner"),
    FieldInfo("user_ids", "one2many", relation="res.users"),
    FieldInfo("password", "char"),
    FieldInfo("image_1920", "binary", sortable=False),
    FieldInfo("secret_note", "text", readable=False),
    FieldInfo("ghost_id", "many2one", relation="ghost.model"),
    FieldInfo("broken_id", "many2one", relation=None),
    FieldInfo("create_date", "datetime"),
    FieldInfo("date", "date"),
    FieldInfo("color", "integer"),
    FieldInfo("type", "selection", selection=(("contact", "Contact"), ("invoice", "Invoice"))),
    FieldInfo("lang", "selection"),  # computed at run time: any string
)
MODELS = {
    m.name: m for m in (
        PARTNER,
        _model("res.company", FieldInfo("name", "char"),
               FieldInfo("partner_id", "many2one", relation="res.partner")),
        _model("res.partner.category", FieldInfo("name", "char")),
        _model("res.users", FieldInfo("login", "char"), FieldInfo("password", "char")),
    )
}


def lookup(name):
    if name not in MODELS:
        raise NotFound(f"Unknown model {name}")
    return MODELS[name]


def validate(raw, **kwargs):
    return validate_domain(raw, PARTNER, lookup, SENSITIVE, **kwargs)


def failure(raw, error=ValidationError, **kwargs):
    with pytest.raises(error) as caught:
        validate(raw, **kwargs)
    assert type(caught.value) is error
    return caught.value


# --- valid domains ----------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ([], []),
    ([["name", "=", "x"]], [["name", "=", "x"]]),
    ((("name", "=", "x"),), [["name", "=", "x"]]),
    ([["name", "=", "x"], ["email", "!=", None]], [["name", "=", "x"], ["email", "!=", None]]),
    (["|", ["name", "=", "a"], ["name", "=", "b"]], ["|", ["name", "=", "a"], ["name", "=", "b"]]),
    (["&", "!", ["name", "=", "a"], ["id", ">", 3]], ["&", "!", ["name", "=", "a"], ["id", ">", 3]]),
    (["|", "&", ["id", "<", 1], ["id", ">", 9], ["name", "like", "x"]],
     ["|", "&", ["id", "<", 1], ["id", ">", 9], ["name", "like", "x"]]),
    ([["name", "=", "a"], "|", ["id", "=", 1], ["id", "=", 2]],
     [["name", "=", "a"], "|", ["id", "=", 1], ["id", "=", 2]]),
    ([["company_id.name", "ilike", "acme"]], [["company_id.name", "ilike", "acme"]]),
    ([["parent_id.category_ids.name", "=", "vip"]], [["parent_id.category_ids.name", "=", "vip"]]),
    ([["company_id.partner_id.company_id", "=", 1]], [["company_id.partner_id.company_id", "=", 1]]),
    ([["credit", ">=", 1.5]], [["credit", ">=", 1.5]]),
    ([["active", "=", False]], [["active", "=", False]]),
    ([["email", "=?", None]], [["email", "=?", None]]),
    ([["image_1920", "!=", False]], [["image_1920", "!=", False]]),
    ([["id", "in", [1, 2, 3]]], [["id", "in", [1, 2, 3]]]),
    ([["id", "in", []]], [["id", "in", []]]),
    ([["id", "=", 2 ** 63 - 1]], [["id", "=", 2 ** 63 - 1]]),
    ([["id", "=", -(2 ** 63)]], [["id", "=", -(2 ** 63)]]),
    ([["name", "in", ["a", None, False, 1, 2.5]]], [["name", "in", ["a", None, False, 1, 2.5]]]),
])
def test_valid_domains_come_back_unchanged(raw, expected):
    assert expected == validate(raw)


@pytest.mark.parametrize("operator", [
    "=", "!=", "<", "<=", ">", ">=", "=?", "=like", "=ilike", "like", "not like",
    "ilike", "not ilike", "in", "not in",
])
def test_every_comparison_operator_is_accepted(operator):
    assert [["name", operator, ["x"]]] == validate([["name", operator, ["x"]]])


@pytest.mark.parametrize("given, normalised", [
    ("ILIKE", "ilike"), ("Not In", "not in"), ("NOT LIKE", "not like"), ("=Like", "=like"),
    ("Child_Of", "child_of"), ("ANY", "any"),
])
def test_operators_are_lower_cased(given, normalised):
    value = [] if normalised == "any" else [1]
    assert [["parent_id", normalised, value]] == validate([["parent_id", given, value]])


@pytest.mark.parametrize("operator, value, expected", [
    ("in", 5, [5]),
    ("not in", "x", ["x"]),
    ("in", None, [None]),
    ("in", False, [False]),
])
def test_in_with_a_scalar_becomes_a_one_element_list(operator, value, expected):
    assert [["name", operator, expected]] == validate([["name", operator, value]])


@pytest.mark.parametrize("leaf", [[1, "=", 1], [0, "=", 1]])
def test_constant_leaves_are_accepted(leaf):
    assert [leaf, "|", leaf, ["id", "=", 1]] == validate([leaf, "|", leaf, ["id", "=", 1]])


@pytest.mark.parametrize("leaf", [[True, "=", 1], [1, "=", True], [2, "=", 1], [1, "!=", 1], [1, "=", 0]])
def test_near_constant_leaves_are_refused(leaf):
    error = failure([leaf])
    assert {"index": 0, "term": leaf} == {k: error.details[k] for k in ("index", "term")}


@pytest.mark.parametrize("operator, value", [
    ("child_of", 1), ("parent_of", [1, 2]), ("child_of", []), ("child_of", "Acme"),
])
def test_hierarchy_operators_take_ids_or_a_name(operator, value):
    assert [["parent_id", operator, value]] == validate([["parent_id", operator, value]])


@pytest.mark.parametrize("operator, value", [
    ("child_of", True), ("child_of", 1.5), ("parent_of", [1, "x"]), ("parent_of", [True]),
    ("child_of", None), ("child_of", {"id": 1}), ("child_of", 2 ** 64), ("child_of", "a\x00"),
])
def test_hierarchy_operators_refuse_other_values(operator, value):
    error = failure([["parent_id", operator, value]])
    assert 0 == error.details["index"]


# --- any / not any ----------------------------------------------------------------------------

def test_any_validates_the_nested_domain_on_the_relation():
    raw = [["category_ids", "any", ["|", ["name", "=", "vip"], ["name", "ILIKE", "gold"]]]]
    expected = [["category_ids", "any", ["|", ["name", "=", "vip"], ["name", "ilike", "gold"]]]]
    assert expected == validate(raw)


def test_any_nests_through_several_models():
    raw = [["company_id", "not any", [["partner_id", "any", [["category_ids.name", "=", "x"]]]]]]
    assert raw == validate(raw)


def test_any_with_an_empty_domain_is_accepted():
    assert [["child_ids", "any", []]] == validate([["child_ids", "any", []]])


@pytest.mark.parametrize("raw, within, index, reason", [
    ([["category_ids", "any", [["nope", "=", 1]]]], [0], 0, "unknown field 'nope' on model res.partner.category"),
    ([["id", "=", 1], ["company_id", "any", [["name", "bogus", 1]]]], [1], 0, "unknown operator 'bogus'"),
    ([["company_id", "any", [["name", "=", 1], ["partner_id", "any", ["&", ["id", "=", 1]]]]]],
     [0, 1], 0, "operator '&' lacks 1 operand(s)"),
])
def test_errors_inside_any_name_their_location(raw, within, index, reason):
    error = failure(raw)
    assert within == error.details["within"]
    assert index == error.details["index"]
    assert reason in error.message


@pytest.mark.parametrize("term, reason, got", [
    (["name", "any", []], "needs a relational field; 'name' is char", None),
    (["broken_id", "any", []], "needs a relational field; 'broken_id' is many2one", None),
    (["company_id", "any", {"name": "x"}], "must be a domain", "object"),
    (["company_id", "not any", "name = x"], "must be a domain", "string"),
    (["company_id", "any", 1], "must be a domain", "number"),
    (["company_id", "any", None], "must be a domain", "null"),
])
def test_any_needs_a_relational_field_and_a_domain(term, reason, got):
    error = failure([["id", "=", 1], term])
    assert (1, term, got) == (error.details["index"], error.details["term"], error.details.get("got"))
    assert reason in error.message


def test_any_reaches_sensitive_fields_of_the_relation_as_access_error():
    error = failure([["user_ids", "any", [["password", "=", "secret"]]]], AccessError)
    expected = {"field": "password", "model": "res.users", "index": 0,
                "term": ["password", "=", "secret"], "within": [0]}
    assert expected == error.details


def test_any_nesting_is_bounded_without_recursion_error():
    raw = [["child_ids", "any", []]]
    for _ in range(5000):
        raw = [["child_ids", "any", raw]]
    error = failure(raw, max_terms=10_000)
    assert f"nest more than {MAX_NESTED_DOMAINS} levels" in error.message
    assert MAX_NESTED_DOMAINS == len(error.details["within"])


def test_any_nesting_up_to_the_limit_is_accepted():
    raw = [["name", "=", "x"]]
    for _ in range(MAX_NESTED_DOMAINS):
        raw = [["child_ids", "any", raw]]
    assert raw == validate(raw)


# --- shape and arity --------------------------------------------------------------------------

@pytest.mark.parametrize("raw, got", [
    ({"a": 1}, "object"),
    ("[['name','=','x']]", "string"),
    (None, "null"),
    (5, "number"),
    (True, "boolean"),
])
def test_a_domain_must_be_a_list(raw, got):
    error = failure(raw)
    assert {"got": got} == error.details


@pytest.mark.parametrize("raw, index, reason", [
    ([["name"]], 0, "exactly 3 items"),
    ([["name", "="]], 0, "exactly 3 items"),
    ([["name", "=", "x", "y"]], 0, "exactly 3 items"),
    ([["name", "=", "x"], []], 1, "exactly 3 items"),
    ([["name", "=", "x"], "^"], 1, "is not a logical operator"),
    (["and", ["name", "=", "x"]], 0, "is not a logical operator"),
    ([["name", "=", "x"], 7], 1, "must be a term"),
    ([["name", "=", "x"], None], 1, "must be a term"),
    ([{"name": "x"}], 0, "must be a term"),
    ([[["name"]]], 0, "exactly 3 items"),
    ([["", "=", 1]], 0, "non-empty string"),
    ([[5, "=", 1]], 0, "non-empty string"),
    ([[None, "=", 1]], 0, "non-empty string"),
])
def test_malformed_elements_are_refused_with_their_index(raw, index, reason):
    error = failure(raw)
    assert index == error.details["index"]
    assert raw[index] == error.details["term"]
    assert reason in error.message


@pytest.mark.parametrize("raw, index, operator, missing", [
    (["&"], 0, "&", 2),
    (["!"], 0, "!", 1),
    (["|"], 0, "|", 2),
    ([["name", "=", "x"], "|"], 1, "|", 2),
    (["|", ["a", "=", 1]], 0, "|", 1),
    (["&", ["a", "=", 1], "!"], 2, "!", 1),
    (["&", "|", ["a", "=", 1], ["a", "=", 2]], 0, "&", 1),
    (["|", "&", ["a", "=", 1]], 1, "&", 1),
    ([["a", "=", 1], "&", ["a", "=", 1]], 1, "&", 1),
])
def test_arity_errors_name_the_operator_lacking_operands(raw, index, operator, missing):
    error = failure(raw)
    assert {"index": index, "operator": operator, "missing": missing} == error.details
    assert f"at index {index}" in error.message


def test_a_thousand_deep_not_chain_is_checked_without_recursion():
    raw = ["!"] * 1000 + [["name", "=", "x"]]
    assert raw == validate(raw, max_terms=5000)


def test_a_thousand_deep_not_chain_without_operand_names_the_last_operator():
    error = failure(["!"] * 1000, max_terms=5000)
    assert {"index": 999, "operator": "!", "missing": 1} == error.details


def test_a_deep_or_chain_is_checked_without_recursion():
    raw = ["|"] * 3000 + [["id", "=", i] for i in range(3001)]
    assert raw == validate(raw, max_terms=10_000)


# --- operators --------------------------------------------------------------------------------

@pytest.mark.parametrize("operator", ["bogus", "==", "<>", "like ", "", "IS", "in\x00", 1, None, ["="]])
def test_unknown_operators_are_refused(operator):
    error = failure([["name", operator, "x"]])
    assert {"index": 0, "term": ["name", operator, "x"]} == {k: error.details[k] for k in ("index", "term")}
    assert "unknown operator" in error.message


# --- paths ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, field, model", [
    ("nope", "nope", "res.partner"),
    ("company_id.nope", "nope", "res.company"),
    ("parent_id.category_ids.nope", "nope", "res.partner.category"),
    ("company_id..name", "", "res.company"),
    ("name.", "", None),
    (".name", "", "res.partner"),
    ("Name", "Name", "res.partner"),
])
def test_unknown_path_segments_are_refused(path, field, model):
    error = failure([["id", "=", 1], [path, "=", 1]])
    assert 1 == error.details["index"]
    assert [path, "=", 1] == error.details["term"]
    if model is not None:
        assert (field, model) == (error.details["field"], error.details["model"])
        assert f"unknown field {field!r} on model {model}" in error.message


@pytest.mark.parametrize("path, field, model", [
    ("name.foo", "name", "res.partner"),
    ("credit.x", "credit", "res.partner"),
    ("company_id.name.x", "name", "res.company"),
    ("broken_id.name", "broken_id", "res.partner"),
])
def test_paths_cannot_go_through_scalar_fields(path, field, model):
    error = failure([[path, "=", 1]])
    assert (field, model) == (error.details["field"], error.details["model"])
    assert "is not relational" in error.message


@pytest.mark.parametrize("path, field, model", [
    ("password", "password", "res.partner"),
    ("secret_note", "secret_note", "res.partner"),
    ("user_ids.password", "password", "res.users"),
    ("child_ids.secret_note", "secret_note", "res.partner"),
    ("password.x", "password", "res.partner"),
])
def test_sensitive_or_unreadable_fields_are_access_errors(path, field, model):
    error = failure([["id", ">", 0], [path, "=", "x"]], AccessError)
    expected = {"field": field, "model": model, "index": 1, "term": [path, "=", "x"]}
    assert expected == error.details


def test_access_errors_give_no_oracle_whatever_the_operator():
    for operator in ("=", "like", "=?", "in", "!="):
        error = failure([["password", operator, "a"]], AccessError)
        assert "password" == error.details["field"]


def test_path_length_is_bounded():
    path = ".".join(["parent_id"] * MAX_PATH_SEGMENTS + ["name"])
    error = failure([[path, "=", "x"]])
    assert f"more than {MAX_PATH_SEGMENTS} segments" in error.message


def test_path_of_the_maximum_length_is_accepted():
    path = ".".join(["parent_id"] * (MAX_PATH_SEGMENTS - 1) + ["name"])
    assert [[path, "=", "x"]] == validate([[path, "=", "x"]])


def test_a_relation_to_an_unknown_model_raises_not_found():
    with pytest.raises(NotFound):
        validate([["ghost_id.name", "=", "x"]])


# --- values -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, reason", [
    ("a\x00b", "NUL"),
    (["ok", "a\x00"], "NUL"),
    (float("nan"), "finite"),
    (float("inf"), "finite"),
    ([1.0, float("-inf")], "finite"),
    (2 ** 63, "64-bit"),
    (-(2 ** 63) - 1, "64-bit"),
    ([1, 2 ** 70], "64-bit"),
    ({"a": 1}, "JSON object"),
    ([{"a": 1}], "JSON object"),
    ([[1, 2]], "nested lists"),
    ([1, [2]], "nested lists"),
    (b"bytes", "JSON bytes"),
])
def test_bad_values_are_refused(value, reason):
    error = failure([["id", "=", 1], ["name", "=", value]])
    assert 1 == error.details["index"]
    assert reason in error.message


def test_deeply_nested_value_lists_fail_without_recursion():
    value = []
    for _ in range(100_000):
        value = [value]
    error = failure([["name", "in", value]])
    assert "nested lists" in error.message


# --- limits -----------------------------------------------------------------------------------

def test_the_term_limit_counts_terms_and_operators():
    raw = ["&"] * 4 + [["id", "=", i] for i in range(5)]
    assert raw == validate(raw, max_terms=9)
    error = failure(raw, max_terms=8)
    assert {"max_filter_terms": 8} == error.details


def test_the_term_limit_counts_nested_domains():
    raw = [["child_ids", "any", [["id", "=", 1], ["id", "=", 2]]]]
    assert raw == validate(raw, max_terms=3)
    error = failure(raw, max_terms=2)
    assert {"max_filter_terms": 2, "within": [0]} == error.details


def test_the_default_term_limit_is_a_thousand():
    raw = [["id", "=", i] for i in range(1000)]
    assert raw == validate(raw)
    assert {"max_filter_terms": 1000} == failure(raw + [["id", "=", 0]]).details


def test_a_huge_list_is_refused_before_being_walked():
    error = failure([None] * 1_000_000)
    assert {"max_filter_terms": 1000} == error.details


# --- values checked against the field's type (issue 20, item 5) -------------------------------

@pytest.mark.parametrize("term, expected", [
    (["create_date", ">=", "2026-12-05T17:04:00+01:00"], ["create_date", ">=", "2026-12-05 16:04:00"]),
    (["create_date", ">=", "2026-12-05T16:04:00Z"], ["create_date", ">=", "2026-12-05 16:04:00"]),
    (["create_date", ">=", "2026-12-05T15:04:00-01:00"], ["create_date", ">=", "2026-12-05 16:04:00"]),
    (["create_date", "<", "2026-12-05T16:04:00"], ["create_date", "<", "2026-12-05 16:04:00"]),
    (["create_date", "=", "2026-12-05 16:04:00"], ["create_date", "=", "2026-12-05 16:04:00"]),
    (["create_date", "<", "2026-12-05T16:04:00.250Z"], ["create_date", "<", "2026-12-05 16:04:00"]),
    (["create_date", "!=", "2026-12-06T00:30:00+01:00"], ["create_date", "!=", "2026-12-05 23:30:00"]),
    (["create_date", "<=", "2026-12-05"], ["create_date", "<=", "2026-12-05"]),  # Odoo reads the day
    (["create_date", "in", ["2026-12-05T17:04:00+01:00", False]],
     ["create_date", "in", ["2026-12-05 16:04:00", False]]),
    (["create_date", "not in", "2026-12-05T16:04:00Z"], ["create_date", "not in", ["2026-12-05 16:04:00"]]),
    (["create_date", "=", False], ["create_date", "=", False]),
    (["create_date", "!=", None], ["create_date", "!=", None]),
    (["create_date", "=?", None], ["create_date", "=?", None]),
    (["create_date", "like", "2026-12"], ["create_date", "like", "2026-12"]),
    (["parent_id.create_date", ">", "2026-12-05T17:04:00+01:00"],
     ["parent_id.create_date", ">", "2026-12-05 16:04:00"]),
    (["date", "=", "2026-12-05"], ["date", "=", "2026-12-05"]),
    (["date", "in", ["2026-12-05", None]], ["date", "in", ["2026-12-05", None]]),
    (["color", ">", 2], ["color", ">", 2]),
    (["color", "<", 2.5], ["color", "<", 2.5]),
    (["credit", "in", [1, 2.5, False]], ["credit", "in", [1, 2.5, False]]),
    (["active", "in", [True, False]], ["active", "in", [True, False]]),
    (["type", "in", ["contact", False]], ["type", "in", ["contact", False]]),
    (["type", "ilike", "cont"], ["type", "ilike", "cont"]),
    (["lang", "=", "fr_FR"], ["lang", "=", "fr_FR"]),
    (["parent_id", "=", "Azure Interior"], ["parent_id", "=", "Azure Interior"]),  # a name, searched
    (["company_id", "in", [1, "YourCompany", None]], ["company_id", "in", [1, "YourCompany", None]]),
])
def test_typed_values_are_checked_and_datetimes_become_naive_utc(term, expected):
    assert [expected] == validate([term])


@pytest.mark.parametrize("term, expected", [
    (["create_date", ">=", "05/12/2026"], 'a datetime "YYYY-MM-DDTHH:MM:SSZ"'),
    (["create_date", ">=", "2026-12-05T17:04:00 01:00"], 'a datetime "YYYY-MM-DDTHH:MM:SSZ"'),
    (["create_date", ">=", "2026-12-32"], 'a datetime "YYYY-MM-DDTHH:MM:SSZ"'),
    (["create_date", ">=", "2026-12-05T17:04:00+24:00"], 'a date "YYYY-MM-DD"'),
    (["create_date", "in", ["2026-12-05", "tomorrow"]], 'a datetime "YYYY-MM-DDTHH:MM:SSZ"'),
    (["create_date", ">", 1764950400], 'a datetime "YYYY-MM-DDTHH:MM:SSZ"'),
    (["date", "=", "05/12/2026"], 'a date "YYYY-MM-DD"'),
    (["date", "=", "2026-12-05T00:00:00Z"], 'a date "YYYY-MM-DD"'),
    (["color", "=", "abc"], "a finite number"),
    (["color", ">", "5"], "a finite number"),
    (["id", "in", [1, "2"]], "a finite number"),
    (["credit", ">", True], "a finite number"),
    (["active", "=", "false"], "true or false"),
    (["active", "=", 1], "true or false"),
    (["type", "=", "bogus"], 'one of "contact", "invoice"'),
    (["type", "not in", ["contact", 3]], 'one of "contact", "invoice"'),
    (["lang", "=", 7], "one of "),
    (["parent_id", "=", True], "a record id"),
    (["company_id", "in", [1, 2.5]], "a record id"),
])
def test_values_of_the_wrong_form_are_refused_naming_field_value_and_forms(term, expected):
    error = failure([["id", ">", 0], term])
    field = term[0].rsplit(".", 1)[-1]
    assert {"index": 1, "term": term, "field": field} == {k: error.details[k] for k in ("index", "term", "field")}
    assert expected in error.details["expected"]
    assert f"Invalid filter term at index 1: Field '{field}' expects {error.details['expected']}, got " \
        f"{error.details['got']}" == error.message


def test_a_wrong_value_inside_any_names_its_location():
    error = failure([["parent_id", "any", [["create_date", ">", "05/12/2026"]]]])
    assert ([0], 0, '"05/12/2026"') == (error.details["within"], error.details["index"], error.details["got"])
