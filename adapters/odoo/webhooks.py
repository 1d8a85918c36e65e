"""The ``Webhooks`` port on Odoo: ``rest_api.webhook`` rows of the calling key (issue 25).

Webhooks are administrators' data in Odoo (the key's user has no access rights on them): the API
reaches them as the superuser, always filtered by the calling key, so a key sees only its own.
"""
from __future__ import annotations

import socket
from datetime import datetime
from typing import Any

from ...application.webhook_ports import Delivery, Subscription, SubscriptionDraft, Webhooks
from ...domain.errors import NotFound
from ...domain.webhook_events import Event
from . import webhook_queue


class OdooWebhooks(Webhooks):
    """Mixed into ``OdooRecordStore``: ``self.env`` is the request's environment (the key's user)."""

    env: Any

    def _webhooks(self):
        return self.env["rest_api.webhook"].sudo()  # the calling key's own rows only, below

    def _own(self, key_id: int, subscription_id: int):
        found = self._webhooks().search([("id", "=", subscription_id), ("key_id", "=", key_id)])
        if not found:
            raise NotFound(f"Webhook {subscription_id} not found", {"webhook": subscription_id})
        return found

    def resolve(self, host, port):
        try:
            return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)})
        except (OSError, UnicodeError):
            return []

    def create_subscription(self, key_id, draft: SubscriptionDraft, secret):
        now = self.env.cr.now()
        webhook = self._webhooks().create({
            "key_id": key_id, "user_id": self.env.uid, "url": draft.url, "model": draft.model,
            "events": ",".join(draft.events), "query": draft.query, "filter_text": draft.filter,
            "description": draft.description, "secret": secret,
            # From now on: what this transaction and later ones write.
            "cursor_at": now, "cursor_id": 0, "deletion_at": now, "deletion_id": 0})
        return subscription_of(webhook)

    def subscriptions(self, key_id):
        return [subscription_of(w) for w in self._webhooks().search([("key_id", "=", key_id)])]

    def subscription(self, key_id, subscription_id):
        return subscription_of(self._own(key_id, subscription_id))

    def update_subscription(self, key_id, subscription_id, values):
        webhook = self._own(key_id, subscription_id)
        changes = {("filter_text" if name == "filter" else name): value for name, value in values.items()
                   if name != "active"}
        if "events" in changes:
            changes["events"] = ",".join(changes["events"])
        if "active" in values:
            if values["active"] and webhook.state == "stopped":
                changes["reason"] = webhook.reason  # a stopped webhook's key is gone: it stays stopped
            elif values["active"]:
                changes.update(state="active", reason=False, failing_since=False)
            else:
                changes.update(state="disabled", reason="Disabled by its owner")
        webhook.write(changes)
        return subscription_of(webhook)

    def delete_subscription(self, key_id, subscription_id):
        self._own(key_id, subscription_id).unlink()

    def rotate_secret(self, key_id, subscription_id, secret, keep_until: datetime):
        webhook = self._own(key_id, subscription_id)
        webhook_queue.rotate(webhook, secret, keep_until)
        return subscription_of(webhook)

    def queue_event(self, key_id, subscription_id, event: Event):
        webhook = self._own(key_id, subscription_id)
        return delivery_of(webhook_queue.queue(webhook, [event])[0])

    def deliveries(self, key_id, subscription_id, limit):
        webhook = self._own(key_id, subscription_id)
        found = webhook.env["rest_api.webhook.delivery"].search([("webhook_id", "=", webhook.id)], limit=limit)
        return [delivery_of(d) for d in found]

    def retry_delivery(self, key_id, subscription_id, delivery_id):
        webhook = self._own(key_id, subscription_id)
        delivery = webhook.env["rest_api.webhook.delivery"].search(
            [("id", "=", delivery_id), ("webhook_id", "=", webhook.id)])
        if not delivery:
            raise NotFound(f"Delivery {delivery_id} not found", {"delivery": delivery_id})
        webhook_queue.requeue(delivery)
        return delivery_of(delivery)

    def change_details(self, model, ids, since):
        return webhook_queue.change_details(self.env, model, ids, since)



def subscription_of(webhook) -> Subscription:
    """A ``rest_api.webhook`` row as the port's value."""
    return Subscription(webhook.id, webhook.url, webhook.model, tuple(webhook.events.split(",")),
                        webhook.query or None, webhook.filter_text or None, webhook.description or "",
                        webhook.state == "active", webhook.state, webhook.reason or None,
                        webhook.create_date, webhook.previous_secret_until or None)


def delivery_of(delivery) -> Delivery:
    """A ``rest_api.webhook.delivery`` row as the port's value."""
    return Delivery(delivery.id, delivery.event_id, delivery.event_type, delivery.res_id, delivery.state,
                    delivery.create_date, delivery.next_attempt_at or None,
                    tuple(webhook_queue.attempt_of(entry) for entry in delivery.attempt_log or ()))
