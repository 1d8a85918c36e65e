"""The in-memory ``RecordStore``: Odoo's behaviour the core relies on, over a ``Database``."""
from __future__ import annotations

import base64
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from ...application.capabilities import Aggregates, ChangeFeed, ExternalIds, ExternalIdWrites, FileStore, RecordLocks
from ...application.ports import BinaryContent, ChangePage, FileUpload, RecordStore, StoredFile, UserInfo
from ...domain.aggregation import AggregateQuery
from ...domain.change_feed import FeedCursor
from ...domain.errors import AccessError, Conflict, NotFound, ValidationError
from ...domain.file_types import upload_mimetype
from ...domain.resolution import ResolvedSelection
from ..arguments import check_arguments
from ..binary_content import binary_content
from .change_feed import read_changes
from .database import MODULES, Database
from .domain_eval import DomainEvaluator
from .grouping import read_group as group_rows
from .ordering import parse_order, sort_rows
from .reader import RecordReader
from .schema import ModelSchema
from .scope import Scope
from .webhooks import MemoryWebhooks
from .writer import RecordWriter, rows_of


class InMemoryRecordStore(RecordStore, ChangeFeed, Aggregates, RecordLocks, FileStore, ExternalIds,
                          ExternalIdWrites, MemoryWebhooks):
    """Records of ``database`` read and written as ``user_id`` under ``context``.

    Every call works on the shared database; wrap a request in
    ``database.transaction()`` to roll it back on failure, as Odoo does.
    """

    def __init__(self, database: Database, user_id: int, context: Mapping[str, Any] | None = None):
        self.database = database
        self.user_id = user_id
        self.context = dict(context or {})

    def with_context(self, context: Mapping[str, Any]) -> InMemoryRecordStore:
        """A store sharing the database, with ``context`` merged over this one's."""
        return InMemoryRecordStore(self.database, self.user_id, {**self.context, **context})

    def current_user(self) -> UserInfo:
        """The user this store acts as, with their companies."""
        user = self.database.row("res.users", self.user_id)
        if user is None:
            raise NotFound(f"User {self.user_id} not found", {"model": "res.users", "id": self.user_id})
        return UserInfo(self.user_id, user.get("name") or "", tuple(user.get("company_ids") or ()))

    @property
    def scope(self) -> Scope:
        """Who this store acts as, under its context."""
        return Scope.of_user(self.database, self.user_id, self.context)

    def _readable(self, model: str) -> tuple[ModelSchema, Scope]:
        schema, scope = self.database.model(model), self.scope
        scope.check_access(schema, "read")
        return schema, scope

    def search_read(self, model: str, domain: list, selection: ResolvedSelection,
                    order: str | None, offset: int, limit: int | None) -> list[dict]:
        """Matching records, sorted, sliced, read with the (nested) selection."""
        schema, scope = self._readable(model)
        reader = RecordReader(self.database, scope)
        reader.check_readable(selection)
        if order:  # Odoo checks the groups of the fields it sorts by, as of those it reads
            scope.check_fields(schema, [key.field for key in parse_order(order, schema)])
        rows = sort_rows(self.database, schema, DomainEvaluator(self.database, scope).search(model, domain), order)
        end = offset + limit if limit else None  # the ORM reads limit 0 as "no limit"
        return reader.read_rows(rows[offset:end], selection)

    def search_count(self, model: str, domain: list) -> int:
        """How many records match ``domain``."""
        _schema, scope = self._readable(model)
        return len(DomainEvaluator(self.database, scope).search(model, domain))

    def search_ids(self, model: str, domain: list) -> list[int]:
        """Ids of the matching records, in id order."""
        _schema, scope = self._readable(model)
        return [row["id"] for row in DomainEvaluator(self.database, scope).search(model, domain)]

    def read(self, model: str, ids: Sequence[int], selection: ResolvedSelection) -> list[dict]:
        """The records ``ids`` in that order; ``NotFound`` lists missing or hidden ones."""
        _schema, scope = self._readable(model)
        reader = RecordReader(self.database, scope)
        reader.check_readable(selection)
        return reader.read_rows(rows_of(self.database, scope, model, ids), selection)

    def create(self, model: str, values: Sequence[Mapping[str, Any]]) -> list[int]:
        """Create the records, all or none; their ids in input order."""
        return RecordWriter(self.database, self.scope).create(model, values)

    def write(self, model: str, ids: Sequence[int], values: Mapping[str, Any]) -> None:
        """Write ``values`` on the records ``ids``, all or none."""
        RecordWriter(self.database, self.scope).write(model, ids, values)

    def unlink(self, model: str, ids: Sequence[int]) -> None:
        """Delete the records ``ids``, all or none."""
        RecordWriter(self.database, self.scope).unlink(model, ids)

    def lock_version(self, model: str, record_id: int) -> Any:
        """The record's ``write_date``: one request at a time runs here, so no lock is needed."""
        _schema, scope = self._readable(model)
        [row] = rows_of(self.database, scope, model, [record_id])
        return row.get("write_date")

    def call(self, model: str, ids: Sequence[int] | None, method: str,
             args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        """Run a method registered on the model, checked like Odoo's RPC layer."""
        schema = self.database.model(model)
        if method.startswith("_"):
            raise AccessError(f"Private method {method!r} of {model} cannot be called",
                              {"model": model, "method": method})
        function = schema.methods.get(method)
        if function is None:
            raise NotFound(f"Method {method!r} not found on {model}", {"model": model, "method": method})
        record_ids = list(ids or [])
        rows_of(self.database, self.scope, model, record_ids)
        check_arguments(function, (self, record_ids), args, kwargs, model, method)
        return function(self, record_ids, *args, **kwargs)

    def read_group(self, model: str, domain: list, query: AggregateQuery,
                   offset: int, limit: int | None) -> list[dict]:
        """Groups of the matching records, computed like Odoo's ``_read_group``."""
        schema, scope = self._readable(model)
        names = [g.field for g in query.groupby] + [a.field for a in query.aggregates if a.field]
        scope.check_fields(schema, names)
        rows = DomainEvaluator(self.database, scope).search(model, domain)
        groups = group_rows(self.database, schema, rows, query, self.context.get("tz"))
        end = offset + limit if limit else None
        return groups[offset:end]

    def read_binary(self, model: str, record_id: int, field: str) -> BinaryContent | None:
        """The content of a binary field, or None when it is empty."""
        schema, scope = self._readable(model)
        spec = schema.field(field)
        if spec is None or spec.type != "binary":
            raise ValidationError(f"{field!r} is not a binary field of {model}", {"model": model, "field": field})
        scope.check_fields(schema, [field])
        [row] = rows_of(self.database, scope, model, [record_id])
        content = row.get(field)
        name = row.get("name") if isinstance(row.get("name"), str) else None
        return None if content is None else binary_content(model, record_id, field, content, name)

    def changes(self, model: str, cursor: FeedCursor, limit: int, selection: ResolvedSelection,
                deletions: bool) -> ChangePage:
        """Changes from the database's change log, archived records included."""
        store = self.with_context({"active_test": False})
        _schema, scope = store._readable(model)
        return read_changes(self.database, scope, model, cursor, limit, selection, deletions)

    def write_binary(self, model: str, record_id: int, field: str, upload: FileUpload) -> StoredFile:
        """Write the uploaded bytes into a binary field (held in memory: this is the demo store)."""
        data = b"".join(upload.chunks)
        mimetype = upload_mimetype(upload.mimetype, data)
        self.write(model, [record_id], {field: base64.b64encode(data).decode("ascii")})
        return StoredFile(None, upload.filename or field, mimetype, len(data))

    def create_attachments(self, model: str, record_id: int,
                           uploads: Iterable[FileUpload]) -> list[StoredFile]:
        """One ``ir.attachment`` row per upload, linked to a record the user may write."""
        schema, scope = self.database.model(model), self.scope
        scope.check_access(schema, "write")
        rows_of(self.database, scope, model, [record_id])
        stored = []
        for upload in uploads:
            data = b"".join(upload.chunks)
            name, mimetype = upload.filename or "file", upload_mimetype(upload.mimetype, data)
            [new_id] = RecordWriter(self.database, scope).create("ir.attachment", [{
                "name": name, "datas": base64.b64encode(data).decode("ascii")}])
            self.database.table("ir.attachment")[new_id].update(
                res_model=model, res_id=record_id, mimetype=mimetype, file_size=len(data))
            stored.append(StoredFile(new_id, name, mimetype, len(data)))
        return stored


    def external_ids(self, model: str, ids: Collection[int]) -> dict[int, str]:
        """The oldest name of each record that has one."""
        wanted, found = set(ids), dict[int, str]()
        for name, (owner, record_id) in self.database.external_ids.items():
            if owner == model and record_id in wanted:
                found.setdefault(record_id, name)
        return found

    def find_external_ids(self, names: Collection[str]) -> dict[str, tuple[str, int]]:
        """The model and record of each known name."""
        table = self.database.external_ids
        return {name: table[name] for name in names if name in table}

    def add_external_ids(self, model: str, records: Mapping[str, int]) -> None:
        """New names, refused (``Conflict``) when one exists, as Odoo's unique (module, name) index."""
        table = self.database.external_ids
        taken = sorted(name for name in records if name in table)
        if taken:
            raise Conflict("The operation cannot be completed: external id(s) already exist: "
                           + ", ".join(taken[:10]), {"external_ids": taken[:10]})
        table.update({name: (model, record_id) for name, record_id in records.items()})

    def module_names(self, namespaces: Collection[str]) -> set[str]:
        """The demo's modules among ``namespaces``."""
        return set(namespaces) & MODULES
