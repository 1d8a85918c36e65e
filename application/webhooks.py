"""Use cases of ``/webhooks`` (issue 25): a key subscribes to a model's changes and manages its own.

Validation is the list endpoint's: the ``query`` and ``filter`` a subscription names must be ones
``GET /{model}`` would accept for this key, so that its payloads are what the key could read.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from ..domain.errors import AuthenticationError, NotFound, ValidationError
from ..domain.webhook_events import ping
from ..domain.webhook_signing import new_secret
from ..domain.webhooks import MAX_DESCRIPTION_LENGTH, check_target, parse_events
from .capabilities import capability
from .outcome import Outcome
from .read import checked_domain
from .requests import WebhookBody
from .session import Session
from .shaping import selection_for
from .webhook_ports import Delivery, Subscription, SubscriptionDraft, Webhooks

ROTATION_OVERLAP = timedelta(hours=24)
DELIVERIES_SHOWN = 100
EDITABLE = ("url", "events", "query", "filter", "description", "active")


def _hooks(session: Session) -> tuple[Webhooks, int]:
    hooks = capability(session.store, Webhooks)
    if session.key_id is None:
        raise AuthenticationError("Webhooks belong to an API key: authenticate with one")
    return hooks, session.key_id


def checked_draft(session: Session, hooks: Webhooks, body: WebhookBody) -> SubscriptionDraft:
    """The subscription ``body`` asks for, every part checked as the key's own list request would be."""
    if body.model is None:
        raise ValidationError("model is required", {"field": "model"})
    try:
        model = session.model(body.model, "read")
    except NotFound as exc:  # a body field, not a path: bad input
        raise ValidationError(f"Unknown model {body.model!r}", {"field": "model", "model": body.model}) from exc
    stamp = model.field("write_date")
    if stamp is None or not stamp.stored:  # as GET /{model}/changes: webhooks are built on the feed
        raise ValidationError(f"Model {model.name} keeps no write_date: it has no change feed, so no webhooks",
                              {"model": model.name})
    events = parse_events(body.events)
    selection_for(session, model, body.query)  # refused here as GET /{model}?query= would refuse it
    domain = checked_domain(session, model, body.filter) if body.filter is not None else None
    description = body.description or ""
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise ValidationError(f"description is longer than {MAX_DESCRIPTION_LENGTH} characters",
                              {"field": "description"})
    target = check_target(body.url, hooks.resolve, session.settings.webhook_allow_private)
    return SubscriptionDraft(target.url, model.name, events, body.query,
                             None if domain is None else json.dumps(body.filter), description)


def view(subscription: Subscription) -> dict:
    """A subscription as JSON (the secret is never part of it)."""
    return {"id": subscription.id, "url": subscription.url, "model": subscription.model,
            "events": list(subscription.events), "query": subscription.query,
            "filter": None if subscription.filter is None else json.loads(subscription.filter),
            "description": subscription.description, "active": subscription.active,
            "state": subscription.state, "reason": subscription.reason,
            "created_at": _time(subscription.created_at),
            "previous_secret_until": _time(subscription.previous_secret_until)}


def delivery_view(delivery: Delivery) -> dict:
    """A delivery and its attempts as JSON."""
    return {"id": delivery.id, "event_id": delivery.event_id, "type": delivery.event_type,
            "record_id": delivery.res_id or None, "state": delivery.state,
            "created_at": _time(delivery.created_at), "next_attempt_at": _time(delivery.next_attempt_at),
            "attempts": [{"at": _time(a.at), "status": a.status, "duration_ms": a.duration_ms, "error": a.error,
                          "next_attempt_at": _time(a.next_attempt_at)} for a in delivery.attempts]}


def create_webhook(session: Session, body: WebhookBody) -> Outcome:
    """``POST /webhooks``: the subscription and its secret, shown this once."""
    hooks, key_id = _hooks(session)
    secret = new_secret()
    subscription = hooks.create_subscription(key_id, checked_draft(session, hooks, body), secret)
    return Outcome("Webhook created", {**view(subscription), "secret": secret}, status=201,
                   location=f"/webhooks/{subscription.id}")


