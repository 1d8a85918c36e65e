"""The route table of API v1: the single list both HTTP adapters (Odoo, standalone) serve.

Each route names the query parameters it takes (``params``); any other is a 400 (``router``). Each
carries the builder of its OpenAPI operation (``operation``): the document is generated from this
table (``openapi/paths.py``), the docs page and its assets are left out of it.
"""
from __future__ import annotations

from functools import partial

from . import handlers as h
from .mcp.server import mcp_endpoint
from ..domain.ids import path_id
from .openapi import features, service
from .openapi import webhooks as hooks
from .openapi.model_operations import ModelOperations as M
from .router import Route

# PATCH is the same partial update as PUT (spec §7.3), documented by the same builders.
PATCH_MANY, PATCH = partial(M.update_many, verb="patch"), partial(M.update, verb="patch")

ROUTES: tuple[Route, ...] = (
    Route("GET", "/health", h.health, "Health check (no API key needed)", public=True, operation=service.health_operation),
    Route("GET", "/info", h.info, "API version, current user and endpoints", operation=service.info_operation),
    Route("GET", "/openapi.json", h.openapi_spec, "OpenAPI 3.1 document of the models the user can read (?models=a,b)",
          params=("models",), operation=service.document_operation),
    Route("GET", "/docs", h.docs_page, "Interactive API documentation (Swagger UI; no API key needed)", public=True),
    Route("GET", "/docs/assets/{asset}", h.docs_asset, "Static files of the documentation page", public=True),
    # MCP for AI agents (issue 26): JSON-RPC, described by its own tools/list, not by the OpenAPI document.
    # GET has no route: no server stream is offered, so it is a 405 with ``Allow: POST``.
    Route("POST", "/mcp", mcp_endpoint, "Model Context Protocol (Streamable HTTP, JSON-RPC) for AI agents: "
          "the API's tools with the same key and guards", in_transaction=False),
    Route("GET", "/{model}", h.list_records,
          "List records: query, filter, order, limit, page, page_size, context; format=csv|xlsx for a file",
          params=("query", "filter", "order", "limit", "page", "page_size", "context", "format"), operation=M.list_records, permission="read"),
    Route("POST", "/{model}", h.create_record, "Create one record", params=("query",), operation=M.create, permission="create"),
    Route("PUT", "/{model}", h.update_many, "Update the records chosen by ?id=[…] or by a filter", params=("id",),
          operation=M.update_many, permission="write"),
    Route("PATCH", "/{model}", h.update_many, "Update the records chosen by ?id=[…] or by a filter (as PUT)",
          params=("id",), operation=PATCH_MANY, permission="write"),
    Route("DELETE", "/{model}", h.delete_many, "Delete the records ?id=[…], all or nothing", params=("id", "context"),
          operation=M.delete_many, permission="unlink"),
    Route("POST", "/{model}/search", h.search_records, "Search with a JSON body: domain, fields or query, limit, offset, order",
          operation=M.search, permission="read"),
    Route("POST", "/{model}/batch", h.create_batch, "Create several records, all or nothing", params=("query",),
          operation=M.create_batch, permission="create"),
    Route("POST", "/{model}/upsert", h.upsert_records,
          "Create or update records matched by external_id (or by the field `match`), all or nothing",
          operation=M.upsert, permission="write"),
    Route("GET", "/{model}/aggregate", h.aggregate_records,
          "Groups with counts, sums, averages…: groupby, aggregates, filter, order, limit, offset, context",
          params=("groupby", "aggregates", "filter", "order", "limit", "offset", "context"), operation=M.aggregate, permission="read"),
    Route("GET", "/{model}/fields", h.describe_fields, "Field metadata (?attributes=type,string)",
          params=("attributes",), operation=M.fields, permission="read"),
    Route("GET", "/{model}/changes", h.list_changes,
          "Records created, written or deleted since ?cursor=, oldest first (limit, query)",
          params=("cursor", "limit", "query"), operation=M.changes, permission="read"),
    Route("GET", "/{model}/{id}", h.read_record, "Read one record", params=("query", "context"), operation=M.read_record, permission="read"),
    Route("PUT", "/{model}/{id}", h.update_record, "Update one record", params=("query",), operation=M.update, permission="write"),
    Route("PATCH", "/{model}/{id}", h.update_record, "Update one record (as PUT)", params=("query",), operation=PATCH, permission="write"),
    Route("DELETE", "/{model}/{id}", h.delete_record, "Delete one record", params=("context",), operation=M.delete, permission="unlink"),
    Route("GET", "/{model}/{id}/{field}", h.download_binary, "Download a binary field (?encoding=base64 for JSON)",
          params=("encoding", "context"), operation=M.download, permission="read"),
    Route("PUT", "/{model}/{id}/{field}", h.upload_binary,
          "Write a binary field: the raw bytes (any non-JSON Content-Type) or multipart/form-data with one file",
          operation=M.upload, permission="write"),
    Route("DELETE", "/{model}/{id}/{field}", h.clear_binary, "Empty a binary field", operation=M.clear, permission="write"),
    Route("POST", "/{model}/{id}/attachments", h.add_attachments,
          "Attach files to a record (multipart/form-data, one or more file parts)", operation=M.attachments, permission="write"),
    Route("GET", "/report/{report}/{ids}", h.render_report,
          "Print a report of records 1,2,3 (?format=pdf|html; report by technical name or XML id)",
          params=("format",), operation=service.report_operation),
    Route("POST", "/object/{model}/{function}", h.call_model_method, "Call a public model method",
          operation=M.call_model_method, permission="method"),
    Route("POST", "/object/{model}/{id}/{function}", h.call_record_method, "Call a public method on one record",
          operation=M.call_record_method, permission="method"),
    Route("POST", "/transaction", h.run_transaction, "Run several operations in one database transaction, all or nothing",
          in_transaction=False, operation=features.transaction_operation),
    # Webhooks (issue 25): literal first segments, so they win over /{model} (router.specificity).
    Route("POST", "/webhooks", h.create_webhook, "Subscribe to a model's changes (url, model, events, query, filter)",
          operation=hooks.create_operation),
    Route("GET", "/webhooks", h.list_webhooks, "The API key's webhooks", operation=hooks.list_operation),
    Route("GET", "/webhooks/{id}", h.read_webhook, "One webhook of the key", operation=hooks.read_operation),
    Route("PATCH", "/webhooks/{id}", h.update_webhook, "Change a webhook", operation=hooks.update_operation),
    Route("DELETE", "/webhooks/{id}", h.delete_webhook, "Delete a webhook", operation=hooks.delete_operation),
    Route("POST", "/webhooks/{id}/rotate-secret", h.rotate_webhook_secret,
          "A new signing secret (the old one signs beside it for 24 h)", operation=hooks.rotate_operation),
    Route("POST", "/webhooks/{id}/test", h.test_webhook, "Send a ping event", operation=hooks.test_operation),
    Route("GET", "/webhooks/{id}/deliveries", h.list_webhook_deliveries, "The latest deliveries and their attempts",
          operation=hooks.deliveries_operation),
    Route("POST", "/webhooks/{id}/deliveries/{delivery}/retry", h.retry_webhook_delivery,
          "Deliver an event again now", operation=hooks.retry_operation, placeholders={"delivery": path_id}),
    Route("GET", "/openapi/models", h.openapi_models, "The models the OpenAPI document can describe for the user (the docs page's picker)",
          operation=service.model_index_operation),
)
