"""MCP resources: each model's fields at ``odoo://models/{model}``, for clients that read resources."""
from __future__ import annotations

from typing import Any

from ...application import metadata, model_index
from ...domain.errors import ApiError, NotFound
from ..codec import dump_json
from ..http_api import Call
from .protocol import RESOURCE_NOT_FOUND, ProtocolFault

SCHEME = "odoo://models/"
TEMPLATE = {"uriTemplate": SCHEME + "{model}", "name": "model", "title": "An Odoo model's fields",
            "description": "The fields of a model (type, label, required, relation…), as JSON",
            "mimeType": "application/json"}


def model_resources(call: Call) -> list[dict]:
    """``resources/list``: one resource per model the key may read."""
    models = call.host.memoized(("openapi_models", call.session.restrictions.fingerprint),
                                lambda: model_index.model_index(call.session)).data["models"]  # type: ignore[index]
    return [{"uri": SCHEME + item["model"], "name": item["model"], "title": item["description"],
             "mimeType": "application/json"} for item in models]


def read_resource(call: Call, uri: str, error_data: Any) -> list[dict]:
    """``resources/read``: the model's fields; an unknown or refused one is a JSON-RPC error whose
    ``data`` is the API's error (``error_data(error)``)."""
    if not uri.startswith(SCHEME):
        raise ProtocolFault(RESOURCE_NOT_FOUND, "Resource not found", {"uri": uri[:200]})
    model = uri[len(SCHEME):]
    try:
        fields = metadata.describe_fields(call.session, model).data["fields"]  # type: ignore[index]
    except ApiError as error:
        code = RESOURCE_NOT_FOUND if isinstance(error, NotFound) else -32001
        raise ProtocolFault(code, error.message, {"uri": uri[:200], "error": error_data(error)}) from error
    return [{"uri": uri, "mimeType": "application/json",
             "text": dump_json({"model": model, "fields": fields}).decode()}]
