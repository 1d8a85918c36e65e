"""One small function per route: HTTP parameters and body in, a use case called, its answer out."""
from __future__ import annotations

from typing import TypeVar

from ..application import change_feed
from ..application import aggregate, binary, export, files, metadata, methods, model_index, read, reports, upsert, write
from ..application import webhooks
from ..application.requests import (BatchBody, BulkUpdateBody, CallBody, ListQuery, RecordBody,
                                    SearchBody, UpsertBody)
from ..application.requests import TransactionBody, WebhookBody
from ..domain.errors import ValidationError
from ..domain.ids import parse_id_list
from ..domain.json_input import decode_body
from ..domain.preconditions import Preconditions
from . import docs_assets
from .openapi.document import openapi_document
from . import transaction
from .codec import dump_json, structure_body
from .http_api import Call
from .messages import JSON_TYPE
from .results import DownloadContent, InlineContent
from .router import API_PREFIX, endpoint_list
from .table_files import (CSV_FORMAT, CSV_TYPE, JSON_FORMAT, XLSX_TYPE, answer_format, table_csv,
                          table_xlsx)
from .uploads import file_uploads, single_upload

T = TypeVar("T")


def _body(call: Call, kind: type[T]) -> T:
    settings = call.host.settings
    raw = decode_body(call.request.body, call.request.header("content-type"),
                      settings.max_body_bytes, settings.max_json_depth)
    return structure_body(raw, kind)


def _optional_body(call: Call, kind: type[T]) -> T:
    """A body that may be absent (DELETE, method calls without arguments)."""
    if not call.request.has_body:
        return kind()
    return _body(call, kind)


def _param(call: Call, name: str) -> str | None:
    return call.request.params.get(name)


def _ids(call: Call) -> list[int] | None:
    text = _param(call, "id")
    return None if text is None else parse_id_list(text, call.host.settings.max_ids)


def _preconditions(call: Call) -> Preconditions:
    """The request's ``If-Match`` / ``If-None-Match`` (spec §16)."""
    return Preconditions.from_headers(call.request.header("if-match"), call.request.header("if-none-match"))


def health(call: Call):
    return metadata.health(call.host.database_answers)


def info(call: Call):
    module_version, odoo_version = call.host.versions()
    return metadata.api_info(call.session, endpoint_list(call.api.routes), module_version, odoo_version)


def list_records(call: Call):
    names = ("query", "filter", "order", "limit", "page", "page_size", "context")
    params = ListQuery(**{name: _param(call, name) for name in names})
    answer = answer_format(_param(call, "format"), call.request.header("accept"))
    if answer == JSON_FORMAT:
        return read.list_records(call.session, call.args["model"], params)
    return _table_file(export.export_records(call.session, call.args["model"], params), answer)


def _table_file(found: export.TableExport, answer: str) -> DownloadContent:
    """A list as a CSV or XLSX download; ``X-Total-Count`` counts every matching record."""
    if answer == CSV_FORMAT:
        content, mimetype = table_csv(found.table), CSV_TYPE
    else:
        content, mimetype = table_xlsx(found.table, found.model), XLSX_TYPE
    return DownloadContent(content, mimetype, f"{found.model}.{answer}",
                           (("X-Total-Count", str(found.total)),))


def read_record(call: Call):
    return read.read_record(call.session, call.args["model"], call.args["id"],
                            _param(call, "query"), _param(call, "context"), _preconditions(call))


def search_records(call: Call):
    return read.search_records(call.session, call.args["model"], _body(call, SearchBody))


def create_record(call: Call):
    return write.create_record(call.session, call.args["model"], _body(call, RecordBody),
                               _param(call, "query"))


def create_batch(call: Call):
    return write.create_batch(call.session, call.args["model"], _body(call, BatchBody),
                              _param(call, "query"))


def upsert_records(call: Call):
    return upsert.upsert_records(call.session, call.args["model"], _body(call, UpsertBody))


def update_record(call: Call):
    # PUT on an external id no record has yet creates the record (issue 24); PATCH never creates
    return write.update_record(call.session, call.args["model"], call.args["id"],
                               _body(call, RecordBody), _param(call, "query"), _preconditions(call),
                               upsert=call.route.method == "PUT")


def update_many(call: Call):
    return write.update_many(call.session, call.args["model"], _body(call, BulkUpdateBody),
                             _ids(call))


