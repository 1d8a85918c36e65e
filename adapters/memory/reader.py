"""Reading rows in Odoo's ``read()`` shapes, nested selections included, one batch per level."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain.resolution import ResolvedField, ResolvedSelection
from .conversion import to_read
from .database import Database, Row
from .ordering import sort_rows
from .relations import stored_or_computed, x2many_reader
from .schema import FieldSpec
from .scope import Scope


class RecordReader:
    """Turns stored rows into the dicts a ``RecordStore`` returns, as one user."""

    def __init__(self, database: Database, scope: Scope):
        self.database = database
        self.scope = scope

    def check_readable(self, selection: ResolvedSelection) -> None:
        """Raise ``AccessError`` for a field (at any level) whose group the user lacks."""
        self.scope.check_fields(self.database.model(selection.model), selection.names)
        for resolved in selection.fields:
            if resolved.nested is not None:
                self.check_readable(resolved.nested)

    def read_rows(self, rows: list[Row], selection: ResolvedSelection) -> list[dict]:
        """One dict per row with exactly the selection's fields, in the selection's order."""
        schema = self.database.model(selection.model)
        records: list[dict] = [{} for _ in rows]
        for resolved in selection.fields:
            spec = schema.fields[resolved.name]
            values = self._column(spec, resolved, rows)
            for record, value in zip(records, values, strict=True):
                record[resolved.name] = value
        return records

    def _column(self, spec: FieldSpec, resolved: ResolvedField, rows: list[Row]) -> list[Any]:
        if spec.info.is_x2many:
            related = x2many_reader(self.database, self.scope, spec)
            ids_per_row = self._in_comodel_order(spec, [related(row) for row in rows])
            if resolved.nested is None:
                return ids_per_row
            nested = self._read_related(resolved.nested, {i for ids in ids_per_row for i in ids})
            return [[nested[i] for i in ids if i in nested] for ids in ids_per_row]
        getter = self._getter(spec)
        values = [getter(row) for row in rows]
        if spec.type != "many2one" or resolved.nested is None:
            return values
        nested = self._read_related(resolved.nested, {v for v in values if v})
        return [nested.get(v, False) if v else False for v in values]

    def _in_comodel_order(self, spec: FieldSpec, ids_per_row: list[list[int]]) -> list[list[int]]:
        """Each list of related ids in the comodel's default order, as Odoo reads an x2many."""
        every = {i for ids in ids_per_row for i in ids}
        if not every:
            return ids_per_row
        comodel = self.database.model(spec.info.comodel)
        table = self.database.table(comodel.name)
        ranked = sort_rows(self.database, comodel, [table[i] for i in sorted(every)], None)
        rank = {row["id"]: position for position, row in enumerate(ranked)}
        return [sorted(ids, key=rank.__getitem__) for ids in ids_per_row]

    def _getter(self, spec: FieldSpec) -> Callable[[Row], Any]:
        if spec.compute is not None:
            return stored_or_computed(self.database, spec)
        return lambda row: to_read(spec, row.get(spec.name))

    def _read_related(self, selection: ResolvedSelection, ids: set[int]) -> dict[int, dict]:
        """The related records of one level, read in one batch, by id."""
        table = self.database.table(selection.model)
        rows = [table[i] for i in sorted(ids) if i in table]
        return {record["id"]: record for record in self.read_rows(rows, selection)}
