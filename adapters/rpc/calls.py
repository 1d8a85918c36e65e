"""Method calls on the remote Odoo as one user, with a context, and Odoo's faults as API errors."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .errors import translate_fault, upstream_error
from .transport import RpcFault, Transport, UpstreamUnavailable


class RpcCalls:
    """``execute`` = one RPC call, one transaction on the server, as the key's user.

    ``user_key`` identifies the user in per-process caches (never the API key itself).
    """

    def __init__(self, transport: Transport, user_key: Any, context: Mapping[str, Any] | None = None):
        self.transport, self.user_key = transport, user_key
        self.context = dict(context or {})

    def with_context(self, context: Mapping[str, Any]) -> RpcCalls:
        """The same user, with ``context`` added to every call."""
        return RpcCalls(self.transport, self.user_key, {**self.context, **context})

    def execute(self, model: str, method: str, args: Sequence[Any] = (),
                kwargs: Mapping[str, Any] | None = None, ids: Sequence[int] | None = None) -> Any:
        """``model.browse(ids).method(*args, **kwargs)`` with this context; API errors only."""
        named = dict(kwargs or {})
        if self.context:
            named["context"] = {**self.context, **named.get("context", {})}
        try:
            return self.transport.execute(model, method, args, named, ids)
        except RpcFault as fault:
            raise translate_fault(fault) from fault
        except UpstreamUnavailable as exc:
            raise upstream_error(exc) from exc
