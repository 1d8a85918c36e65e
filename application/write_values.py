"""Checking and translating a client's record values into what the store writes."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.commands import map_values, parse_relation_value, to_odoo_commands
from ..domain.errors import AccessError, ValidationError
from ..domain.external_ids import EXTERNAL_ID
from ..domain.model_info import ModelInfo
from ..domain.value_input import decode_value
from .session import Session

# Fields Odoo manages itself; a client never writes them.
MAGIC_FIELDS = frozenset({"id", "create_uid", "create_date", "write_uid", "write_date",
                          "display_name", "__last_update"})


def decode_record(session: Session, model: ModelInfo, data: Any) -> dict:
    """``data`` checked field by field and translated to store values.

    Every unknown, read-only or malformed field of one record is reported in one
    ``ValidationError``; sensitive and group-restricted fields are an ``AccessError``
    (Odoo 18.0 does not check field groups on create, so this must).
    """
    if not isinstance(data, Mapping):
        raise ValidationError(f"Values for {model.name} must be a JSON object",
                              {"model": model.name, "got": type(data).__name__})
    _refuse_forbidden(session, model, data)
    values, problems = {}, {}
    for name, raw in data.items():
        try:
            values[name] = _decode_field(session, model, name, raw)
        except ValidationError as exc:
            problems[name] = exc.message
    if problems:
        raise ValidationError(f"Invalid values for {model.name}: {', '.join(problems)}",
                              {"model": model.name, "fields": problems})
    return values


def _refuse_forbidden(session: Session, model: ModelInfo, data: Mapping) -> None:
    forbidden = [name for name in data
                 if name in session.sensitive
                 or (model.field(name) is not None and not model.fields[name].readable)]
    if forbidden:
        raise AccessError(f"Field(s) {', '.join(forbidden)} of model {model.name} cannot be written",
                          model.refused_fields(forbidden))


def check_char_length(session: Session, field_type: str, raw: Any) -> None:
    """``ValidationError`` for a char value over ``max_char_length`` characters."""
    limit = session.settings.max_char_length
    if field_type == "char" and isinstance(raw, str) and len(raw) > limit:
        raise ValidationError(f"longer than {limit} characters ({len(raw)}); use a text field for long text")


def _decode_field(session: Session, model: ModelInfo, name: str, raw: Any) -> Any:
    field = model.field(name)
    if field is None:
        raise ValidationError(f"unknown field of model {model.name}")
    if name == EXTERNAL_ID:
        raise ValidationError("given only when creating a record (POST, /batch, /upsert); an existing "
                              "record is addressed by it in paths")
    if field.readonly or name in MAGIC_FIELDS:
        raise ValidationError("read-only field")
    if not field.is_x2many:
        check_char_length(session, field.type, raw)
        return decode_value(field, raw)
    related = session.model(field.comodel, "read")
    commands = parse_relation_value(name, raw)
    commands = map_values(commands, lambda values: decode_record(session, related, values))
    return to_odoo_commands(commands)
