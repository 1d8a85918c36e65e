"""x2many write values: parse_relation_value, to_odoo_commands, map_values (spec §7.3)."""
import pytest

from rest_api.domain.commands import (
    Clear,
    Create,
    Delete,
    Link,
    SetIds,
    Unlink,
    Update,
    map_values,
    parse_relation_value,
    to_odoo_commands,
)
from rest_api.domain.errors import ValidationError

MAX_ID = 2**31 - 1
IDS = f"a list of record ids (integers from 1 to {MAX_ID})"
UPDATE = f'a list of objects, each with an "id" (an integer from 1 to {MAX_ID})'
UNKNOWN = "a known operation (clear, set, unlink, delete, link, create, update)"
ANY_FORM = "a list of record ids, a list of Odoo commands, an operations object or null"
RAW = "an Odoo command [code, ...] with a code from 0 to 6"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (Clear(),)),
        ([], (SetIds(()),)),
        ([3, 1, 3], (SetIds((3, 1, 3)),)),
        ([MAX_ID], (SetIds((MAX_ID,)),)),
        # operations object: applied in the spec's order whatever the key order
        ({}, ()),
        ({"clear": True}, (Clear(),)),
        ({"set": []}, (SetIds(()),)),
        ({"link": [], "unlink": []}, ()),
        ({"update": [{"id": 3}]}, (Update(3, {}),)),
        (
            {"link": [1, 2], "unlink": [4], "delete": [6], "set": [1, 7],
             "create": [{"name": "New"}], "update": [{"id": 3, "name": "Renamed"}], "clear": True},
            (Clear(), SetIds((1, 7)), Unlink(4), Delete(6), Link(1), Link(2),
             Create({"name": "New"}), Update(3, {"name": "Renamed"})),
        ),
        (
            {"update": [{"name": "A", "id": 5}, {"id": 6, "tag_ids": [1]}], "create": [{}, {"x": 1}]},
            (Create({}), Create({"x": 1}), Update(5, {"name": "A"}), Update(6, {"tag_ids": [1]})),
        ),
        # raw Odoo commands, in the client's order, with every filler Odoo accepts
        ([[0, 0, {"name": "A"}]], (Create({"name": "A"}),)),
        ([[0, False, {}], [0, None, {}]], (Create({}), Create({}))),
        ([[1, 3, {"name": "B"}]], (Update(3, {"name": "B"}),)),
        ([[2, 4], [2, 4, 0], [2, 4, False], [2, 4, None]], (Delete(4),) * 4),
        ([[3, 5], [3, 5, 0]], (Unlink(5), Unlink(5))),
        ([[4, 6], [4, MAX_ID, False]], (Link(6), Link(MAX_ID))),
        ([[5], [5, 0], [5, 0, 0], [5, False, None]], (Clear(),) * 4),
        ([[6, 0, [1, 2]], [6, False, []], [6, None, [3]]], (SetIds((1, 2)), SetIds(()), SetIds((3,)))),
        ([[5], [4, 1], [0, 0, {}]], (Clear(), Link(1), Create({}))),
    ],
)
def test_parse_relation_value_valid(raw, expected):
    assert expected == parse_relation_value("tag_ids", raw)


