"""The ``Webhooks`` port of the demo store (issue 25), over the database's ``WebhookBook``."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from ...application.webhook_ports import ChangeDetail, SubscriptionDraft, Webhooks
from ...domain.change_feed import ChangeKey, FeedCursor
from ...domain.errors import NotFound
from .change_feed import logical_time
from .webhook_book import StoredSubscription, WebhookBook


class MemoryWebhooks(Webhooks):
    """Mixed into ``InMemoryRecordStore``: the database's ``WebhookBook``, for ``self.user_id``'s keys."""

    database: Any
    user_id: int

    @property
    def _book(self) -> WebhookBook:
        return self.database.webhooks

    def resolve(self, host, port):
        return self._book.resolver(host, port)

    def create_subscription(self, key_id, draft, secret):
        book, now = self._book, _now()
        sequence, _records, _deleted = self.database.feed_log(draft.model)
        start = ChangeKey(logical_time(sequence + 1), 0)  # from the next change on
        stored = StoredSubscription(book.next_id(), key_id, self.user_id, draft, secret, FeedCursor(start, start), now)
        with book.lock:
            book.subscriptions[stored.id] = stored
        return stored.view()

    def subscriptions(self, key_id):
        with self._book.lock:
            return [s.view() for s in self._book.subscriptions.values() if s.key_id == key_id]

    def subscription(self, key_id, subscription_id):
        return self._book.own(key_id, subscription_id).view()

    def update_subscription(self, key_id, subscription_id, values):
        with self._book.lock:
            stored = self._book.own(key_id, subscription_id)
            changes = {name: value for name, value in values.items() if name != "active"}
            stored.draft = SubscriptionDraft(**{**_fields(stored.draft), **changes})
            if "active" in values and stored.state != "stopped":
                stored.state, stored.reason = ("active", None) if values["active"] else ("disabled",
                                                                                         "Disabled by its owner")
            return stored.view()

    def delete_subscription(self, key_id, subscription_id):
        with self._book.lock:
            self._book.own(key_id, subscription_id)
            del self._book.subscriptions[subscription_id]
            for delivery_id in [d.id for d in self._book.deliveries.values() if d.subscription_id == subscription_id]:
                del self._book.deliveries[delivery_id]

    def rotate_secret(self, key_id, subscription_id, secret, keep_until):
        with self._book.lock:
            stored = self._book.own(key_id, subscription_id)
            stored.previous_secret, stored.previous_secret_until, stored.secret = stored.secret, keep_until, secret
            return stored.view()

    def queue_event(self, key_id, subscription_id, event):
        stored = self._book.own(key_id, subscription_id)
        return self._book.queue(stored, [event], _now())[0].view()

    def deliveries(self, key_id, subscription_id, limit):
        with self._book.lock:
            self._book.own(key_id, subscription_id)
            found = [d for d in self._book.deliveries.values() if d.subscription_id == subscription_id]
        return [d.view() for d in sorted(found, key=lambda d: -d.id)[:limit]]

    def retry_delivery(self, key_id, subscription_id, delivery_id):
        with self._book.lock:
            self._book.own(key_id, subscription_id)
            delivery = self._book.deliveries.get(delivery_id)
            if delivery is None or delivery.subscription_id != subscription_id:
                raise NotFound(f"Delivery {delivery_id} not found", {"delivery": delivery_id})
            delivery.state, delivery.next_attempt_at = "pending", _now()
        self._book.wakeup.set()
        return delivery.view()

    def change_details(self, model, ids, since):
        after = _sequence(since)
        details = {}
        for record_id in ids:
            created, writes = self.database.change_history(model, record_id)
            changed = {name for number, names in writes if number >= after for name in names}
            details[record_id] = ChangeDetail(created is not None and created >= after, tuple(sorted(changed)))
        return details


def _now() -> datetime:
    """Webhook times are aware UTC, as the runner's clock."""
    return datetime.now(timezone.utc)


def _fields(draft: SubscriptionDraft) -> dict:
    return {"url": draft.url, "model": draft.model, "events": draft.events, "query": draft.query,
            "filter": draft.filter, "description": draft.description}


def _sequence(at: datetime | None) -> int:
    """A logical time back to its change number (``change_feed.logical_time``)."""
    if at is None:
        return 0
    return (at - logical_time(0)) // timedelta(microseconds=1)