def delete_record(call: Call):
    return write.delete_record(call.session, call.args["model"], call.args["id"],
                               _param(call, "context"), _preconditions(call))


def delete_many(call: Call):
    return write.delete_many(call.session, call.args["model"], _ids(call), _param(call, "context"))


def aggregate_records(call: Call):
    names = ("groupby", "aggregates", "filter", "order", "limit", "offset", "context")
    return aggregate.aggregate_records(call.session, call.args["model"], aggregate.AggregateParams(
        **{name: _param(call, name) for name in names}))


def describe_fields(call: Call):
    return metadata.describe_fields(call.session, call.args["model"], _param(call, "attributes"))


def download_binary(call: Call):
    encoding = _param(call, "encoding")
    if encoding not in (None, "base64"):
        raise ValidationError("encoding must be 'base64' (or absent for raw bytes)",
                              {"encoding": encoding})
    content = binary.download_binary(call.session, call.args["model"], call.args["id"],
                                     call.args["field"], _param(call, "context"))
    return binary.binary_as_json(content, call.args["field"]) if encoding else content


def upload_binary(call: Call):
    return files.upload_binary(call.session, call.args["model"], call.args["id"], call.args["field"],
                               single_upload(call.request))


def clear_binary(call: Call):
    return files.clear_binary(call.session, call.args["model"], call.args["id"], call.args["field"])


def add_attachments(call: Call):
    return files.add_attachments(call.session, call.args["model"], call.args["id"],
                                 file_uploads(call.request))


def render_report(call: Call):
    return reports.render_report(call.session, call.args["report"], call.args["ids"],
                                 _param(call, "format"))


def call_model_method(call: Call):
    return methods.call_model_method(call.session, call.args["model"], call.args["function"],
                                     _optional_body(call, CallBody))


def call_record_method(call: Call):
    return methods.call_record_method(call.session, call.args["model"], call.args["id"],
                                      call.args["function"], _optional_body(call, CallBody))


def openapi_spec(call: Call):
    models = model_index.parse_model_list(_param(call, "models"))
    # memoized per viewer (the user's groups) and per key restrictions (issue 23)
    question = ("openapi", tuple(models or ()), call.session.restrictions.fingerprint)
    document = call.host.memoized(question, lambda: dump_json(
        openapi_document(call.session, call.api.routes, models, API_PREFIX, call.host.versions()[0])))
    return InlineContent(document, JSON_TYPE)


def openapi_models(call: Call):
    return call.host.memoized(("openapi_models", call.session.restrictions.fingerprint),
                              lambda: model_index.model_index(call.session))


def docs_page(call: Call):
    return InlineContent(docs_assets.read_static(docs_assets.PAGE), docs_assets.PAGE_TYPE,
                         headers=docs_assets.PAGE_HEADERS)


def docs_asset(call: Call):
    name = call.args["asset"]
    return InlineContent(docs_assets.read_static(name), docs_assets.ASSET_TYPES[name], cache_seconds=3600)


def list_changes(call: Call):
    return change_feed.list_changes(call.session, call.args["model"], _param(call, "cursor"),
                                    _param(call, "limit"), _param(call, "query"),
                                    call.host.signing_secret("rest_api.change_feed"))


def run_transaction(call: Call):
    return transaction.run_transaction(call, _body(call, TransactionBody).operations)


def create_webhook(call: Call):
    return webhooks.create_webhook(call.session, _body(call, WebhookBody))


def list_webhooks(call: Call):
    return webhooks.list_webhooks(call.session)


def read_webhook(call: Call):
    return webhooks.read_webhook(call.session, call.args["id"])


def update_webhook(call: Call):
    return webhooks.update_webhook(call.session, call.args["id"], _body(call, WebhookBody))


def delete_webhook(call: Call):
    return webhooks.delete_webhook(call.session, call.args["id"])


def rotate_webhook_secret(call: Call):
    return webhooks.rotate_secret(call.session, call.args["id"], call.api.clock())


def test_webhook(call: Call):
    return webhooks.test_webhook(call.session, call.args["id"], call.api.clock())


def list_webhook_deliveries(call: Call):
    return webhooks.list_deliveries(call.session, call.args["id"])


def retry_webhook_delivery(call: Call):
    return webhooks.retry_delivery(call.session, call.args["id"], call.args["delivery"])
