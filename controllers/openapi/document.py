"""``GET /openapi.json``: the OpenAPI 3.1 document of the API, as the calling user sees it.

Generated from the route table the request was served from (its paths, ``paths.py``) and the
catalog port for the exposed models the user can read, so it is always in step with the
endpoints, the models, their fields and the user's rights. The generator is pure; caching it
(per registry version and user groups) is the host's business.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ...application.model_index import documented_models
from ...application.session import Session
from ...domain.databases import DATABASE_HEADER
from ..module_version import module_author, module_license
from ..router import API_PREFIX, Route
from .envelope import (ERROR_ENVELOPE, PAGINATION, SUCCESS_ENVELOPE, error_envelope_schema, error_responses,
                       error_schemas, pagination_schema, success_envelope_schema)
from .model_operations import ModelOperations
from .operation import SERVICE_TAG, DocumentContext
from .parts import (model_parameters, model_schemas, readable_fields, selection_name, shared_parameters,
                    shared_schemas)
from .selection_pattern import selection_schema
from .paths import route_paths
from .query_language import tuple_schema
from .schema import relation_value_schemas

OPENAPI_VERSION = "3.1.0"
_REF = re.compile(r'"\$ref": "#/components/([a-z]+/[^"/]+)"')
SECURITY_SCHEME = "bearerAuth"


def openapi_document(session: Session, routes: Sequence[Route], models: Sequence[str] | None = None,
                     server_url: str = API_PREFIX, version: str = "1") -> dict:
    """The OpenAPI 3.1 document of ``routes`` (the table the request was served from) for ``models``
    (None: every model the user can read)."""
    infos = documented_models(session, models)
    schemas = {SUCCESS_ENVELOPE: success_envelope_schema(), ERROR_ENVELOPE: error_envelope_schema(),
               **error_schemas(),
               PAGINATION: pagination_schema(),
               "FieldDescription": field_description_schema(), **relation_value_schemas(),
               **shared_schemas(session.settings, session.catalog.languages())}
    operations = []
    parameters = shared_parameters(session.settings)
    for info in infos:
        schemas.update(model_schemas(info, session.sensitive))
        schemas[selection_name(info.name)] = selection_schema(info, session.sensitive)
        parameters.update(model_parameters(info, session.sensitive))
        binary = tuple(f.name for f in readable_fields(info, session.sensitive) if f.is_binary)
        operations.append(ModelOperations(info, session.settings, binary))
    paths = route_paths(routes, operations, DocumentContext(session.settings), parameters)
    tags = [{"name": SERVICE_TAG, "description": "Health, information, this document"}] \
        + [{"name": info.name, "description": info.description} for info in infos]
    return {
        "openapi": OPENAPI_VERSION,
        "info": _info(version),
        "servers": [{"url": server_url}],
        "security": [{SECURITY_SCHEME: []}],
        "tags": tags + _other_tags(paths, tags),
        "paths": paths,
        "components": {**used_components(paths, {"schemas": schemas, "responses": error_responses(),
                                                 "parameters": parameters}),
                       "securitySchemes": {SECURITY_SCHEME: {
                           "type": "http", "scheme": "bearer",
                           "description": "An Odoo API key, sent as `Authorization: Bearer <key>`"}}},
    }


def used_components(paths: dict, components: dict[str, dict]) -> dict[str, dict]:
    """The ``components`` that ``paths`` reach, through other components too: a component nothing
    uses (the 416 answer where no model has a binary field) is noise to linters and generators."""
    reached: set[str] = set()
    pending = [paths]
    while pending:
        for ref in _REF.findall(json.dumps(pending.pop())):
            if ref not in reached:
                reached.add(ref)
                kind, name = ref.split("/")
                pending.append(components.get(kind, {}).get(name, {}))
    return {kind: {name: value for name, value in entries.items() if f"{kind}/{name}" in reached}
            for kind, entries in components.items()}


def _info(version: str) -> dict:
    """The document's ``info``: title, version, description, licence and contact (the manifest's)."""
    licence, spdx = module_license()
    return {"title": "Odoo REST API", "version": version,
            "description": "Every exposed Odoo model the calling API key's user can read. "
                           f"On a server serving several databases, name one in the {DATABASE_HEADER} "
                           "header (an unknown or filtered-out name: 404 `Database not found`).",
            "license": {"name": licence, "identifier": spdx}, "contact": {"name": module_author()}}


def _other_tags(paths: dict[str, dict], known: list[dict]) -> list[dict]:
    """The tags of added routes' operations that ``known`` lacks, in order of first use."""
    names = {tag["name"] for tag in known}
    used = (tag for item in paths.values() for op in item.values() for tag in op.get("tags", ()))
    return [{"name": tag} for tag in dict.fromkeys(used) if tag not in names]


def field_description_schema() -> dict:
    """One field as ``GET /{model}/fields`` describes it."""
    text, flag = {"type": "string"}, {"type": "boolean"}
    properties = {"type": text, "string": text, "required": flag, "readonly": flag,
                  "relation": {"type": ["string", "null"]},
                  "selection": {"type": ["array", "null"], "items": tuple_schema("A [key, label] pair", text, text)},
                  "help": {"type": ["string", "null"]}, "sortable": flag, "store": flag}
    return {"type": "object", "properties": properties}
