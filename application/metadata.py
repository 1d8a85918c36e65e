"""Use cases that describe the API: field metadata, info, health."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from ..domain import idempotency
from ..domain.errors import ServiceUnavailable, ValidationError
from ..domain.model_info import FieldInfo
from ..domain.settings import ApiSettings
from .outcome import Outcome
from .session import Session
from ..domain.limits import comma_list

FIELD_ATTRIBUTES = ("type", "string", "required", "readonly", "relation", "selection",
                    "help", "sortable", "store")


def describe_field(field: FieldInfo) -> dict:
    """Every documented attribute of one field."""
    return {
        "type": field.type,
        "string": field.string,
        "required": field.required,
        "readonly": field.readonly,
        "relation": field.relation,
        "selection": [list(pair) for pair in field.selection] if field.type == "selection" else None,
        "help": field.help or None,
        "sortable": field.sortable,
        "store": field.stored,
    }


def describe_fields(session: Session, model_name: str, attributes: str | None = None) -> Outcome:
    """``GET /{model}/fields``: readable, non-sensitive fields, optionally narrowed."""
    model = session.model(model_name)
    wanted = _attributes(attributes)
    fields = {
        name: {key: value for key, value in describe_field(field).items() if key in wanted}
        for name, field in model.fields.items()
        if field.readable and name not in session.sensitive
    }
    return Outcome("Fields retrieved successfully", {"fields": fields})


def _attributes(text: str | None) -> tuple[str, ...]:
    if text is None:
        return FIELD_ATTRIBUTES
    names = tuple(comma_list(text))
    unknown = [n for n in names if n not in FIELD_ATTRIBUTES]
    if unknown or not names:
        raise ValidationError(f"Unknown field attribute(s): {', '.join(unknown) or '(none given)'}",
                              {"unknown": unknown, "allowed": list(FIELD_ATTRIBUTES)})
    return names


def api_info(session: Session, endpoints: Sequence[dict], module_version: str,
             odoo_version: str) -> Outcome:
    """``GET /info``: versions, the calling user, and every endpoint."""
    user = session.store.current_user()
    data = {"api_version": "v1", "module_version": module_version, "odoo_version": odoo_version,
            "user": {"id": user.id, "name": user.name}, "endpoints": list(endpoints),
            "features": request_features(session.settings)}
    return Outcome("API information retrieved successfully", data)


def request_features(settings: ApiSettings) -> dict:
    """What requests may ask beyond the routes: conditional requests and idempotency keys."""
    return {
        "conditional_requests": {
            "etag": "strong, on single-record answers (read, create, update)",
            "request_headers": ["If-None-Match", "If-Match"],
            "require_if_match": settings.require_if_match,
        },
        "idempotency_keys": {
            "header": idempotency.HEADER, "methods": sorted(idempotency.METHODS),
            "retention_hours": settings.idempotency_hours,
            "replay_header": idempotency.REPLAYED_HEADER,
        },
    }


def health(database_answers: Callable[[], bool]) -> Outcome:
    """``GET /health``: ok, or 503 when the database does not answer. Reveals no versions."""
    if not database_answers():
        raise ServiceUnavailable("The database does not answer", {"status": "unavailable"})
    return Outcome("API is healthy", {"status": "ok"})
