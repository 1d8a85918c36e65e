"""Checking one create/write values dict and splitting it into columns and x2many commands."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen

from ...domain.commands import CommandCode
from ...domain.errors import NotFound, ValidationError
from .conversion import InvalidValue, is_int, to_stored
from .database import Database
from .schema import MAGIC_FIELDS, FieldSpec, ModelSchema

Command = tuple[int, Any, Any]

COMMAND_CODES = range(7)


@frozen
class PreparedValues:
    """Stored values of the scalar and many2one fields, and the x2many commands to apply."""

    columns: dict[str, Any]
    commands: dict[str, list[Command]]


def prepare_values(database: Database, schema: ModelSchema, values: Any) -> PreparedValues:
    """Check ``values`` against ``schema`` and convert them to stored form.

    Magic fields (``id``, ``create_date``…) and computed fields are ignored, as Odoo
    does. Raises one ``ValidationError`` listing every unknown field, else one
    listing every invalid value.
    """
    if not isinstance(values, Mapping):
        raise ValidationError(f"Values for {schema.name} must be a dict", {"model": schema.name})
    unknown = [name for name in values if schema.field(name) is None]
    if unknown:
        raise ValidationError(f"Unknown field(s) {', '.join(map(str, unknown))} on model {schema.name}",
                              {"model": schema.name, "fields": unknown})
    columns, commands, problems = {}, {}, {}
    for name, value in values.items():
        spec = schema.fields[name]
        if name in MAGIC_FIELDS or spec.compute is not None:
            continue
        try:
            if spec.info.is_x2many:
                commands[name] = parse_commands(database, spec, value)
            else:
                columns[name] = _column_value(database, spec, value)
        except InvalidValue as exc:
            problems[name] = str(exc)
    if problems:
        raise ValidationError(f"Invalid value(s) for {', '.join(problems)} on model {schema.name}",
                              {"model": schema.name, "fields": problems})
    return PreparedValues(columns, commands)


def _column_value(database: Database, spec: FieldSpec, value: Any) -> Any:
    stored = to_stored(spec, value)
    if spec.type == "many2one" and stored is not None and database.row(spec.info.comodel, stored) is None:
        raise InvalidValue(f"no {spec.info.relation} record with id {stored}")
    return stored


def parse_commands(database: Database, spec: FieldSpec, value: Any) -> list[Command]:
    """The x2many ``value`` as checked command tuples; ``False`` means clear.

    Raises ``InvalidValue`` for a malformed command and ``NotFound`` naming the related
    ids (to update, delete, unlink, link or set) that do not exist, as the Odoo store does.
    """
    if value is False or value is None:
        return [(5, 0, 0)]
    if not isinstance(value, (list, tuple)):
        raise InvalidValue("expected a list of command tuples")
    commands = [_command(item) for item in value]
    table = database.table(spec.info.comodel)
    named = [i for code, target, ids in commands if code in (1, 2, 3, 4, 6)
             for i in (ids if code == CommandCode.SET else [target])]
    missing = list(dict.fromkeys(i for i in named if i not in table))
    if missing:
        raise NotFound(f"Record(s) {', '.join(map(str, missing))} of {spec.info.relation} not found",
                       {"model": spec.info.relation, "ids": missing})
    return commands


def _command(item: Any) -> Command:
    if not isinstance(item, (list, tuple)) or len(item) != 3 or not is_int(item[0]) \
            or item[0] not in COMMAND_CODES:
        raise InvalidValue(f"invalid command {item!r}: expected (code 0-6, id, value)")
    code, target, payload = item
    if code in (1, 2, 3, 4) and not is_int(target):
        raise InvalidValue(f"command {code} needs a record id, got {target!r}")
    if code in (0, 1) and not isinstance(payload, Mapping):
        raise InvalidValue(f"command {code} needs a values dict, got {payload!r}")
    if code == CommandCode.SET and (not isinstance(payload, (list, tuple)) or not all(is_int(i) for i in payload)):
        raise InvalidValue(f"command 6 needs a list of ids, got {payload!r}")
    return (code, target, payload)


def missing_required(schema: ModelSchema, columns: Mapping[str, Any], creating: bool) -> list[str]:
    """Required fields left empty: absent or NULL on create, set to NULL on write.

    Booleans are never missing (``False`` is a value), as in Odoo.
    """
    missing = []
    for spec in schema.stored_fields():
        if not spec.info.required or spec.type == "boolean" or spec.info.is_x2many or spec.name in MAGIC_FIELDS:
            continue
        if (creating or spec.name in columns) and columns.get(spec.name) is None:
            missing.append(spec.name)
    return missing
