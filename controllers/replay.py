"""``Idempotency-Key`` at the edge (spec §17): a write runs once; the same request again gets the
kept answer, marked as replayed."""
from __future__ import annotations

from collections.abc import Callable

from ..application.idempotency import IdempotentRequest, StoredResponse, run_once
from ..domain import idempotency
from ..domain.errors import AuthenticationError
from .host import Host
from .messages import HttpRequest, HttpResponse


def once(request: HttpRequest, host: Host, user_id: int | None, header: str,
         respond: Callable[[], HttpResponse]) -> HttpResponse:
    """``respond()`` run once and kept for this user and key, or the kept answer replayed."""
    if user_id is None:  # every host's session names its user; answers are kept per user
        raise AuthenticationError("This endpoint needs an API key")
    key = IdempotentRequest(user_id, idempotency.parse_key(header),
                            idempotency.fingerprint(request.method, request.path, request.params,
                                                    request.body))
    first: list[HttpResponse] = []

    def run() -> StoredResponse:
        first.append(respond())
        return StoredResponse(first[0].status, idempotency.replayed_headers(first[0].headers), first[0].body)

    stored, replayed = run_once(host.idempotency_store(), key, host.settings.idempotency_hours, run)
    if not replayed:
        return first[0]
    headers = stored.headers + (("Content-Length", str(len(stored.body))), ("Cache-Control", "no-store"),
                                (idempotency.REPLAYED_HEADER, "true"))
    return HttpResponse(stored.status, headers, stored.body)