@pytest.mark.parametrize(
    ("raw", "problems"),
    [
        ("1,2", [{"expected": ANY_FORM, "got": '"1,2"'}]),
        (5, [{"expected": ANY_FORM, "got": "5"}]),
        (True, [{"expected": ANY_FORM, "got": "true"}]),
        # plain id lists
        ([1, 0], [{"operation": "set", "expected": IDS, "got": "0"}]),
        ([1, -2], [{"operation": "set", "expected": IDS, "got": "-2"}]),
        ([True], [{"operation": "set", "expected": IDS, "got": "true"}]),
        ([1.0], [{"operation": "set", "expected": IDS, "got": "1.0"}]),
        (["1"], [{"operation": "set", "expected": IDS, "got": '"1"'}]),
        ([None], [{"operation": "set", "expected": IDS, "got": "null"}]),
        ([MAX_ID + 1], [{"operation": "set", "expected": IDS, "got": str(MAX_ID + 1)}]),
        ([{"id": 1}], [{"operation": "set", "expected": IDS, "got": "an object"}]),
        # operations object
        ({"add": [1]}, [{"operation": "add", "expected": UNKNOWN, "got": '"add"'}]),
        ({"clear": False}, [{"operation": "clear", "expected": "true", "got": "false"}]),
        ({"clear": 1}, [{"operation": "clear", "expected": "true", "got": "1"}]),
        ({"clear": None}, [{"operation": "clear", "expected": "true", "got": "null"}]),
        ({"set": 1}, [{"operation": "set", "expected": IDS, "got": "1"}]),
        ({"set": None}, [{"operation": "set", "expected": IDS, "got": "null"}]),
        ({"link": [1, False]}, [{"operation": "link", "expected": IDS, "got": "false"}]),
        ({"unlink": {"id": 1}}, [{"operation": "unlink", "expected": IDS, "got": "an object"}]),
        ({"delete": [[1]]}, [{"operation": "delete", "expected": IDS, "got": "an array"}]),
        ({"create": {"name": "x"}}, [{"operation": "create", "expected": "a list of objects", "got": "an object"}]),
        ({"create": [{"name": "x"}, 3]}, [{"operation": "create", "expected": "a list of objects", "got": "3"}]),
        ({"update": {"id": 1}}, [{"operation": "update", "expected": UPDATE, "got": "an object"}]),
        ({"update": [{"name": "x"}]}, [{"operation": "update", "expected": UPDATE, "got": 'an object with "id" null'}]),
        ({"update": [{"id": "3"}]}, [{"operation": "update", "expected": UPDATE, "got": 'an object with "id" "3"'}]),
        ({"update": [{"id": True}]}, [{"operation": "update", "expected": UPDATE, "got": 'an object with "id" true'}]),
        ({"update": [{"id": 0}]}, [{"operation": "update", "expected": UPDATE, "got": 'an object with "id" 0'}]),
        ({"update": [7]}, [{"operation": "update", "expected": UPDATE, "got": "7"}]),
        # raw commands
        ([[7, 1]], [{"operation": "command", "index": 0, "expected": RAW, "got": "[7, 1]"}]),
        ([[-1]], [{"operation": "command", "index": 0, "expected": RAW, "got": "[-1]"}]),
        ([[]], [{"operation": "command", "index": 0, "expected": RAW, "got": "[]"}]),
        ([[True, 1]], [{"operation": "command", "index": 0, "expected": RAW, "got": "[true, 1]"}]),
        ([[False, 0, {}]], [{"operation": "command", "index": 0, "expected": RAW, "got": "[false, 0, {…}]"}]),
        ([["4", 1]], [{"operation": "command", "index": 0, "expected": RAW, "got": '["4", 1]'}]),
        ([[4.0, 1]], [{"operation": "command", "index": 0, "expected": RAW, "got": "[4.0, 1]"}]),
        ([[[4], 1]], [{"operation": "command", "index": 0, "expected": RAW, "got": "[[…], 1]"}]),
        ([[4, 1], 2], [{"operation": "command", "index": 1, "expected": RAW, "got": "2"}]),
        ([[0, 0]], [{"operation": "create", "index": 0, "expected": "[0, 0, {values}]", "got": "[0, 0]"}]),
        ([[0, 1, {}]], [{"operation": "create", "index": 0, "expected": "[0, 0, {values}]", "got": "[0, 1, {…}]"}]),
        ([[0, 0, [1]]], [{"operation": "create", "index": 0, "expected": "[0, 0, {values}]", "got": "[0, 0, […]]"}]),
        ([[0, 0, {}, 0]], [{"operation": "create", "index": 0, "expected": "[0, 0, {values}]",
                           "got": "[0, 0, {…}, 0]"}]),
        ([[1, 3]], [{"operation": "update", "index": 0, "expected": "[1, id, {values}]", "got": "[1, 3]"}]),
        ([[1, 0, {}]], [{"operation": "update", "index": 0, "expected": "[1, id, {values}]", "got": "[1, 0, {…}]"}]),
        ([[2]], [{"operation": "delete", "index": 0, "expected": "[2, id] or [2, id, 0]", "got": "[2]"}]),
        ([[3, True]], [{"operation": "unlink", "index": 0, "expected": "[3, id] or [3, id, 0]",
                        "got": "[3, true]"}]),
        ([[4, 1, 1]], [{"operation": "link", "index": 0, "expected": "[4, id] or [4, id, 0]",
                        "got": "[4, 1, 1]"}]),
        ([[4, 1, 0.0]], [{"operation": "link", "index": 0, "expected": "[4, id] or [4, id, 0]",
                          "got": "[4, 1, 0.0]"}]),
        ([[4, 1, 0, 0]], [{"operation": "link", "index": 0, "expected": "[4, id] or [4, id, 0]",
                           "got": "[4, 1, 0, 0]"}]),
        ([[5, 1]], [{"operation": "clear", "index": 0, "expected": "[5], [5, 0] or [5, 0, 0]", "got": "[5, 1]"}]),
        ([[5, 0, 0, 0]], [{"operation": "clear", "index": 0, "expected": "[5], [5, 0] or [5, 0, 0]",
                           "got": "[5, 0, 0, 0]"}]),
        ([[6, 0]], [{"operation": "set", "index": 0, "expected": "[6, 0, [ids]]", "got": "[6, 0]"}]),
        ([[6, 0, [0]]], [{"operation": "set", "index": 0, "expected": "[6, 0, [ids]]", "got": "[6, 0, […]]"}]),
        ([[6, 0, 5]], [{"operation": "set", "index": 0, "expected": "[6, 0, [ids]]", "got": "[6, 0, 5]"}]),
        ([[6, 1, [5]]], [{"operation": "set", "index": 0, "expected": "[6, 0, [ids]]", "got": "[6, 1, […]]"}]),
        ([[1, 2, 3, 4, 5, 6]], [{"operation": "update", "index": 0, "expected": "[1, id, {values}]",
                                 "got": "[1, 2, 3, 4, …]"}]),
    ],
)
def test_parse_relation_value_invalid(raw, problems):
    with pytest.raises(ValidationError) as caught:
        parse_relation_value("tag_ids", raw)
    assert {"field": "tag_ids", "problems": problems} == caught.value.details


