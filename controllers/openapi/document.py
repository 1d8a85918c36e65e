"""``GET /openapi.json``: the OpenAPI 3.1 document of the API, as the calling user sees it.

Generated from the catalog port for the exposed models the user can read, so it is
always in step with the models, their fields and the user's rights. The generator
is pure; caching it (per registry version and user groups) is the host's business.
"""
from __future__ import annotations

from collections.abc import Sequence

from ...application.model_index import documented_models
from ...application.session import Session
from ...domain.databases import DATABASE_HEADER
from .envelope import (ERROR_ENVELOPE, PAGINATION, SUCCESS_ENVELOPE, error_envelope_schema, error_ref,
                       error_responses, json_content, pagination_schema, success_envelope_schema,
                       success_response)
from .features import transaction_paths
from .model_operations import ModelOperations, obj, operation, with_idempotency_keys
from .parts import comma_list_parameter, model_schemas, readable_fields, shared_parameters, shared_schemas
from .schema import relation_value_schemas

OPENAPI_VERSION = "3.1.0"
SECURITY_SCHEME = "bearerAuth"
SERVICE_TAG = "service"


def openapi_document(session: Session, models: Sequence[str] | None = None,
                     server_url: str = "/api/v1", version: str = "1") -> dict:
    """The OpenAPI 3.1 document for ``models`` (None: every model the user can read)."""
    infos = documented_models(session, models)
    schemas = {SUCCESS_ENVELOPE: success_envelope_schema(), ERROR_ENVELOPE: error_envelope_schema(),
               PAGINATION: pagination_schema(),
               "FieldDescription": field_description_schema(), **relation_value_schemas(),
               **shared_schemas(session.settings, session.catalog.languages())}
    paths = service_paths()
    paths.update(transaction_paths(session.settings))
    for info in infos:
        schemas.update(model_schemas(info, session.sensitive))
        binary = tuple(f.name for f in readable_fields(info, session.sensitive) if f.is_binary)
        paths.update(ModelOperations(info, session.settings, binary).paths())
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": "Odoo REST API", "version": version,
                 "description": "Every exposed Odoo model the calling API key's user can read. "
                                f"On a server serving several databases, name one in the {DATABASE_HEADER} "
                                "header (an unknown or filtered-out name: 404 `Database not found`)."},
        "servers": [{"url": server_url}],
        "security": [{SECURITY_SCHEME: []}],
        "tags": [{"name": SERVICE_TAG, "description": "Health, information, this document"}]
                + [{"name": info.name, "description": info.description} for info in infos],
        "paths": with_idempotency_keys(paths),
        "components": {"schemas": schemas, "responses": error_responses(),
                       "parameters": shared_parameters(session.settings),
                       "securitySchemes": {SECURITY_SCHEME: {
                           "type": "http", "scheme": "bearer",
                           "description": "An Odoo API key, sent as `Authorization: Bearer <key>`"}}},
    }


def field_description_schema() -> dict:
    """One field as ``GET /{model}/fields`` describes it."""
    text, flag = {"type": "string"}, {"type": "boolean"}
    properties = {"type": text, "string": text, "required": flag, "readonly": flag,
                  "relation": {"type": ["string", "null"]},
                  "selection": {"type": ["array", "null"],
                                "items": {"type": "array", "prefixItems": [text, text]}},
                  "help": {"type": ["string", "null"]}, "sortable": flag, "store": flag}
    return {"type": "object", "properties": properties}


def service_paths() -> dict[str, dict]:
    """Health, info and this document."""
    health = operation(SERVICE_TAG, "health", "Health check (no API key needed)",
                       {"200": success_response("The database answers", obj(status={"const": "ok"})),
                        "503": error_ref(503)}, errors=(500,))
    health["security"] = []
    user = obj(id={"type": "integer"}, name={"type": "string"})
    endpoint = obj(method={"type": "string"}, path={"type": "string"}, description={"type": "string"})
    info = obj(api_version={"type": "string"}, module_version={"type": "string"},
               odoo_version={"type": "string"}, user=user,
               endpoints={"type": "array", "items": endpoint},
               features={"type": "object", "description": "Conditional requests, idempotency keys"})
    models = comma_list_parameter("models", "Document only these models", {"type": "string"})
    document = {"description": "An OpenAPI 3.1 document",
                "content": json_content({"type": "object", "required": ["openapi", "paths"]})}
    return {
        "/health": {"get": health},
        "/info": {"get": operation(SERVICE_TAG, "info", "API version, current user and endpoints",
                                   {"200": success_response("About the API", info)},
                                   errors=(401, 500))},
        "/openapi.json": {"get": operation(SERVICE_TAG, "openapi", "This document, for the calling user",
                                           {"200": document}, parameters=(models,))},
        "/openapi/models": {"get": operation(
            SERVICE_TAG, "openapi_models", "The models this document can describe for the calling user",
            {"200": success_response("Models by technical name", obj(
                models={"type": "array", "items": obj(model={"type": "string"}, description={"type": "string"})},
                count={"type": "integer", "minimum": 0}))}, errors=(401, 500))},
        "/report/{report}/{ids}": {"get": report_operation()},
    }


def report_operation() -> dict:
    """``GET /report/{report}/{ids}``: a report printed as the user (spec §15)."""
    report = {"name": "report", "in": "path", "required": True,
              "description": "Technical name (`report_name`) or XML id of the report",
              "schema": {"type": "string", "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.]{0,127}$"}}
    ids = {"name": "ids", "in": "path", "required": True, "description": "Record ids, e.g. `1,2,3`",
           "schema": {"type": "string", "pattern": "^[0-9]{1,10}(,[0-9]{1,10})*$"}}
    fmt = {"name": "format", "in": "query", "description": "`pdf` (default) or `html`",
           "schema": {"enum": ["pdf", "html"]}}
    rendered = {"description": "The rendered report",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
                            "text/html": {"schema": {"type": "string"}}}}
    return operation(SERVICE_TAG, "report", "Print a report of records (PDF or HTML)", {"200": rendered},
                     errors=(400, 401, 403, 404, 500, 503), parameters=(report, ids, fmt))
