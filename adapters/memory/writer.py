"""Creating, writing and deleting rows like Odoo: checked values, commands, constraints, all or nothing."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...domain.errors import AccessError, Conflict, NotFound, ValidationError
from .commands import RelationEditor
from .database import Database, Row
from .protected_records import refuse_protected_unlink, refuse_self_deactivation, with_company_partners
from .schema import ModelSchema
from .scope import Scope
from .values_check import PreparedValues, missing_required, prepare_values


def rows_of(database: Database, scope: Scope, model: str, ids: Sequence[int]) -> list[Row]:
    """The rows ``ids`` in that order, archived ones included (a browse, not a search).

    Raises ``NotFound`` listing the ids that do not exist or that record rules hide.
    """
    schema, table = database.model(model), database.table(model)
    missing = [i for i in dict.fromkeys(ids) if i not in table or not scope.passes_rules(schema, table[i])]
    if missing:
        raise NotFound(f"Record(s) {', '.join(map(str, missing))} of {model} not found",
                       {"model": model, "ids": missing})
    return [table[i] for i in ids]


class RecordWriter:
    """The write side of the in-memory store, acting as one user."""

    def __init__(self, database: Database, scope: Scope):
        self.database = database
        self.scope = scope

    def create(self, model: str, values_list: Sequence[Mapping[str, Any]]) -> list[int]:
        """Create one record per values dict; all or none. Returns ids in input order."""
        schema = self.database.model(model)
        self.scope.check_access(schema, "create")
        with self.database.transaction():
            values_list = with_company_partners(lambda partners: self.create("res.partner", partners),
                                                model, values_list)
            return [self._create_one(schema, values) for values in values_list]

    def write(self, model: str, ids: Sequence[int], values: Mapping[str, Any]) -> None:
        """Write ``values`` on every record of ``ids``; all or none."""
        schema = self.database.model(model)
        self.scope.check_access(schema, "write")
        rows = rows_of(self.database, self.scope, model, ids)
        refuse_self_deactivation(self.scope, model, ids, values)
        prepared = prepare_values(self.database, schema, values)
        self._refuse_missing(schema, missing_required(schema, prepared.columns, creating=False))
        self.scope.check_fields(schema, values)
        with self.database.transaction():
            now = self.database.clock()
            for row in rows:
                row.update(prepared.columns, write_date=now)
            for row in rows:
                self._apply_commands(schema, row["id"], prepared)
            self._check_unique(schema, [row["id"] for row in rows])
            self._check_no_cycle(schema, [row["id"] for row in rows])
            self.database.log_change(model, [row["id"] for row in rows], fields=values)

    def unlink(self, model: str, ids: Sequence[int]) -> None:
        """Delete the records ``ids``; references to them are nulled, cascaded or refused."""
        schema = self.database.model(model)
        self.scope.check_access(schema, "unlink")
        rows_of(self.database, self.scope, model, ids)
        refuse_protected_unlink(self.database, model, ids)
        with self.database.transaction():
            self._delete(model, set(ids))

    def _create_one(self, schema: ModelSchema, values: Mapping[str, Any]) -> int:
        # No field-group check here: Odoo 18's create checks none (its write does); the core does.
        prepared = prepare_values(self.database, schema, values)
        columns = {**self._defaults(schema, prepared.columns), **prepared.columns}
        self._refuse_missing(schema, missing_required(schema, columns, creating=True))
        record_id = self.database.next_id(schema.name)
        now = self.database.clock()
        row: dict[str, Any] = {spec.name: [] if spec.type == "many2many" else None
               for spec in schema.stored_fields() if spec.type != "one2many"}
        row.update(columns, id=record_id, create_date=now, write_date=now)
        self.database.table(schema.name)[record_id] = row
        if not self.scope.passes_rules(schema, row):  # Odoo checks the create rules on the new record
            raise AccessError(f"You are not allowed to create this {schema.name} record: it belongs to a "
                              "company you are not working in", {"model": schema.name})
        self._apply_commands(schema, record_id, prepared)
        self._check_unique(schema, [record_id])
        self.database.log_change(schema.name, [record_id], created=True)
        return record_id

    def _defaults(self, schema: ModelSchema, given: Mapping[str, Any]) -> dict[str, Any]:
        defaults = {}
        for spec in schema.stored_fields():
            if spec.name not in given and spec.default is not None:
                defaults[spec.name] = spec.default(self.scope) if callable(spec.default) else spec.default
        return defaults

    def _apply_commands(self, schema: ModelSchema, record_id: int, prepared: PreparedValues) -> None:
        for name, commands in prepared.commands.items():
            RelationEditor(self, schema.name, schema.fields[name], record_id).apply(commands)

    @staticmethod
    def _refuse_missing(schema: ModelSchema, missing: list[str]) -> None:
        if missing:
            raise ValidationError(f"Missing required field(s) {', '.join(missing)} on model {schema.name}",
                                  {"model": schema.name, "fields": missing})

    def _check_unique(self, schema: ModelSchema, ids: list[int]) -> None:
        table = self.database.table(schema.name)
        for rule in schema.unique:
            for record_id in ids:
                key = tuple(table[record_id].get(n) for n in rule.fields)
                if any(v is None for v in key):
                    continue  # NULLs never collide, as in PostgreSQL
                if any(oid != record_id and tuple(row.get(n) for n in rule.fields) == key
                       for oid, row in table.items()):
                    if not rule.sql:
                        raise ValidationError(rule.message, {"model": schema.name, "fields": list(rule.fields)})
                    raise Conflict(f"The operation cannot be completed: {rule.message}",
                                   {"constraint": rule.constraint})

    def _check_no_cycle(self, schema: ModelSchema, ids: list[int]) -> None:
        """Refuse a loop of the model's parent field, as Odoo's ``_check_recursion`` constraints do."""
        parent = schema.parent_name
        if parent is None or schema.fields[parent].info.relation != schema.name:
            return
        table = self.database.table(schema.name)
        for record_id in ids:
            seen, current = {record_id}, table[record_id].get(parent)
            while current:
                if current in seen:
                    raise ValidationError(f"Recursion detected: {schema.name} {record_id} would be its own parent",
                                          {"model": schema.name, "id": record_id, "field": parent})
                seen.add(current)
                current = table.get(current, {}).get(parent)

    def _delete(self, model: str, ids: set[int]) -> None:
        """Remove rows, then fix what pointed at them (Odoo's ``ondelete``), cascading."""
        table = self.database.table(model)
        for record_id in ids:
            table.pop(record_id, None)
        names = self.database.external_ids  # Odoo deletes the names of deleted records too
        gone = [(n, i) for n, (m, i) in names.items() if m == model and i in ids]
        first: dict[int, str] = {}
        for name, record_id in gone:
            first.setdefault(record_id, name)
            del names[name]
        self.database.log_deletion(model, sorted(ids), first)
        cascades: dict[str, set[int]] = {}
        for other in self.database.schema.values():
            for spec in other.stored_fields():
                if spec.info.relation != model or spec.type == "one2many":
                    continue
                for row in self.database.table(other.name).values():
                    self._release(other, spec.name, spec.ondelete, row, ids, cascades)
        for other_model, other_ids in cascades.items():
            self._delete(other_model, other_ids)

    def _release(self, schema: ModelSchema, name: str, ondelete: str, row: Row, ids: set[int],
                 cascades: dict[str, set[int]]) -> None:
        value = row.get(name)
        if isinstance(value, list):
            row[name] = [i for i in value if i not in ids]
        elif value in ids:
            if ondelete == "restrict":
                raise Conflict("The operation cannot be completed: another model requires the record being "
                               "deleted. If possible, archive it instead.\n\n"
                               f"Model: {schema.description} ({schema.name})\n"
                               f"Constraint: {schema.name.replace('.', '_')}_{name}_fkey\n",
                               {"constraint": f"{schema.name.replace('.', '_')}_{name}_fkey"})
            if ondelete == "cascade":
                cascades.setdefault(schema.name, set()).add(row["id"])
            else:
                row[name] = None
