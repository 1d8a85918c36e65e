"""The OpenAPI operations of the service routes: health, info, this document, its model index, reports.

Each is the builder a route of ``controllers/routes.py`` carries, called once with a ``DocumentContext``.
"""
from __future__ import annotations

from .envelope import json_content, success_response
from .operation import CAPABILITY_ERRORS, COUNT, READ_ERRORS, SERVICE_TAG, DocumentContext, obj, operation
from .parts import ID_TEXT, comma_list_parameter, comma_list_pattern
from ...domain.limits import MODEL_NAME_PATTERN as MODEL_PATTERN


def health_operation(context: DocumentContext) -> dict:
    """``GET /health``: the one operation without an API key."""
    return operation(SERVICE_TAG, "health", "Health check (no API key needed)",
                     {"200": success_response("The database answers", obj(status={"const": "ok"}))},
                     errors=(), public=True)


def info_operation(context: DocumentContext) -> dict:
    """``GET /info``."""
    user = obj(id={"type": "integer"}, name={"type": "string"})
    endpoint = obj(method={"type": "string"}, path={"type": "string"}, description={"type": "string"})
    info = obj(api_version={"type": "string"}, module_version={"type": "string"},
               odoo_version={"type": "string"}, user=user,
               endpoints={"type": "array", "items": endpoint},
               features={"type": "object", "description": "Conditional requests, idempotency keys"})
    return operation(SERVICE_TAG, "info", "API version, current user and endpoints",
                     {"200": success_response("About the API", info)}, errors=(401, 500))


def document_operation(context: DocumentContext) -> dict:
    """``GET /openapi.json``."""
    models = comma_list_parameter("models", "Document only these models, comma-separated", item=MODEL_PATTERN,
                                  example="res.partner")
    document = {"description": "An OpenAPI 3.1 document",
                "content": json_content({"type": "object", "required": ["openapi", "paths"], "properties": {
                    "openapi": {"type": "string"}, "paths": {"type": "object"}}})}
    return operation(SERVICE_TAG, "openapi", "This document, for the calling user", {"200": document},
                     parameters=(models,))


def model_index_operation(context: DocumentContext) -> dict:
    """``GET /openapi/models``."""
    models = {"type": "array", "items": obj(model={"type": "string"}, description={"type": "string"})}
    return operation(SERVICE_TAG, "openapi_models", "The models this document can describe for the calling user",
                     {"200": success_response("Models by technical name", obj(models=models, count=COUNT))},
                     errors=(401, 500))


def report_operation(context: DocumentContext) -> dict:
    """``GET /report/{report}/{ids}``: a report printed as the user (spec §15)."""
    report = {"name": "report", "in": "path", "required": True,
              "description": "Technical name (`report_name`) or XML id of the report",
              "schema": {"type": "string", "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.]{0,127}$"},
              "example": "web.preview_internalreport"}
    ids = {"name": "ids", "in": "path", "required": True, "description": "Record ids, e.g. `1,2,3`",
           "schema": {"type": "string", "pattern": comma_list_pattern(item=ID_TEXT)}, "example": "1"}
    fmt = {"name": "format", "in": "query", "description": "`pdf` (default) or `html`",
           "schema": {"enum": ["pdf", "html"]}, "example": "html"}
    rendered = {"description": "The rendered report",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
                            "text/html": {"schema": {"type": "string"}}}}
    return operation(SERVICE_TAG, "report", "Print a report of records (PDF or HTML)", {"200": rendered},
                     errors=(*READ_ERRORS, *CAPABILITY_ERRORS), parameters=(report, ids, fmt))
