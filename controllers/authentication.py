"""Who is calling: the Bearer key checked within the failed-authentication and per-key rate limits."""
from __future__ import annotations

from ..application.auth_guard import FailedAuthGuard
from ..application.session import Session
from .credentials import bearer_token
from ..domain.errors import AuthenticationError
from ..domain.rate_limit import RateLimit, client_bucket, key_bucket
from .host import Host
from .messages import HttpRequest


def authenticate(request: HttpRequest, host: Host) -> Session:
    """The request's session; ``AuthenticationError`` (counted per address) or ``TooManyRequests``."""
    limiter, settings = host.rate_limiter(), host.settings
    failures = RateLimit(settings.auth_failures_per_minute)
    guard = (FailedAuthGuard(limiter, client_bucket(request.remote_addr), failures)
             if limiter is not None and failures.enabled else None)
    try:
        session = host.session(request)
    except AuthenticationError:
        if guard is not None:
            guard.record_failure()  # 429 once the address is over its limit
        raise
    request.trace.user_id = session.user_id
    session.restrictions.check_address(request.remote_addr)  # a key limited to some networks
    per_key = RateLimit(settings.requests_per_minute)
    if limiter is not None and per_key.enabled:
        decision = limiter.hit(key_bucket(bearer_token(request.header("authorization"))), per_key)
        request.trace.rate_headers = decision.headers()
        decision.raise_if_refused("requests for this API key")
    return session
