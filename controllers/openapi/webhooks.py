"""The OpenAPI operations of ``/webhooks`` (issue 25), each a builder a route of ``routes.py`` carries."""
from __future__ import annotations

from .envelope import success_response
from .query_language import DOMAIN
from .refs import schema_ref
from .operation import (CAPABILITY_ERRORS, COUNT, READ_ERRORS, SERVICE_TAG, WRITE_ERRORS, DocumentContext, obj,
                        operation)

TAG = SERVICE_TAG  # model tags follow the service one; the docs page lists these under it
_TEXT, _INT = {"type": "string"}, {"type": "integer"}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_EVENTS = {"type": "array", "minItems": 1, "uniqueItems": True,
           "items": {"type": "string", "enum": ["created", "updated", "deleted"]}}
WEBHOOK = obj(id=_INT, url=_TEXT, model=_TEXT, events=_EVENTS, query=_NULLABLE_TEXT,
              filter={"anyOf": [schema_ref(DOMAIN), {"type": "null"}]}, description=_TEXT, active={"type": "boolean"},
              state={"enum": ["active", "disabled", "stopped"]}, reason=_NULLABLE_TEXT,
              created_at=_NULLABLE_TEXT, previous_secret_until=_NULLABLE_TEXT)
WITH_SECRET = {**WEBHOOK, "properties": {**WEBHOOK["properties"], "secret": {
    "type": "string", "pattern": "^whsec_", "description": "Shown this once: keep it to verify signatures"}}}
ATTEMPT = obj(at=_TEXT, status={"type": ["integer", "null"]}, duration_ms=_INT, error=_NULLABLE_TEXT,
              next_attempt_at=_NULLABLE_TEXT)
DELIVERY = obj(id=_INT, event_id=_TEXT, type=_TEXT, record_id={"type": ["integer", "null"]},
               state={"enum": ["pending", "delivered", "dead"]}, created_at=_NULLABLE_TEXT,
               next_attempt_at=_NULLABLE_TEXT, attempts={"type": "array", "items": ATTEMPT})
BODY = {"type": "object", "additionalProperties": False, "properties": {
    "url": {"type": "string", "format": "uri", "description": "http(s); not a private address"},
    "model": _TEXT, "events": _EVENTS,
    "query": {"type": "string", "description": "The fields of the payload's record, as `?query=` of the list"},
    "filter": {"allOf": [schema_ref(DOMAIN)],
               "description": "Only records matching this domain, as `?filter=` of the list"},
    "description": _TEXT, "active": {"type": "boolean", "description": "PATCH: disable or enable"}}}
# A receiver on the demo's own machine (the demo allows loopback targets; a real Odoo only with
# rest_api.webhook_allow_private): a public host name would not resolve where examples are run.
EXAMPLE = {"url": "http://127.0.0.1:8000/hooks/odoo", "model": "res.partner", "events": ["created", "updated"],
           "query": "{id, name, email}"}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}, "example": 1}
_DELIVERY = {**_ID, "name": "delivery"}
ERRORS = (*READ_ERRORS, *CAPABILITY_ERRORS)


def create_operation(context: DocumentContext) -> dict:
    return operation(TAG, "webhook_create", "Subscribe to a model's changes; the secret is shown this once",
                     {"201": success_response("The webhook and its secret", WITH_SECRET)},
                     errors=(*WRITE_ERRORS, *CAPABILITY_ERRORS), body={**BODY, "required": ["url", "model", "events"]},
                     body_example=EXAMPLE)


def list_operation(context: DocumentContext) -> dict:
    return operation(TAG, "webhook_list", "The API key's webhooks",
                     {"200": success_response("Webhooks", obj(webhooks={"type": "array", "items": WEBHOOK},
                                                              count=COUNT))}, errors=ERRORS)


def read_operation(context: DocumentContext) -> dict:
    return operation(TAG, "webhook_read", "One webhook of the key",
                     {"200": success_response("The webhook", WEBHOOK)}, errors=ERRORS, parameters=(_ID,))


def update_operation(context: DocumentContext) -> dict:
    return operation(TAG, "webhook_update", "Change a webhook (not its model)",
                     {"200": success_response("The webhook", WEBHOOK)}, errors=(*WRITE_ERRORS, *CAPABILITY_ERRORS),
                     parameters=(_ID,), body=BODY, body_example={"events": ["updated"]})


def delete_operation(context: DocumentContext) -> dict:
    return operation(TAG, "webhook_delete", "Delete a webhook and its delivery log",
                     {"200": success_response("Deleted", obj(id=_INT))}, errors=ERRORS, parameters=(_ID,))


def rotate_operation(context: DocumentContext) -> dict:
    return operation(TAG, "webhook_rotate_secret", "A new secret; the old one signs beside it for 24 h",
                     {"200": success_response("The webhook and its new secret", WITH_SECRET)}, errors=ERRORS,
                     parameters=(_ID,))


def test_operation(context: DocumentContext) -> dict:
    return operation(TAG, "webhook_test", "Send a ping event",
                     {"202": success_response("The queued delivery", DELIVERY)}, errors=ERRORS, parameters=(_ID,))


def deliveries_operation(context: DocumentContext) -> dict:
    return operation(TAG, "webhook_deliveries", "The latest deliveries and each attempt",
                     {"200": success_response("Deliveries", obj(deliveries={"type": "array", "items": DELIVERY},
                                                                count=COUNT))}, errors=ERRORS, parameters=(_ID,))


def retry_operation(context: DocumentContext) -> dict:
    return operation(TAG, "webhook_retry", "Deliver again now, with the same event id",
                     {"202": success_response("The queued delivery", DELIVERY)}, errors=ERRORS,
                     parameters=(_ID, _DELIVERY))
