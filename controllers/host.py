"""The port of the edge: what it needs from the server it runs in (Odoo, the demo, the gateway)."""
from __future__ import annotations

import hashlib
import hmac
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

from ..application.idempotency import IdempotencyStore
from ..application.ports import RateLimiter
from ..application.session import Session
from ..domain import idempotency
from ..domain.errors import ServiceUnavailable
from ..domain.settings import ApiSettings
from .messages import HttpRequest

T = TypeVar("T")
_PROCESS_SECRET = os.urandom(32)


class Host(ABC):
    """What the edge needs from the server it runs in (Odoo, or the standalone demo)."""

    @property
    @abstractmethod
    def settings(self) -> ApiSettings:
        """The administrator's settings for this request."""

    @abstractmethod
    def session(self, request: HttpRequest) -> Session:
        """Authenticate the request's Bearer key; ``AuthenticationError`` when it fails."""

    @abstractmethod
    def database_answers(self) -> bool:
        """Whether the database answers a trivial query."""

    @abstractmethod
    def versions(self) -> tuple[str, str]:
        """The module version and the Odoo version."""

    def rate_limiter(self) -> RateLimiter | None:
        """Where rate-limit counters live (None: no rate limiting)."""
        return None

    def idempotency_store(self) -> IdempotencyStore:
        """Where answers to requests with an ``Idempotency-Key`` are kept (spec §17)."""
        raise ServiceUnavailable("This server cannot keep idempotency keys",
                                 {"header": idempotency.HEADER})

    def memoized(self, question: Hashable, build: Callable[[], T]) -> T:
        """``build()``, or a copy kept for this viewer while nothing it depends on changed."""
        return build()

    def check_atomic(self) -> None:  # noqa: B027 (optional hook: a no-op by default)
        """Raise ``NotSupported`` where several writes cannot share one database transaction."""

    def undo_on_error(self) -> AbstractContextManager:
        """A block whose writes are undone when it raises (the error still leaves it).

        An MCP tool call that fails is answered, not raised (a tool result with ``isError``), so the
        host's own rollback of a failed request does not run: this does it for the call. By
        default nothing is undone, as on the gateway, where each RPC call commits by itself.
        """
        return nullcontext()

    def signing_secret(self, purpose: str) -> bytes:
        """A secret to sign opaque tokens (change-feed cursors) with; by default one per process."""
        return hmac.new(_PROCESS_SECRET, purpose.encode(), hashlib.sha256).digest()
