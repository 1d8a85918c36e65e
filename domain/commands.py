"""x2many write values (spec §7.3): ids, raw Odoo commands or an operations object, as typed commands.

Decisions: ``null`` clears the relation; ``[]`` sets it to nothing; an empty operations
object is a valid no-op; raw commands follow Odoo 18's ``fields.Command`` triples, whose
unused slots may be ``0``, ``false``, ``null`` or left out where Odoo never reads them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any, Union

import attrs
from attrs import field, frozen

from .errors import ValidationError
from .value_input import describe_value
from .limits import INT4_MAX



class CommandCode(IntEnum):
    """The first slot of an Odoo x2many command (``odoo.fields.Command``)."""

    CREATE = 0
    UPDATE = 1
    DELETE = 2
    UNLINK = 3
    LINK = 4
    CLEAR = 5
    SET = 6


OPERATION_ORDER = ("clear", "set", "unlink", "delete", "link", "create", "update")
IDS = f"a list of record ids (integers from 1 to {INT4_MAX})"


@frozen
class Clear:
    """Remove every record from the relation (Odoo ``(5, 0, 0)``)."""

    def as_odoo(self) -> tuple:
        """The Odoo command triple."""
        return (CommandCode.CLEAR.value, 0, 0)


def _id_tuple(ids: Iterable[int]) -> tuple[int, ...]:
    return tuple(ids)


@frozen
class SetIds:
    """Replace the relation by exactly these records (Odoo ``(6, 0, ids)``)."""

    ids: tuple[int, ...] = field(converter=_id_tuple)

    def as_odoo(self) -> tuple:
        """The Odoo command triple."""
        return (CommandCode.SET.value, 0, list(self.ids))


@frozen
class Unlink:
    """Remove one record from the relation, keeping the record (Odoo ``(3, id, 0)``)."""

    id: int

    def as_odoo(self) -> tuple:
        """The Odoo command triple."""
        return (CommandCode.UNLINK.value, self.id, 0)


@frozen
class Delete:
    """Remove one record from the relation and delete it (Odoo ``(2, id, 0)``)."""

    id: int

    def as_odoo(self) -> tuple:
        """The Odoo command triple."""
        return (CommandCode.DELETE.value, self.id, 0)


@frozen
class Link:
    """Add one existing record to the relation (Odoo ``(4, id, 0)``)."""

    id: int

    def as_odoo(self) -> tuple:
        """The Odoo command triple."""
        return (CommandCode.LINK.value, self.id, 0)


@frozen
class Create:
    """Create a related record from ``values`` and add it (Odoo ``(0, 0, values)``)."""

    values: dict = field(hash=False)

    def as_odoo(self) -> tuple:
        """The Odoo command triple."""
        return (CommandCode.CREATE.value, 0, self.values)


@frozen
class Update:
    """Write ``values`` on a related record (Odoo ``(1, id, values)``)."""

    id: int
    values: dict = field(hash=False)

    def as_odoo(self) -> tuple:
        """The Odoo command triple."""
        return (CommandCode.UPDATE.value, self.id, self.values)


RelationCommand = Union[Clear, SetIds, Unlink, Delete, Link, Create, Update]


def to_odoo_commands(commands: Iterable[RelationCommand]) -> list[tuple]:
    """The Odoo command triples of ``commands``, in order."""
    return [command.as_odoo() for command in commands]


def map_values(
    commands: Iterable[RelationCommand], fn: Callable[[dict], dict]
) -> tuple[RelationCommand, ...]:
    """``commands`` with every ``Create``/``Update`` values dict replaced by ``fn(values)``."""
    return tuple(
        attrs.evolve(command, values=fn(command.values)) if isinstance(command, (Create, Update)) else command
        for command in commands
    )


def parse_relation_value(field_name: str, raw: Any) -> tuple[RelationCommand, ...]:
    """The ordered commands a client's x2many value stands for.

    Raises one ValidationError naming the field and listing every bad operation.
    """
    problems: list[dict] = []
    if raw is None:
        commands: tuple[RelationCommand, ...] = (Clear(),)
    elif isinstance(raw, dict):
        commands = _parse_operations(raw, problems)
    elif isinstance(raw, list) and any(isinstance(item, list) for item in raw):
        commands = _parse_raw_commands(raw, problems)
    elif isinstance(raw, list):
        commands = (SetIds(_ids("set", raw, problems)),)
    else:
        expected = "a list of record ids, a list of Odoo commands, an operations object or null"
        problems.append({"expected": expected, "got": describe_value(raw)})
    if problems:
        raise _relation_error(field_name, problems)
    return commands


def _relation_error(field_name: str, problems: list[dict]) -> ValidationError:
    """One error naming the field and every bad operation."""
    sentences = "; ".join(f"{_where(p)}expected {p['expected']}, got {p['got']}" for p in problems)
    details = {"field": field_name, "problems": problems}
    return ValidationError(f"Field '{field_name}': {sentences}", details=details)


def _where(problem: dict) -> str:
    """The operation a problem is about, as a message prefix (empty for the value as a whole)."""
    if "index" in problem:
        name = problem["operation"]
        return f"command {problem['index']}{f' ({name})' if name != 'command' else ''}: "
    return f"operation '{problem['operation']}': " if "operation" in problem else ""


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT4_MAX


def _ids(operation: str, raw: Any, problems: list[dict]) -> tuple[int, ...]:
    """The ids of ``raw`` if it is a list of valid ids; else (), with a problem recorded."""
    bad = _first_bad(raw, _is_id)
    if bad is not _NONE:
        problems.append({"operation": operation, "expected": IDS, "got": describe_value(bad)})
        return ()
    return tuple(raw)


def _parse_operations(raw: dict, problems: list[dict]) -> tuple[RelationCommand, ...]:
    """The commands of an operations object, in ``OPERATION_ORDER`` whatever the key order."""
    for name in raw:
        if name not in OPERATION_ORDER:
            expected = f"a known operation ({', '.join(OPERATION_ORDER)})"
            problems.append({"operation": name, "expected": expected, "got": describe_value(name)})
    commands: list[RelationCommand] = []
    for name in OPERATION_ORDER:
        if name in raw:
            commands.extend(_OPERATIONS[name](raw[name], problems))
    return tuple(commands)


def _op_clear(raw: Any, problems: list[dict]) -> list[RelationCommand]:
    if raw is not True:
        problems.append({"operation": "clear", "expected": "true", "got": describe_value(raw)})
        return []
    return [Clear()]


def _op_create(raw: Any, problems: list[dict]) -> list[RelationCommand]:
    bad = _first_bad(raw, lambda item: isinstance(item, dict))
    if bad is not _NONE:
        problems.append({"operation": "create", "expected": "a list of objects", "got": describe_value(bad)})
        return []
    return [Create(dict(item)) for item in raw]


def _op_update(raw: Any, problems: list[dict]) -> list[RelationCommand]:
    bad = _first_bad(raw, lambda item: isinstance(item, dict) and _is_id(item.get("id")))
    if bad is not _NONE:
        in_list = isinstance(raw, list) and isinstance(bad, dict)
        got = f'an object with "id" {describe_value(bad.get("id"))}' if in_list else describe_value(bad)
        expected = f'a list of objects, each with an "id" (an integer from 1 to {INT4_MAX})'
        problems.append({"operation": "update", "expected": expected, "got": got})
        return []
    return [Update(item["id"], {key: value for key, value in item.items() if key != "id"}) for item in raw]


_NONE = object()


def _first_bad(raw: Any, is_good: Callable[[Any], bool]) -> Any:
    """``raw`` itself when it is not a list, else its first item failing ``is_good``, else ``_NONE``."""
    if not isinstance(raw, list):
        return raw
    return next((item for item in raw if not is_good(item)), _NONE)


_OPERATIONS: dict[str, Callable[[Any, list[dict]], list[RelationCommand]]] = {
    "clear": _op_clear,
    "set": lambda raw, problems: [SetIds(_ids("set", raw, problems))],
    "unlink": lambda raw, problems: [Unlink(i) for i in _ids("unlink", raw, problems)],
    "delete": lambda raw, problems: [Delete(i) for i in _ids("delete", raw, problems)],
    "link": lambda raw, problems: [Link(i) for i in _ids("link", raw, problems)],
    "create": _op_create,
    "update": _op_update,
}


# --- raw Odoo command lists -----------------------------------------------------------------

def _unused(slot: Any) -> bool:
    """Whether ``slot`` is one of the fillers Odoo accepts in a slot it does not read."""
    return slot is None or slot is False or (type(slot) is int and slot == 0)


def _id_slot(command: list) -> bool:
    """Whether ``command`` is ``[code, id]`` or ``[code, id, unused]``."""
    return 2 <= len(command) <= 3 and _is_id(command[1]) and all(_unused(slot) for slot in command[2:])


@frozen
class _RawForm:
    """One raw command code: its operation name, its shape for errors, its check and its builder."""

    operation: str
    shape: str
    fits: Callable[[list], bool]
    build: Callable[[list], RelationCommand]


_RAW_FORMS: dict[int, _RawForm] = {
    CommandCode.CREATE: _RawForm("create", "[0, 0, {values}]",
                lambda c: len(c) == 3 and _unused(c[1]) and isinstance(c[2], dict),
                lambda c: Create(dict(c[2]))),
    CommandCode.UPDATE: _RawForm("update", "[1, id, {values}]",
                lambda c: len(c) == 3 and _is_id(c[1]) and isinstance(c[2], dict),
                lambda c: Update(c[1], dict(c[2]))),
    CommandCode.DELETE: _RawForm("delete", "[2, id] or [2, id, 0]", _id_slot, lambda c: Delete(c[1])),
    CommandCode.UNLINK: _RawForm("unlink", "[3, id] or [3, id, 0]", _id_slot, lambda c: Unlink(c[1])),
    CommandCode.LINK: _RawForm("link", "[4, id] or [4, id, 0]", _id_slot, lambda c: Link(c[1])),
    CommandCode.CLEAR: _RawForm("clear", "[5], [5, 0] or [5, 0, 0]",
                lambda c: len(c) <= 3 and all(_unused(slot) for slot in c[1:]),
                lambda c: Clear()),
    CommandCode.SET: _RawForm("set", "[6, 0, [ids]]",
                lambda c: len(c) == 3 and _unused(c[1]) and _first_bad(c[2], _is_id) is _NONE,
                lambda c: SetIds(c[2])),
}
RAW_COMMAND = "an Odoo command [code, ...] with a code from 0 to 6"


def _parse_raw_commands(raw: list, problems: list[dict]) -> tuple[RelationCommand, ...]:
    """The typed commands of a list of Odoo command lists, in order."""
    commands = []
    for index, item in enumerate(raw):
        code = item[0] if isinstance(item, list) and item else None
        form = _RAW_FORMS.get(code) if type(code) is int else None  # bool is no code, and lists don't hash
        if form is None:
            problems.append({"operation": "command", "index": index, "expected": RAW_COMMAND,
                             "got": _render(item)})
        elif not form.fits(item):
            problems.append({"operation": form.operation, "index": index, "expected": form.shape,
                             "got": _render(item)})
        else:
            commands.append(form.build(item))
    return tuple(commands)


def _render(item: Any) -> str:
    """A one-level rendering of a raw command: ``[1, 5, {…}]``."""
    if not isinstance(item, list):
        return describe_value(item)
    parts = [_render_slot(slot) for slot in item[:4]] + (["…"] if len(item) > 4 else [])
    return "[" + ", ".join(parts) + "]"


def _render_slot(slot: Any) -> str:
    """A command slot, with containers elided."""
    if isinstance(slot, dict):
        return "{…}"
    return "[…]" if isinstance(slot, list) else describe_value(slot)
