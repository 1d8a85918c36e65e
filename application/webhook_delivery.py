"""One attempt to deliver one event (issue 25): sign, send, decide what comes next."""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from attrs import frozen

from ..domain.webhook_retries import Decision, decide
from ..domain.webhook_signing import signed_headers
from .webhook_ports import Attempt, WebhookSender


@frozen
class DueDelivery:
    """A delivery claimed by one runner: where to, with which secrets, what, and its history."""

    id: int
    subscription_id: int
    url: str
    secrets: tuple[str, ...]  # the current secret first, the previous one during a rotation
    event_id: str
    body: bytes
    attempts: int  # made before this one
    first_attempt_at: datetime | None


@frozen
class AttemptOutcome:
    """The attempt made and the decision it led to."""

    delivery: DueDelivery
    attempt: Attempt
    decision: Decision


def attempt_delivery(due: DueDelivery, sender: WebhookSender, clock: Callable[[], datetime],
                     rand: random.Random | None = None) -> AttemptOutcome:
    """Send ``due`` once, signed with each of its secrets, and decide on the answer."""
    started = clock()
    headers = signed_headers(due.secrets, due.event_id, int(started.timestamp()), due.body)
    result = sender.send(due.url, headers, due.body)
    decision = decide(result.status, result.retry_after, due.attempts + 1, due.first_attempt_at or started,
                      clock(), rand)
    attempt = Attempt(started, result.status, result.duration_ms, result.error, decision.next_at)
    return AttemptOutcome(due, attempt, decision)
