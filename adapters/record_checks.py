"""The checks both Odoo-backed stores (the ORM's and the RPC one) make before a write, and their errors.

Which ids a write names is decided here once; each store only says how it finds the records
that are there (the ORM's ``exists``/``search``, or a ``search`` over RPC).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..domain.errors import NotFound, ValidationError

ID_COMMANDS = (1, 2, 3, 4)  # update, delete, unlink, link: (code, id, …)
SET_COMMAND = 6

# name → (field type, related model) for the fields of one model; None for a field it lacks.
FieldRelation = Callable[[str], "tuple[str, str | None] | None"]


def refuse_missing(model: str, ids: Sequence[int], found: Iterable[int]) -> None:
    """NotFound naming the ``ids`` that are not among ``found``, in the order they were asked."""
    present = set(found)
    missing = [i for i in ids if i not in present]
    if missing:
        raise NotFound(f"Record(s) {', '.join(map(str, missing))} of {model} not found",
                       {"model": model, "ids": missing})


def related_ids(commands: Iterable[Any]) -> list[int]:
    """The ids x2many commands name: update, delete, unlink and link (``(code, id, …)``), and set."""
    ids = []
    for command in commands:
        if isinstance(command, (list, tuple)) and len(command) >= 2 and command[0] in ID_COMMANDS:
            ids.append(command[1])
        elif isinstance(command, (list, tuple)) and len(command) == 3 and command[0] == SET_COMMAND:
            ids.extend(command[2])
    return ids


class RelatedIds:
    """The related records a batch of write values names, per related model.

    ``targets``: many2one ids and the first field naming each (a missing one is a 400);
    ``linked``: x2many ids in order (one the user cannot see is a 404).
    """

    def __init__(self, relation_of: FieldRelation, values_list: Sequence[Mapping[str, Any]]):
        self.targets: dict[str, dict[int, str]] = {}
        self.linked: dict[str, dict[int, None]] = {}
        for values in values_list:
            for name, value in values.items():
                field_type, comodel = relation_of(name) or ("", None)
                if comodel is None or not value:
                    continue
                if field_type == "many2one" and isinstance(value, int):
                    self.targets.setdefault(comodel, {}).setdefault(value, name)
                elif field_type in ("one2many", "many2many") and isinstance(value, list):
                    self.linked.setdefault(comodel, {}).update(dict.fromkeys(related_ids(value)))


def refuse_missing_target(comodel: str, wanted: Mapping[int, str], found: Iterable[int]) -> None:
    """ValidationError naming the field of the first many2one target that is not there."""
    present = set(found)
    missing = next((i for i in wanted if i not in present), None)
    if missing is not None:
        field = wanted[missing]
        raise ValidationError(f"Field {field!r}: record {missing} of {comodel} does not exist",
                              {"field": field, "model": comodel, "id": missing})
