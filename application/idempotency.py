"""Running a write at most once per ``Idempotency-Key`` (spec §17): replay, refuse, or run and keep.

The first request with a key runs; what it answered is kept with its fingerprint
in the same transaction as its effects. An error answer is raised, so the
transaction rolls back and nothing is kept: the client may retry and it runs again.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

from attrs import frozen

from ..domain.errors import IdempotencyKeyReused


@frozen
class StoredResponse:
    """An answer as kept for replays: its status, the headers worth repeating, the body bytes."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


@frozen
class KeptAnswer:
    """What is kept for one (user, key): the first request's fingerprint and its answer."""

    fingerprint: str
    response: StoredResponse


class IdempotencyStore(ABC):
    """Where kept answers live: shared by every worker, bound to the request's transaction."""

    @abstractmethod
    def claim(self, user_id: int, key: str, retention_hours: int) -> KeptAnswer | None:
        """Hold ``(user_id, key)`` until the request ends and return what is kept for it, if
        younger than ``retention_hours`` (read as last committed, whatever the transaction saw).

        Raises ``Conflict`` when another request holding the key is still running.
        """

    @abstractmethod
    def keep(self, user_id: int, key: str, answer: KeptAnswer) -> None:
        """Keep ``answer`` for ``(user_id, key)``, in the current transaction (replacing an expired one)."""

    def release(self, user_id: int, key: str) -> None:  # noqa: B027 (optional hook: a no-op by default)
        """Let go of a claim (stores whose claims end with the transaction need nothing)."""


@frozen
class IdempotentRequest:
    """A write sent with an idempotency key, as the edge saw it."""

    user_id: int
    key: str
    fingerprint: str


def run_once(store: IdempotencyStore, request: IdempotentRequest, retention_hours: int,
             run: Callable[[], StoredResponse]) -> tuple[StoredResponse, bool]:
    """The answer to ``request`` and whether it is a replay.

    Raises ``Conflict`` while the first request with the key runs, and
    ``IdempotencyKeyReused`` when the key was used for a different request.
    """
    kept = store.claim(request.user_id, request.key, retention_hours)
    try:
        if kept is not None:
            if kept.fingerprint != request.fingerprint:
                raise IdempotencyKeyReused(
                    "This Idempotency-Key was already used for a different request "
                    "(method, path, query or body); use a new key for a new request",
                    {"header": "Idempotency-Key"})
            return kept.response, True
        response = run()
        store.keep(request.user_id, request.key, KeptAnswer(request.fingerprint, response))
        return response, False
    finally:
        store.release(request.user_id, request.key)
