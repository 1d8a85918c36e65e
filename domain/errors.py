"""The error taxonomy of the API: one class per answer a client can get.

Every error the core raises is an ``ApiError``; its ``type`` is the stable name
clients see. The edge maps each to its HTTP status, in one place (``controllers/statuses.py``).
"""
from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """Base of every error the API answers with; ``details`` is a string or a dict."""

    type = "InternalError"

    def __init__(self, message: str, details: Any = None):
        super().__init__(message)
        self.message = message
        self.details = details

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, details={self.details!r})"


class ValidationError(ApiError):
    """Bad parameters or body, unknown field, wrong value type, Odoo ValidationError/UserError."""

    type = "ValidationError"


class QuerySyntaxError(ApiError):
    """The ``query`` field selection does not parse; ``details`` gives the column."""

    type = "QuerySyntaxError"


class AuthenticationError(ApiError):
    """No key, a malformed key, an invalid, expired or foreign-scope key."""

    type = "AuthenticationError"


class AccessError(ApiError):
    """Authenticated, but not allowed: ACL, private method, sensitive field."""

    type = "AccessError"


class NotFound(ApiError):
    """Unknown model, record, route or method; or a record the user cannot see."""

    type = "NotFound"


class MethodNotAllowed(ApiError):
    """A known route asked with a verb it does not answer."""

    type = "MethodNotAllowed"

    def __init__(self, message: str, allowed: tuple[str, ...], details: Any = None):
        super().__init__(message, details)
        self.allowed = tuple(allowed)


class Conflict(ApiError):
    """Unique or foreign-key violation, or a concurrent update that could not be retried."""

    type = "Conflict"


class PayloadTooLarge(ApiError):
    """A request body over the configured limit."""

    type = "PayloadTooLarge"


class UnsupportedMediaType(ApiError):
    """A request body that is not declared as JSON."""

    type = "UnsupportedMediaType"


class TooManyRequests(ApiError):
    """A rate limit was hit; ``retry_after`` is in seconds."""

    type = "TooManyRequests"

    def __init__(self, message: str, retry_after: int, details: Any = None):
        super().__init__(message, details)
        self.retry_after = retry_after


class ServiceUnavailable(ApiError):
    """A dependency is missing or down: the database, the PDF renderer; the message names it.

    ``retry_after`` (seconds), when set, is when a retry may succeed: the outage is passing.
    """

    type = "ServiceUnavailable"

    def __init__(self, message: str, details: Any = None, retry_after: int | None = None):
        super().__init__(message, details)
        self.retry_after = retry_after


# How long a client should wait before retrying during an outage of the database or the upstream Odoo.
OUTAGE_RETRY_SECONDS = 5


class BadGateway(ServiceUnavailable):
    """The gateway's Odoo answered something that is not its API (an HTML page, a proxy error)."""

    type = "BadGateway"


class GatewayTimeout(ServiceUnavailable):
    """The gateway's Odoo did not answer in time."""

    type = "GatewayTimeout"


class Gone(ApiError):
    """A change-feed cursor older than the retention of the deletion log (spec §19)."""

    type = "Gone"


class RangeNotSatisfiable(ApiError):
    """A ``Range`` that starts past the end of the content; ``size`` is the content's length."""

    type = "RangeNotSatisfiable"

    def __init__(self, message: str, size: int, details: Any = None):
        super().__init__(message, details)
        self.size = size


class NotSupported(ApiError):
    """A feature this server cannot offer (e.g. the gateway, where the addon is not installed)."""

    type = "NotSupported"


class InternalError(ApiError):
    """Anything unexpected; carries only a request id, never a traceback."""

    type = "InternalError"


class PreconditionFailed(ApiError):
    """An ``If-Match`` that no longer matches the record's current ``ETag``: nothing written."""

    type = "PreconditionFailed"


class IdempotencyKeyReused(ApiError):
    """An ``Idempotency-Key`` sent again with a different request."""

    type = "IdempotencyKeyReused"


class PreconditionRequired(ApiError):
    """A single-record write without ``If-Match`` where the administrator requires one."""

    type = "PreconditionRequired"
