"""What an answer to a delivery means, and when to try again (issue 25).

2xx: delivered. 410: the receiver asks us to stop, the subscription is disabled. 429/503 with a
``Retry-After``: tried again then (bounded). Anything else, a timeout or a refused connection:
tried again with exponential backoff and full jitter, for up to 3 days; after that the event is
dead (kept, retryable by hand).
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from attrs import frozen

# Upper bounds of the wait before retry n (1-based); each wait is drawn in [bound/2, bound].
FIRST_RETRY_S = 10
GROWTH = 6
MAX_WAIT_S = 6 * 3600
GIVE_UP_AFTER = timedelta(days=3)
# Failing for this long with no success disables the subscription (its owner is told).
DISABLE_AFTER = timedelta(days=1)
MAX_RETRY_AFTER_S = 24 * 3600

DELIVERED, RETRY, DISABLE, DEAD = "delivered", "retry", "disable", "dead"


def retry_wait(retry: int, rand: random.Random | None = None) -> float:
    """Seconds to wait before retry ``retry`` (1: within 10 s, 2: within a minute, … at most 6 h)."""
    bound = min(FIRST_RETRY_S * GROWTH ** (retry - 1), MAX_WAIT_S)
    return (rand or random).uniform(bound / 2, bound)


def parse_retry_after(text: str | None, now: datetime) -> float | None:
    """A ``Retry-After`` header (seconds or an HTTP date) as seconds from ``now``, bounded; None if absent or bad."""
    if not text:
        return None
    text = text.strip()
    if text.isdigit():
        seconds = float(text)
    else:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - now).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


@frozen
class Decision:
    """What to do after an attempt: ``outcome`` is delivered, retry, disable or dead; ``next_at`` for a retry."""

    outcome: str
    next_at: datetime | None = None

    @property
    def delivery_state(self) -> str:
        """The delivery's state after the attempt: delivered, dead (a 410 too), or still pending."""
        return {DELIVERED: "delivered", DEAD: "dead", DISABLE: "dead"}.get(self.outcome, "pending")


def decide(status: int | None, retry_after: str | None, attempts: int, first_attempt_at: datetime,
           now: datetime, rand: random.Random | None = None) -> Decision:
    """The decision after attempt number ``attempts`` answered ``status`` (None: no answer)."""
    if status is not None and 200 <= status < 300:
        return Decision(DELIVERED)
    if status == 410:
        return Decision(DISABLE)
    wait = parse_retry_after(retry_after, now) if status in (429, 503) else None
    if wait is None:
        wait = retry_wait(attempts, rand)
    next_at = now + timedelta(seconds=wait)
    if next_at - first_attempt_at > GIVE_UP_AFTER:
        return Decision(DEAD)
    return Decision(RETRY, next_at)
