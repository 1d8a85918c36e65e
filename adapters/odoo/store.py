"""The record store on Odoo's ORM, running as the request's user (never ``sudo``)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from typing import Any

from odoo import exceptions as odoo_exceptions
from odoo.http import borrow_request, request
from odoo.models import BaseModel
from odoo.service.model import get_public_method
from odoo.tools import SQL

from ...application.capabilities import Aggregates, ChangeFeed, FileStore, RecordLocks
from ...application.ports import BinaryContent, FileUpload, RecordStore, StoredFile, UserInfo
from ...domain.errors import AccessError, NotFound
from ..arguments import check_arguments
from . import uploads
from .binary import binary_content
from ..record_checks import RelatedIds, refuse_missing, refuse_missing_target
from ..web_spec import web_specification
from .change_feed import read_changes
from .errors import odoo_errors
from .external_ids import OdooExternalIds
from .grouping import read_group
from .identity_check import refuse_identity_checked
from .page import read_page
from .webhooks import OdooWebhooks

def plain_result(value: Any) -> Any:
    """Recordsets in a method result become lists of ids, recursively."""
    if isinstance(value, BaseModel):
        return value.ids
    if isinstance(value, dict):
        return {key: plain_result(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_result(item) for item in value]
    return value


def _without_http_request():
    """Run a method as Odoo's RPC does (``dispatch_rpc``): with no HTTP request in sight.

    Methods that need the browser (``@check_identity``, the identity-check wizard) then
    refuse themselves as they do over XML-RPC, whatever the check above missed.
    """
    return borrow_request() if request else nullcontext()


class OdooRecordStore(RecordStore, ChangeFeed, Aggregates, RecordLocks, FileStore, OdooExternalIds,
                      OdooWebhooks):
    """Reads and writes through ``env``, whose user is the API key's owner."""

    def __init__(self, env, max_memory_upload: int = 10 * 1024 * 1024):
        self.env = env
        self.max_memory_upload = max_memory_upload  # uploads Odoo must hold whole (image fields)

    def with_context(self, context: Mapping[str, Any]) -> RecordStore:
        return OdooRecordStore(self.env(context=dict(self.env.context, **context)), self.max_memory_upload)

    def current_user(self) -> UserInfo:
        user = self.env.user
        return UserInfo(user.id, user.name, tuple(user.company_ids.ids))

    def search_read(self, model, domain, selection, order, offset, limit):
        with odoo_errors(self.env, savepoint=False):
            return read_page(self.env[model], web_specification(selection), domain, offset, limit, order)

    def search_count(self, model, domain):
        with odoo_errors(self.env, savepoint=False):
            return self.env[model].search_count(domain)

    def search_ids(self, model, domain):
        with odoo_errors(self.env, savepoint=False):
            return self.env[model].search(domain, order="id").ids

    def _visible(self, model: str, ids: Sequence[int]):
        """The records ``ids`` the user can see (archived ones too); NotFound for the rest."""
        found = self.env[model].with_context(active_test=False).search([("id", "in", list(ids))]).ids
        refuse_missing(model, ids, found)
        return self.env[model].browse(list(ids))

    def read(self, model, ids, selection):
        with odoo_errors(self.env, savepoint=False):
            # Read first, explain after: ``read`` raises AccessError for records hidden by a
            # record rule and leaves out missing ones; ``_visible`` turns both into a 404.
            # One search and one domain evaluation fewer for every record that is there.
            records = self.env[model].browse(list(ids))
            try:
                if selection.names == ("id",):
                    # Reading nothing but ids fetches no column, so no record rule would apply.
                    records.check_access("read")
                rows = records.web_read(web_specification(selection))
            except (odoo_exceptions.AccessError, odoo_exceptions.MissingError):
                self._visible(model, ids)
                raise
            if len(rows) != len(records):
                self._visible(model, ids)
            return rows

    def _check_related_ids(self, model: str, values_list: Sequence[Mapping[str, Any]]) -> None:
        """NotFound for x2many commands naming related ids the user cannot see; a
        ValidationError for a many2one to a record that does not exist.

        Odoo silently skips an update of a missing related record, and a link to
        one fails as a foreign-key violation worded for deletions, so check first.
        The ids of all ``values_list`` are gathered per related model and checked
        with one query per model, however many records are written.
        """
        fields = self.env[model]._fields

        def relation_of(name):
            field = fields.get(name)
            return None if field is None else (field.type, field.comodel_name)
        related = RelatedIds(relation_of, values_list)
        for comodel, wanted in related.targets.items():
            # exists() ignores record rules on purpose: Odoo lets a user point at a
            # record they cannot read; only a record that is not there is refused.
            refuse_missing_target(comodel, wanted, self.env[comodel].browse(list(wanted)).exists().ids)
        for comodel, ids in related.linked.items():
            if ids:
                self._visible(comodel, list(ids))

    def create(self, model, values):
        with odoo_errors(self.env):
            self._check_related_ids(model, values)
            records = self.env[model].create(list(values))
            self._forget_x2many_order(records, {name for record_values in values for name in record_values})
            return records.ids

    def write(self, model, ids, values):
        with odoo_errors(self.env):
            records = self._visible(model, ids)
            self._check_related_ids(model, [values])
            records.write(dict(values))
            self._forget_x2many_order(records, values)

    def write_each(self, model, values_by_id):
        # One visibility search, one related-ids check and one savepoint for all the records;
        # the writes themselves are one per record, as Odoo's own load() does them.
        with odoo_errors(self.env):
            records = self._visible(model, list(values_by_id))
            self._check_related_ids(model, list(values_by_id.values()))
            for record, values in zip(records, values_by_id.values(), strict=True):
                record.write(dict(values))
                self._forget_x2many_order(record, values)

    @staticmethod
    def _forget_x2many_order(records, names) -> None:
        """Drop the cached x2many values just written: Odoo's cache keeps them in command order,
        and the record read back must list related records in their model's order, like any
        later read does."""
        fields = records._fields
        written = [name for name in names if name in fields and fields[name].type in ("one2many", "many2many")]
        if written:
            records.invalidate_recordset(written)

    def write_matching(self, model, domain, values):
        # One search: the ids it finds are visible by construction, unlike client-given ids.
        with odoo_errors(self.env):
            records = self.env[model].search(domain, order="id")
            if records:
                self._check_related_ids(model, [values])
                records.write(dict(values))
                self._forget_x2many_order(records, values)
            return records.ids

    def unlink(self, model, ids):
        with odoo_errors(self.env):
            self._visible(model, ids).unlink()

    def lock_version(self, model, record_id):
        with odoo_errors(self.env, savepoint=False):
            self._visible(model, [record_id])  # the user's read rules first: no lock on hidden rows
            records = self.env[model]
            records.flush_model(["write_date"] if records._log_access else None)
            version = SQL("write_date") if records._log_access else SQL("NULL")
            # Under REPEATABLE READ, locking a row that another transaction changed after our
            # snapshot raises a serialization failure: Odoo retries the request, which then
            # compares against the new version. So the compare sees the last committed one.
            self.env.cr.execute(SQL("SELECT %s FROM %s WHERE id = %s FOR NO KEY UPDATE",
                                    version, SQL.identifier(records._table), record_id))
            row = self.env.cr.fetchone()
            if row is None:
                raise NotFound(f"Record(s) {record_id} of {model} not found",
                               {"model": model, "ids": [record_id]})
            return row[0]

    def call(self, model, ids, method, args, kwargs):
        with odoo_errors(self.env):
            records = self.env[model] if ids is None else self._visible(model, ids)
            function = self._public_method(records, method)
            refuse_identity_checked(records, method)
            check_arguments(function, (records,), args, kwargs, model, method)
            with _without_http_request():
                return plain_result(function(records, *args, **kwargs))

    @staticmethod
    def _public_method(records, method: str):
        if method.startswith("_"):  # private whether or not it exists: say nothing about which do
            raise AccessError(f"Private methods (such as {records._name}.{method}) cannot be called",
                              {"model": records._name, "method": method})
        try:
            return get_public_method(records, method)
        except AttributeError as exc:
            raise NotFound(f"Method {method!r} not found on {records._name}",
                           {"model": records._name, "method": method}) from exc

    def read_group(self, model, domain, query, offset, limit):
        with odoo_errors(self.env, savepoint=False):
            return read_group(self.env, model, domain, query, offset, limit)

    def read_binary(self, model, record_id, field) -> BinaryContent | None:
        with odoo_errors(self.env):
            record = self._visible(model, [record_id])
            return binary_content(self.env, record, field)

    def changes(self, model, cursor, limit, selection, deletions):
        return read_changes(self.env, model, cursor, limit, selection, deletions)

    def write_binary(self, model, record_id, field, upload: FileUpload) -> StoredFile:
        with odoo_errors(self.env):
            record = self._visible(model, [record_id])
            return uploads.write_binary(self.env, record, field, upload, self.max_memory_upload)

    def create_attachments(self, model, record_id, files) -> list[StoredFile]:
        with odoo_errors(self.env):
            return uploads.create_attachments(self.env, self._visible(model, [record_id]), files)