def list_webhooks(session: Session) -> Outcome:
    """``GET /webhooks``: the key's own subscriptions."""
    hooks, key_id = _hooks(session)
    found = [view(subscription) for subscription in hooks.subscriptions(key_id)]
    return Outcome("Webhooks retrieved successfully", {"webhooks": found, "count": len(found)})


def read_webhook(session: Session, webhook_id: int) -> Outcome:
    """``GET /webhooks/{id}``."""
    hooks, key_id = _hooks(session)
    return Outcome("Webhook retrieved successfully", view(hooks.subscription(key_id, webhook_id)))


def update_webhook(session: Session, webhook_id: int, body: WebhookBody) -> Outcome:
    """``PATCH /webhooks/{id}``: the fields given are checked as on creation, the model stays."""
    hooks, key_id = _hooks(session)
    current = hooks.subscription(key_id, webhook_id)
    if body.model is not None and body.model != current.model:
        raise ValidationError("The model of a webhook cannot change: create another one", {"field": "model"})
    given = {name: getattr(body, name) for name in EDITABLE if getattr(body, name) is not None}
    merged = WebhookBody(url=given.get("url", current.url), model=current.model,
                         events=given.get("events", list(current.events)),
                         query=given.get("query", current.query),
                         filter=given.get("filter", None if current.filter is None else json.loads(current.filter)),
                         description=given.get("description", current.description))
    draft = checked_draft(session, hooks, merged)
    values: dict[str, Any] = {name: getattr(draft, name) for name in EDITABLE[:-1] if name in given}
    if "active" in given:
        values["active"] = bool(given["active"])
    return Outcome("Webhook updated", view(hooks.update_subscription(key_id, webhook_id, values)))


def delete_webhook(session: Session, webhook_id: int) -> Outcome:
    """``DELETE /webhooks/{id}``: the subscription and its delivery log."""
    hooks, key_id = _hooks(session)
    hooks.delete_subscription(key_id, webhook_id)
    return Outcome("Webhook deleted", {"id": webhook_id})


def rotate_secret(session: Session, webhook_id: int, now: datetime) -> Outcome:
    """``POST /webhooks/{id}/rotate-secret``: a new secret, the old one signing beside it for 24 h."""
    hooks, key_id = _hooks(session)
    secret = new_secret()
    subscription = hooks.rotate_secret(key_id, webhook_id, secret, now + ROTATION_OVERLAP)
    return Outcome("Webhook secret rotated", {**view(subscription), "secret": secret})


def test_webhook(session: Session, webhook_id: int, now: datetime) -> Outcome:
    """``POST /webhooks/{id}/test``: a ping event, queued for delivery now."""
    hooks, key_id = _hooks(session)
    subscription = hooks.subscription(key_id, webhook_id)
    delivery = hooks.queue_event(key_id, webhook_id, ping(subscription.id, subscription.model, now))
    return Outcome("Ping queued", delivery_view(delivery), status=202)


def list_deliveries(session: Session, webhook_id: int) -> Outcome:
    """``GET /webhooks/{id}/deliveries``: the latest deliveries with each attempt."""
    hooks, key_id = _hooks(session)
    found = [delivery_view(d) for d in hooks.deliveries(key_id, webhook_id, DELIVERIES_SHOWN)]
    return Outcome("Deliveries retrieved successfully", {"deliveries": found, "count": len(found)})


def retry_delivery(session: Session, webhook_id: int, delivery_id: int) -> Outcome:
    """``POST /webhooks/{id}/deliveries/{delivery}/retry``: try again now, the same event id."""
    hooks, key_id = _hooks(session)
    return Outcome("Delivery queued", delivery_view(hooks.retry_delivery(key_id, webhook_id, delivery_id)),
                   status=202)


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")
