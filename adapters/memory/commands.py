"""Applying Odoo's x2many command tuples ``(0..6, id, value)`` to one record's relation."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from ...domain.commands import CommandCode
from .database import Database
from .relations import all_related_ids
from .schema import FieldSpec
from .values_check import Command


class RecordWrites(Protocol):
    """What applying commands needs of the store's writer (which uses this module)."""

    database: Database

    def create(self, model: str, values_list: Sequence[Mapping[str, Any]]) -> list[int]: ...

    def write(self, model: str, ids: Sequence[int], values: Mapping[str, Any]) -> None: ...

    def unlink(self, model: str, ids: Sequence[int]) -> None: ...


class RelationEditor:
    """Applies commands to the x2many ``spec`` of ``owner`` record ``record_id`` through ``writer``."""

    def __init__(self, writer: RecordWrites, owner: str, spec: FieldSpec, record_id: int):
        self.writer = writer
        self.owner = owner
        self.spec = spec
        self.record_id = record_id
        self.comodel = spec.info.comodel
        self.is_one2many = spec.type == "one2many"
        self.inverse = spec.inverse or ""  # a one2many's many2one on the comodel (the schema requires one)

    def apply(self, commands: list[Command]) -> None:
        """Apply ``commands`` in order (nested creates and writes are checked like any other)."""
        for code, target, payload in commands:
            if code == CommandCode.CREATE:
                self._create(payload)
            elif code == CommandCode.UPDATE:
                self.writer.write(self.comodel, [target], payload)
            elif code == CommandCode.DELETE:
                self.writer.unlink(self.comodel, [target])
            elif code == CommandCode.UNLINK:
                self._detach([target])
            elif code == CommandCode.LINK:
                self._attach([target])
            elif code == CommandCode.CLEAR:
                self._detach(self._current())
            else:
                keep = list(payload)
                self._detach([i for i in self._current() if i not in keep])
                self._attach(keep)

    def _current(self) -> list[int]:
        row = self.writer.database.table(self.owner)[self.record_id]
        return all_related_ids(self.writer.database, self.spec, row)

    def _create(self, values: dict) -> None:
        if self.is_one2many:
            self.writer.create(self.comodel, [{**values, self.inverse: self.record_id}])
        else:
            [new_id] = self.writer.create(self.comodel, [values])
            self._attach([new_id])

    def _attach(self, ids: list[int]) -> None:
        if self.is_one2many:
            if ids:
                self.writer.write(self.comodel, ids, {self.inverse: self.record_id})
            return
        row = self.writer.database.table(self.owner)[self.record_id]
        row[self.spec.name] = sorted(set(row.get(self.spec.name) or []) | set(ids))

    def _detach(self, ids: list[int]) -> None:
        if not ids:
            return
        if not self.is_one2many:
            row = self.writer.database.table(self.owner)[self.record_id]
            row[self.spec.name] = [i for i in (row.get(self.spec.name) or []) if i not in ids]
            return
        inverse = self.writer.database.model(self.comodel).fields[self.inverse]
        if inverse.ondelete == "cascade":  # Odoo deletes children that cannot be orphans
            self.writer.unlink(self.comodel, ids)
        else:
            self.writer.write(self.comodel, ids, {self.inverse: False})
