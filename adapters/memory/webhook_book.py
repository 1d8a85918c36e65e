"""The demo's book of webhooks (issue 25): subscriptions and deliveries kept in memory, beside the records.

Not rolled back with a failed request (each use case checks everything before it writes here),
and guarded by one lock: the demo's delivery thread reads them while requests change them.
"""
from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Sequence
from datetime import datetime

from attrs import define, field

from ...application.webhook_ports import Attempt, Delivery, Subscription, SubscriptionDraft
from ...domain.change_feed import FeedCursor
from ...domain.errors import NotFound
from ...domain.webhook_events import Event
from ...domain.webhook_signing import new_event_id


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives ``host`` (none when it does not resolve)."""
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)})
    except (OSError, UnicodeError):
        return []


@define
class StoredSubscription:
    """One subscription with its secrets and cursor (mutable: the book's lock guards it)."""

    id: int
    key_id: int
    user_id: int
    draft: SubscriptionDraft
    secret: str
    cursor: FeedCursor
    created_at: datetime
    state: str = "active"
    reason: str | None = None
    previous_secret: str | None = None
    previous_secret_until: datetime | None = None
    failing_since: datetime | None = None

    def view(self) -> Subscription:
        d = self.draft
        return Subscription(self.id, d.url, d.model, d.events, d.query, d.filter, d.description,
                            self.state == "active", self.state, self.reason, self.created_at,
                            self.previous_secret_until)


@define
class StoredDelivery:
    """One event of a subscription and its attempts."""

    id: int
    subscription_id: int
    event_id: str
    event_type: str
    res_id: int
    body: bytes
    created_at: datetime
    next_attempt_at: datetime | None
    state: str = "pending"
    attempts: list[Attempt] = field(factory=list)

    def view(self) -> Delivery:
        return Delivery(self.id, self.event_id, self.event_type, self.res_id, self.state, self.created_at,
                        self.next_attempt_at, tuple(self.attempts))


class WebhookBook:
    """Every subscription and delivery of the demo."""

    def __init__(self, resolver: Callable[[str, int], Sequence[str]] = system_resolver):
        self.resolver = resolver
        self.subscriptions: dict[int, StoredSubscription] = {}
        self.deliveries: dict[int, StoredDelivery] = {}
        self.lock = threading.RLock()
        self.wakeup = threading.Event()  # set when there may be something to deliver
        self._next_id = 0

    def next_id(self) -> int:
        with self.lock:
            self._next_id += 1
            return self._next_id

    def own(self, key_id: int, subscription_id: int) -> StoredSubscription:
        found = self.subscriptions.get(subscription_id)
        if found is None or found.key_id != key_id:
            raise NotFound(f"Webhook {subscription_id} not found", {"webhook": subscription_id})
        return found

    def queue(self, subscription: StoredSubscription, events: Sequence[Event], now: datetime) -> list[StoredDelivery]:
        made = [StoredDelivery(self.next_id(), subscription.id, new_event_id(), event.payload["type"], event.res_id,
                               event.body.encode(), now, now) for event in events]
        with self.lock:
            self.deliveries.update((d.id, d) for d in made)
        self.wakeup.set()
        return made
