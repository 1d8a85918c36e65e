"""The demo's webhook runner (issue 25): a background thread over the in-memory store.

The same rules as on Odoo — events read from the change feed as the subscription's key reads,
signed, in order per record, retried with the same backoff — without a database: one thread
polls and sends; the demo server's requests and the polls share one lock.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timezone

from ...application.capabilities import capability
from ...application.session import Session
from ...application.webhook_delivery import AttemptOutcome, DueDelivery, attempt_delivery
from ...application.webhook_feed import Watch, due_events
from ...application.webhook_ports import Webhooks, WebhookSender
from ...domain.errors import ApiError
from ...domain.webhook_retries import DELIVERED, DISABLE, DISABLE_AFTER
from .webhook_book import StoredDelivery, StoredSubscription, WebhookBook

POLL_EVERY_S = 0.5
EVENTS_PER_POLL = 500


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class MemoryWebhookRunner:
    """Polls the subscriptions of ``book`` and delivers their events through ``sender``."""

    def __init__(self, book: WebhookBook, session_for: Callable[[int], Session | None], sender: WebhookSender,
                 lock: AbstractContextManager, clock: Callable[[], datetime] = utc_now):
        self.book, self.session_for, self.sender, self.lock, self.clock = book, session_for, sender, lock, clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> int:
        """One round: queue what changed, send what is due; the number of attempts made."""
        with self.lock:
            for subscription in [s for s in self.book.subscriptions.values() if s.state == "active"]:
                self._poll(subscription)
        sent = 0
        while due := self._due():  # a record's next event becomes due once its older one is done
            sent += sum(1 for _ in map(self._send, due))
        return sent

    def _poll(self, subscription: StoredSubscription) -> None:
        session = self.session_for(subscription.key_id)
        if session is None:
            subscription.state, subscription.reason = "stopped", "The API key was revoked"
            return
        d = subscription.draft
        try:
            batch = due_events(session, capability(session.store, Webhooks),
                               Watch(d.model, d.events, d.query, d.filter, subscription.cursor),
                               EVENTS_PER_POLL, self.clock())
        except ApiError as exc:
            subscription.state, subscription.reason = "disabled", f"The key can no longer read this: {exc.message}"
            return
        self.book.queue(subscription, batch.events, self.clock())
        subscription.cursor = batch.cursor

    def _due(self) -> list[tuple[StoredDelivery, StoredSubscription]]:
        """Due deliveries of active subscriptions, the oldest pending one of each record only."""
        now, due, blocked = self.clock(), [], set()
        with self.book.lock:
            for delivery in sorted(self.book.deliveries.values(), key=lambda d: d.id):
                subscription = self.book.subscriptions.get(delivery.subscription_id)
                if delivery.state != "pending" or subscription is None:
                    continue
                record = (delivery.subscription_id, delivery.res_id)
                if record in blocked and delivery.res_id:
                    continue
                blocked.add(record)
                if subscription.state == "active" and delivery.next_attempt_at and delivery.next_attempt_at <= now:
                    due.append((delivery, subscription))
        return due

    def _send(self, item: tuple[StoredDelivery, StoredSubscription]) -> AttemptOutcome:
        delivery, subscription = item
        now = self.clock()
        secrets = (subscription.secret,) + ((subscription.previous_secret,) if subscription.previous_secret and
                                            subscription.previous_secret_until and
                                            subscription.previous_secret_until > now else ())
        first = delivery.attempts[0].at if delivery.attempts else None
        outcome = attempt_delivery(DueDelivery(delivery.id, subscription.id, subscription.draft.url, secrets,
                                               delivery.event_id, delivery.body, len(delivery.attempts), first),
                                   self.sender, self.clock)
        with self.book.lock:
            self._record(outcome, delivery, subscription)
        return outcome

    def _record(self, outcome: AttemptOutcome, delivery: StoredDelivery, subscription: StoredSubscription) -> None:
        decision = outcome.decision
        delivery.attempts.append(outcome.attempt)
        delivery.next_attempt_at = decision.next_at
        delivery.state = decision.delivery_state
        if decision.outcome == DELIVERED:
            subscription.failing_since = None
        elif decision.outcome == DISABLE:
            subscription.state, subscription.reason = "disabled", "The receiver answered 410 Gone"
        else:
            subscription.failing_since = subscription.failing_since or outcome.attempt.at
            if outcome.attempt.at - subscription.failing_since > DISABLE_AFTER:
                subscription.state, subscription.reason = "disabled", "Every delivery failed for a day"

    def start(self) -> None:
        """Run in a daemon thread until ``stop``."""
        self._thread = threading.Thread(target=self._loop, name="rest_api demo webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.book.wakeup.set()
        if self._thread is not None:
            self._thread.join(5)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self.book.wakeup.wait(POLL_EVERY_S)
            self.book.wakeup.clear()
