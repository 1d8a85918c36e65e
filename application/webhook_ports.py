"""The ports of webhooks (issue 25): where subscriptions and deliveries are kept, how an event is sent.

Stores that keep webhooks subclass ``Webhooks`` (a capability: the gateway does not offer it and
answers 501); the runner sends through a ``WebhookSender``.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from attrs import frozen

from ..domain.webhook_events import Event


@frozen
class SubscriptionDraft:
    """A subscription's checked values (``filter`` as the JSON text of a checked domain)."""

    url: str
    model: str
    events: tuple[str, ...]
    query: str | None = None
    filter: str | None = None
    description: str = ""


@frozen
class Subscription:
    """A subscription as its owner sees it (never its secret)."""

    id: int
    url: str
    model: str
    events: tuple[str, ...]
    query: str | None
    filter: str | None
    description: str
    active: bool
    state: str  # active, disabled (410, a day of failures, by hand) or stopped (the key is gone)
    reason: str | None
    created_at: datetime | None
    previous_secret_until: datetime | None = None


@frozen
class Attempt:
    """One try to deliver an event."""

    at: datetime
    status: int | None
    duration_ms: int
    error: str | None
    next_attempt_at: datetime | None


@frozen
class Delivery:
    """One event of a subscription and its attempts."""

    id: int
    event_id: str
    event_type: str
    res_id: int
    state: str  # pending, delivered, dead
    created_at: datetime | None
    next_attempt_at: datetime | None
    attempts: tuple[Attempt, ...] = ()


@frozen
class ChangeDetail:
    """What the store knows of one changed record beyond its new state."""

    created: bool  # created since the subscription's cursor
    changed: tuple[str, ...] = ()  # the fields written since the cursor


class Webhooks(ABC):
    """A store that keeps webhook subscriptions for API keys. Each method acts on the subscriptions
    of ``key_id`` only: another key's is ``NotFound``."""

    feature = "webhooks"

    @abstractmethod
    def resolve(self, host: str, port: int) -> Sequence[str]:
        """The IP addresses ``host`` resolves to (empty if it does not)."""

    @abstractmethod
    def create_subscription(self, key_id: int, draft: SubscriptionDraft, secret: str) -> Subscription:
        """A new subscription of ``key_id`` from now on."""

    @abstractmethod
    def subscriptions(self, key_id: int) -> list[Subscription]:
        """The key's subscriptions, oldest first."""

    @abstractmethod
    def subscription(self, key_id: int, subscription_id: int) -> Subscription:
        """One subscription of the key; ``NotFound``."""

    @abstractmethod
    def update_subscription(self, key_id: int, subscription_id: int, values: Mapping[str, Any]) -> Subscription:
        """Change ``url``, ``events``, ``query``, ``filter``, ``description`` or ``active``; ``NotFound``."""

    @abstractmethod
    def delete_subscription(self, key_id: int, subscription_id: int) -> None:
        """Delete a subscription and its deliveries; ``NotFound``."""

    @abstractmethod
    def rotate_secret(self, key_id: int, subscription_id: int, secret: str, keep_until: datetime) -> Subscription:
        """Sign with ``secret`` from now on, and with the current one too until ``keep_until``."""

    @abstractmethod
    def queue_event(self, key_id: int, subscription_id: int, event: Event) -> Delivery:
        """Queue one event for delivery now (the ping of ``/test``)."""

    @abstractmethod
    def deliveries(self, key_id: int, subscription_id: int, limit: int) -> list[Delivery]:
        """The subscription's latest deliveries, newest first."""

    @abstractmethod
    def retry_delivery(self, key_id: int, subscription_id: int, delivery_id: int) -> Delivery:
        """Queue a delivery again now (a dead one too); ``NotFound``."""

    @abstractmethod
    def change_details(self, model: str, ids: Sequence[int], since: datetime | None) -> dict[int, ChangeDetail]:
        """For changed records of ``model``: created since ``since``, and which fields were written."""


@frozen
class SendResult:
    """What a receiver answered: its status (None: no answer), ``Retry-After``, an error text."""

    status: int | None
    duration_ms: int
    retry_after: str | None = None
    error: str | None = None


class WebhookSender(ABC):
    """Sends one signed event over HTTP."""

    @abstractmethod
    def send(self, url: str, headers: Mapping[str, str], body: bytes) -> SendResult:
        """POST ``body`` to ``url``; never raises for a network failure (it is in the result)."""