def test_every_problem_is_reported_at_once_in_one_message():
    with pytest.raises(ValidationError) as caught:
        parse_relation_value("tag_ids", {"lnk": [1], "link": [True], "clear": False, "create": [1]})
    assert (
        "Field 'tag_ids': "
        f"operation 'lnk': expected {UNKNOWN}, got \"lnk\"; "
        "operation 'clear': expected true, got false; "
        f"operation 'link': expected {IDS}, got true; "
        "operation 'create': expected a list of objects, got 1"
    ) == caught.value.message
    assert ["lnk", "clear", "link", "create"] == [p["operation"] for p in caught.value.details["problems"]]


def test_raw_command_errors_name_the_position_and_operation():
    with pytest.raises(ValidationError) as caught:
        parse_relation_value("line_ids", [[4, 1], [9], [6, 1, [1]]])
    assert (
        f"Field 'line_ids': command 1: expected {RAW}, got [9]; "
        "command 2 (set): expected [6, 0, [ids]], got [6, 1, […]]"
    ) == caught.value.message


def test_a_bad_whole_value_message():
    with pytest.raises(ValidationError) as caught:
        parse_relation_value("tag_ids", "x")
    assert f'Field \'tag_ids\': expected {ANY_FORM}, got "x"' == caught.value.message


def test_parsed_values_are_copies_of_the_client_dicts():
    item = {"id": 4, "name": "A"}
    created = {"name": "B"}
    commands = parse_relation_value("tag_ids", {"update": [item], "create": [created]})
    item["name"] = created["name"] = "changed"
    assert (Create({"name": "B"}), Update(4, {"name": "A"})) == commands


def test_to_odoo_commands():
    commands = (Clear(), SetIds((1, 7)), Unlink(4), Delete(6), Link(1), Create({"name": "N"}), Update(3, {"a": 1}))
    assert [
        (5, 0, 0), (6, 0, [1, 7]), (3, 4, 0), (2, 6, 0), (4, 1, 0), (0, 0, {"name": "N"}), (1, 3, {"a": 1}),
    ] == to_odoo_commands(commands)


def test_to_odoo_commands_of_parsed_raw_commands_round_trips():
    raw = [[0, 0, {"a": 1}], [1, 2, {}], [2, 3, 0], [3, 4, 0], [4, 5, 0], [5, 0, 0], [6, 0, [1]]]
    assert [tuple(command) for command in raw] == to_odoo_commands(parse_relation_value("f", raw))


def test_set_ids_accepts_any_iterable_and_stores_a_tuple():
    assert (6, 0, [1, 2]) == SetIds([1, 2]).as_odoo()
    assert (1, 2) == SetIds([1, 2]).ids


def test_map_values_replaces_only_values_dicts():
    commands = (Clear(), Link(1), Create({"name": "a"}), Update(2, {"name": "b"}), SetIds((3,)))
    mapped = map_values(commands, lambda values: {key: value.upper() for key, value in values.items()})
    assert (Clear(), Link(1), Create({"name": "A"}), Update(2, {"name": "B"}), SetIds((3,))) == mapped


def test_map_values_calls_fn_once_per_values_dict_in_order(mocker):
    spy = mocker.Mock(side_effect=lambda values: {"seen": True})
    map_values((Update(2, {"u": 1}), Create({"c": 1}), Link(3)), spy)
    assert [mocker.call({"u": 1}), mocker.call({"c": 1})] == spy.call_args_list
