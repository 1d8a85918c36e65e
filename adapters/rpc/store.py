"""The record store over a remote Odoo's external API, as the key's user (spec §15 of the gateway)."""
from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from typing import Any

from ...application.ports import (BinaryContent, FileUpload, ModelCatalog, RecordStore, ReportInfo,
                                  ReportRenderer, StoredFile, UserInfo)
from ...domain.errors import AccessError, NotFound, NotSupported, ValidationError
from ...domain.file_types import sniff, upload_mimetype
from ..web_spec import web_specification
from .calls import RpcCalls
from .grouping import read_group
from .rows import typed_rows


FEED_NEEDS_THE_ADDON = ("The change feed needs the rest_api addon in the Odoo database: it must know "
                        "which transactions are still open (or it would skip late commits) and keep "
                        "a deletion log")


def related_ids(commands) -> list[int]:
    """The ids x2many commands name: update, delete, unlink and link (``(code, id, …)``), and set."""
    ids = [c[1] for c in commands if isinstance(c, (list, tuple)) and len(c) >= 2 and c[0] in (1, 2, 3, 4)]
    return ids + [i for c in commands if isinstance(c, (list, tuple)) and len(c) == 3 and c[0] == 6
                  for i in c[2]]


class RpcRecordStore(RecordStore):
    """Every port call is one or two RPC calls; each RPC call is its own transaction upstream."""

    def __init__(self, calls: RpcCalls, uid: int, catalog: ModelCatalog):
        self.calls, self.uid, self.catalog = calls, uid, catalog
        # web_search_read counts a full page's matches in the same call: kept for search_count,
        # which then costs no second round trip. Per store, so per request.
        self._totals: dict[tuple[str, str], int] = {}

    def with_context(self, context: Mapping[str, Any]) -> RecordStore:
        return RpcRecordStore(self.calls.with_context(context), self.uid, self.catalog)

    def current_user(self) -> UserInfo:
        [user] = self.calls.execute("res.users", "read", kwargs={"fields": ["name", "company_ids"]},
                                    ids=[self.uid])
        return UserInfo(self.uid, user["name"] or "", tuple(user["company_ids"]))

    def search_read(self, model, domain, selection, order, offset, limit):
        answer = self.calls.execute(model, "web_search_read", kwargs={
            "domain": domain, "specification": web_specification(selection), "offset": offset,
            "limit": limit, "order": order})
        if limit and len(answer["records"]) == limit:
            self._totals[(model, repr(domain))] = answer["length"]
        return typed_rows(answer["records"], selection)

    def search_count(self, model, domain):
        known = self._totals.get((model, repr(domain)))
        if known is not None:
            return known
        return self.calls.execute(model, "search_count", kwargs={"domain": domain})

    def search_ids(self, model, domain):
        return self.calls.execute(model, "search", kwargs={"domain": domain, "order": "id"})

    def _visible(self, model: str, ids: Sequence[int]) -> None:
        """NotFound naming the ids the user cannot see (archived ones count as seen)."""
        found = set(self._search_all(model, ids))
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFound(f"Record(s) {', '.join(map(str, missing))} of {model} not found",
                           {"model": model, "ids": missing})

    def read(self, model, ids, selection):
        try:
            rows = self.calls.execute(model, "web_read", kwargs={
                "specification": web_specification(selection)}, ids=list(ids))
        except (AccessError, NotFound):
            self._visible(model, ids)
            raise
        if len(rows) != len(ids):
            self._visible(model, ids)
        return typed_rows(rows, selection)

    def create(self, model, values):
        self._check_related_ids(model, values)
        return self.calls.execute(model, "create", kwargs={"vals_list": [dict(v) for v in values]})

    def write(self, model, ids, values):
        self._visible(model, ids)
        self._check_related_ids(model, [values])
        self.calls.execute(model, "write", kwargs={"vals": dict(values)}, ids=list(ids))

    def _check_related_ids(self, model: str, values_list) -> None:
        """As the Odoo store: a many2one to a record that is not there is a 400 naming the field,
        x2many commands naming ids the user cannot see a 404 (Odoo would skip or fail on them
        with a foreign-key message worded for deletions). One search per related model."""
        fields = self.catalog.model(model).fields
        targets: dict[str, set[int]] = {}
        seen: dict[str, set[int]] = {}
        for values in values_list:
            for name, value in values.items():
                field = fields.get(name)
                if field is None or not field.relation or not value:
                    continue
                if field.type == "many2one" and isinstance(value, int):
                    targets.setdefault(field.relation, set()).add(value)
                elif field.is_x2many and isinstance(value, list):
                    seen.setdefault(field.relation, set()).update(related_ids(value))
        for comodel, ids in targets.items():
            found = set(self._search_all(comodel, ids))
            for name, value in ((n, v) for values in values_list for n, v in values.items()):
                field = fields.get(name)
                if field is not None and field.type == "many2one" and field.relation == comodel \
                        and isinstance(value, int) and value and value not in found:
                    raise ValidationError(f"Field {name!r}: record {value} of {comodel} does not exist",
                                          {"field": name, "model": comodel, "id": value})
        for comodel, ids in seen.items():
            self._visible(comodel, sorted(ids))

    def _search_all(self, model: str, ids) -> list[int]:
        return self.calls.execute(model, "search", kwargs={
            "domain": [("id", "in", sorted(ids))], "context": {"active_test": False}})

    def unlink(self, model, ids):
        self._visible(model, ids)
        self.calls.execute(model, "unlink", ids=list(ids))

    def call(self, model, ids, method, args, kwargs):
        if method.startswith("_"):
            raise AccessError(f"Private methods (such as {model}.{method}) cannot be called",
                              {"model": model, "method": method})
        if ids is not None:
            self._visible(model, ids)
        return self.calls.execute(model, method, args, kwargs, ids=None if ids is None else list(ids))

    def read_group(self, model, domain, query, offset, limit):
        fields = self.catalog.model(model).fields
        types = {group.field: fields[group.field].type for group in query.groupby}
        return read_group(self.calls, model, domain, query, offset, limit, types)

    def changes(self, model, cursor, limit, selection, deletions):
        raise NotSupported(FEED_NEEDS_THE_ADDON, {"model": model})

    def write_binary(self, model, record_id, field, upload: FileUpload) -> StoredFile:
        """Over RPC a file travels base64 in one call: held in memory, bounded by the upload limit."""
        self._visible(model, [record_id])
        data = b"".join(upload.chunks)
        self.calls.execute(model, "write", kwargs={"vals": {field: base64.b64encode(data).decode("ascii")}},
                           ids=[record_id])
        return StoredFile(None, upload.filename or field, upload_mimetype(upload.mimetype, data), len(data))

    def create_attachments(self, model, record_id, uploads) -> list[StoredFile]:
        self._visible(model, [record_id])
        if not self.calls.execute(model, "has_access", kwargs={"operation": "write"}, ids=[record_id]):
            raise AccessError(f"You may not change {model} {record_id}, so you may not attach files to it",
                              {"model": model, "id": record_id})
        stored = []
        for upload in uploads:
            data = b"".join(upload.chunks)
            name, mimetype = upload.filename or "file", upload_mimetype(upload.mimetype, data)
            [new_id] = self.calls.execute("ir.attachment", "create", kwargs={"vals_list": [{
                "name": name, "datas": base64.b64encode(data).decode("ascii"), "mimetype": mimetype,
                "res_model": model, "res_id": record_id}]})
            stored.append(StoredFile(new_id, name, mimetype, len(data)))
        return stored

    def lock_version(self, model, record_id):
        raise NotSupported(
            "If-Match needs the rest_api addon in the Odoo database: over Odoo's external API the "
            "version check and the write cannot be one atomic step", {"header": "If-Match"})

    def read_binary(self, model, record_id, field) -> BinaryContent | None:
        self._visible(model, [record_id])
        [row] = self.calls.execute(model, "read", kwargs={"fields": [field]}, ids=[record_id])
        if not row.get(field):
            return None
        try:
            content = base64.b64decode(row[field], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(f"Field {field} of {model} {record_id} is not base64 content") from exc
        mimetype, extension = sniff(content)
        return BinaryContent(content, f"{model}-{record_id}-{field}{extension}", mimetype)



class RpcReports(ReportRenderer):
    """Odoo's external API renders no report (``_render`` is private): a clear 501."""

    def report(self, reference: str) -> ReportInfo:
        raise NotSupported("Reports need the rest_api addon in the Odoo database: Odoo's external API "
                           "cannot render them", {"report": reference})

    def render(self, report, ids, format):
        raise NotSupported("Reports need the rest_api addon in the Odoo database")
