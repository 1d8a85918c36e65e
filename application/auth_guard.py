"""The failed-authentication limit of one client address.

A key that verifies is never refused by it (a shared address, a proxy without
``--proxy-mode``): the limit is counted and applied only when a key fails. An address
over its limit still costs one key lookup per attempt, which is cheap, as Odoo's
lookup only runs pbkdf2 for a stored key whose 8-character index matches.
"""
from __future__ import annotations

from attrs import frozen

from ..domain.rate_limit import RateLimit
from .ports import RateLimiter

REFUSED = "failed authentications from this address"


@frozen
class FailedAuthGuard:
    """Counts an address's failed authentications; 429 instead of 401 once over the limit."""

    limiter: RateLimiter
    bucket: str
    rule: RateLimit

    def record_failure(self) -> None:
        """Count one failed authentication; ``TooManyRequests`` when the address is over its limit."""
        self.limiter.hit(self.bucket, self.rule).raise_if_refused(REFUSED)
