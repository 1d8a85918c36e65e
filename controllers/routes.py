"""The route table of API v1: the single list both HTTP adapters (Odoo, standalone) serve.

Each route names the query parameters it takes (``params``); any other is a 400 (``router``).
"""
from __future__ import annotations

from .router import Route

ROUTES: tuple[Route, ...] = (
    Route("GET", "/health", "health", "Health check (no API key needed)", public=True),
    Route("GET", "/info", "info", "API version, current user and endpoints"),
    Route("GET", "/openapi.json", "openapi_spec", "OpenAPI 3.1 document of the models the user can read (?models=a,b)",
          params=("models",)),
    Route("GET", "/docs", "docs_page", "Interactive API documentation (Swagger UI; no API key needed)", public=True),
    Route("GET", "/docs/assets/{asset}", "docs_asset", "Static files of the documentation page", public=True),
    Route("GET", "/{model}", "list_records",
          "List records: query, filter, order, limit, page, page_size, context; format=csv|xlsx for a file",
          params=("query", "filter", "order", "limit", "page", "page_size", "context", "format")),
    Route("POST", "/{model}", "create_record", "Create one record", params=("query",)),
    Route("PUT", "/{model}", "update_many", "Update the records chosen by ?id=[…] or by a filter", params=("id",)),
    Route("DELETE", "/{model}", "delete_many", "Delete the records ?id=[…], all or nothing", params=("id", "context")),
    Route("POST", "/{model}/search", "search_records", "Search with a JSON body: domain, fields or query, limit, offset, order"),
    Route("POST", "/{model}/batch", "create_batch", "Create several records, all or nothing", params=("query",)),
    Route("GET", "/{model}/aggregate", "aggregate_records",
          "Groups with counts, sums, averages…: groupby, aggregates, filter, order, limit, offset, context",
          params=("groupby", "aggregates", "filter", "order", "limit", "offset", "context")),
    Route("GET", "/{model}/fields", "describe_fields", "Field metadata (?attributes=type,string)",
          params=("attributes",)),
    Route("GET", "/{model}/changes", "list_changes",
          "Records created, written or deleted since ?cursor=, oldest first (limit, query)",
          params=("cursor", "limit", "query")),
    Route("GET", "/{model}/{id}", "read_record", "Read one record", params=("query", "context")),
    Route("PUT", "/{model}/{id}", "update_record", "Update one record", params=("query",)),
    Route("DELETE", "/{model}/{id}", "delete_record", "Delete one record", params=("context",)),
    Route("GET", "/{model}/{id}/{field}", "download_binary", "Download a binary field (?encoding=base64 for JSON)",
          params=("encoding", "context")),
    Route("PUT", "/{model}/{id}/{field}", "upload_binary",
          "Write a binary field: the raw bytes (any non-JSON Content-Type) or multipart/form-data with one file"),
    Route("DELETE", "/{model}/{id}/{field}", "clear_binary", "Empty a binary field"),
    Route("POST", "/{model}/{id}/attachments", "add_attachments",
          "Attach files to a record (multipart/form-data, one or more file parts)"),
    Route("GET", "/report/{report}/{ids}", "render_report",
          "Print a report of records 1,2,3 (?format=pdf|html; report by technical name or XML id)",
          params=("format",)),
    Route("POST", "/object/{model}/{function}", "call_model_method", "Call a public model method"),
    Route("POST", "/object/{model}/{id}/{function}", "call_record_method", "Call a public method on one record"),
    Route("POST", "/transaction", "run_transaction", "Run several operations in one database transaction, all or nothing"),
    Route("GET", "/openapi/models", "openapi_models", "The models the OpenAPI document can describe for the user (the docs page's picker)"),
    # PATCH is the same partial update as PUT (spec §7.3).
    Route("PATCH", "/{model}", "update_many", "Update the records chosen by ?id=[…] or by a filter (as PUT)",
          params=("id",)),
    Route("PATCH", "/{model}/{id}", "update_record", "Update one record (as PUT)", params=("query",)),
)


def endpoint_list(routes: tuple[Route, ...] = ROUTES) -> list[dict]:
    """The routes as ``/info`` lists them."""
    return [{"method": r.method, "path": f"/api/v1{r.path}", "description": r.description}
            for r in routes]
