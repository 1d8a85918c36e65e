"""The record store over a remote Odoo's external API, as the key's user (spec §15 of the gateway)."""
from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from typing import Any

from ..external_id_domain import found_names, names_domain
from ...application.webhook_ports import Webhooks
from ...application.capabilities import Aggregates, ChangeFeed, ExternalIds, ExternalIdWrites, FileStore, RecordLocks
from ...application.ports import (BinaryContent, FileUpload, ModelCatalog, RecordStore, ReportInfo,
                                  ReportRenderer, StoredFile, UserInfo)
from ...domain.errors import AccessError, NotFound, NotSupported, ValidationError
from ...domain.file_types import upload_mimetype
from ..binary_content import binary_content
from ..record_checks import RelatedIds, refuse_missing, refuse_missing_target
from ..web_spec import web_specification
from .calls import RpcCalls
from .grouping import read_group
from .rows import typed_rows


FEED_NEEDS_THE_ADDON = ("The change feed needs the rest_api addon in the Odoo database: it must know "
                        "which transactions are still open (or it would skip late commits) and keep "
                        "a deletion log")


class RpcRecordStore(RecordStore, Aggregates, FileStore, ExternalIds):
    """Every port call is one or two RPC calls; each RPC call is its own transaction upstream."""

    # What Odoo's external API cannot offer, and why (the 501 a client gets).
    not_offered = {
        ChangeFeed: FEED_NEEDS_THE_ADDON,
        Webhooks: "Webhooks need the rest_api addon in the Odoo database: they are built on its change feed "
                  "and delivered by its cron, after commit",
        RecordLocks: "If-Match needs the rest_api addon in the Odoo database: over Odoo's external API "
                     "the version check and the write cannot be one atomic step",
        ExternalIdWrites: "New external ids and upserts need the rest_api addon in the Odoo database: over "
                          "Odoo's external API a record and its external id, or the rows of an upsert, "
                          "would be written in separate transactions",
    }

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
        refuse_missing(model, ids, self._search_all(model, ids))

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

        def relation_of(name):
            field = fields.get(name)
            return None if field is None else (field.type, field.relation)
        related = RelatedIds(relation_of, values_list)
        for comodel, wanted in related.targets.items():
            refuse_missing_target(comodel, wanted, self._search_all(comodel, wanted))
        for comodel, ids in related.linked.items():
            if ids:
                self._visible(comodel, list(ids))

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

    def read_binary(self, model, record_id, field) -> BinaryContent | None:
        self._visible(model, [record_id])
        named = "name" in self.catalog.model(model).fields  # ir.binary names the file after it
        [row] = self.calls.execute(model, "read", kwargs={"fields": [field, "name"] if named else [field]},
                                   ids=[record_id])
        if not row.get(field):
            return None
        try:
            content = base64.b64decode(row[field], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(f"Field {field} of {model} {record_id} is not base64 content") from exc
        return binary_content(model, record_id, field, content, row.get("name") or None)

    def external_ids(self, model, ids):
        if not ids:
            return {}
        # Odoo's public get_external_id: any user who may read the records (JSON keys are text)
        found = self.calls.execute(model, "get_external_id", ids=list(ids))
        return {int(key): name for key, name in found.items() if name}

    def find_external_ids(self, names):
        if not names:
            return {}
        domain = names_domain(names)
        # ir.model.data is readable by Odoo's "Access Rights" group only: other users get its 403
        rows = self.calls.execute("ir.model.data", "search_read", kwargs={
            "domain": domain, "fields": ["module", "name", "model", "res_id"]})
        return found_names(rows)


class RpcReports(ReportRenderer):
    """Odoo's external API renders no report (``_render`` is private): a clear 501."""

    def report(self, reference: str) -> ReportInfo:
        raise NotSupported("Reports need the rest_api addon in the Odoo database: Odoo's external API "
                           "cannot render them", {"report": reference})

    def render(self, report, ids, format):
        raise NotSupported("Reports need the rest_api addon in the Odoo database")
