"""Talking to a remote Odoo over its external API, as one user, with only the standard library.

Two protocols, one interface (``Transport.execute``):
- ``JsonRpcTransport``: ``/jsonrpc`` with ``execute_kw`` (Odoo 8 to 18; deprecated in 19, still
  there): the user is named by its uid and the API key is the password of every call;
- ``Json2Transport``: ``/json/2/<model>/<method>`` (Odoo 19+): the key is a Bearer token, the
  database a header, and arguments are named only.
Each call is its own transaction on the server.
"""
from __future__ import annotations

import itertools
import json
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

_ids = itertools.count(1)


@frozen
class RpcFault(Exception):
    """An error answered by the remote Odoo: ``name`` is the exception's dotted class name."""

    name: str
    message: str
    debug: str = ""


class UpstreamUnavailable(Exception):
    """The remote Odoo cannot be reached (or, by the subclasses, timed out or answered no JSON)."""


class UpstreamTimeout(UpstreamUnavailable):
    """The remote Odoo did not answer within the upstream's timeout."""


class UpstreamBadAnswer(UpstreamUnavailable):
    """The remote Odoo answered something that is not its API: HTML, a proxy's error page."""


@frozen
class Upstream:
    """Where the remote Odoo is: its base URL, its database, and how long a call may take."""

    url: str
    database: str
    timeout: float = 60.0

    def post_json(self, path: str, payload: Any, headers: Mapping[str, str] | None = None) -> tuple[int, Any]:
        """POST ``payload`` as JSON to ``path``: the HTTP status and the decoded answer."""
        body = json.dumps(payload).encode()
        request = urllib.request.Request(self.url.rstrip("/") + path, data=body, method="POST",
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:  # JSON-2 answers errors with 4xx/5xx and a JSON body
            status, raw = exc.code, exc.read()
        except (OSError, ValueError) as exc:
            if isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError):
                raise UpstreamTimeout(f"Odoo at {self.url} did not answer within {self.timeout:g} s") from exc
            raise UpstreamUnavailable(f"Odoo at {self.url} did not answer: {exc}") from exc
        try:
            return status, json.loads(raw)
        except ValueError as exc:
            raise UpstreamBadAnswer(f"Odoo at {self.url} answered HTTP {status} with something that is not "
                                    "JSON") from exc

    def jsonrpc(self, service: str, method: str, *args: Any) -> Any:
        """One JSON-RPC call of ``service.method(*args)``; ``RpcFault`` for an Odoo error."""
        _status, answer = self.post_json("/jsonrpc", {"jsonrpc": "2.0", "method": "call", "id": next(_ids),
                                             "params": {"service": service, "method": method,
                                                        "args": list(args)}})
        if not isinstance(answer, dict):
            raise UpstreamBadAnswer(f"Odoo at {self.url} answered an unexpected JSON-RPC shape")
        if "error" in answer:
            raise fault_of(answer["error"])
        return answer.get("result")

    def server_version(self) -> tuple[int, str]:
        """The remote Odoo's major version and its full version string."""
        info = self.jsonrpc("common", "version")
        return int(info["server_version_info"][0]), str(info["server_version"])


def fault_of(error: Mapping[str, Any]) -> RpcFault:
    """Odoo's JSON error object (``{"code", "message", "data": {"name", "message", "debug"}}``)."""
    data = error.get("data")
    if not isinstance(data, dict):
        data = {}
    return RpcFault(str(data.get("name") or error.get("name") or "builtins.Exception"),
                    str(data.get("message") or error.get("message") or "Odoo error"),
                    str(data.get("debug") or ""))


class Transport(ABC):
    """Calls of model methods on the remote Odoo, as the authenticated user."""

    @abstractmethod
    def execute(self, model: str, method: str, args: Sequence[Any] = (),
                kwargs: Mapping[str, Any] | None = None, ids: Sequence[int] | None = None) -> Any:
        """``model.browse(ids).method(*args, **kwargs)``; ``RpcFault`` when Odoo refuses."""


class JsonRpcTransport(Transport):
    """``execute_kw`` over ``/jsonrpc``; the key is sent as the password of every call."""

    def __init__(self, upstream: Upstream, uid: int, key: str):
        self.upstream, self.uid, self.key = upstream, uid, key

    def execute(self, model, method, args=(), kwargs=None, ids=None):
        named = dict(kwargs or {})
        positional = list(args) if ids is None else [list(ids), *args]
        if method == "create" and "vals_list" in named:
            # Odoo's call_kw takes create's values positionally (``args[0]``), never by name.
            positional.append(named.pop("vals_list"))
        return self.upstream.jsonrpc("object", "execute_kw", self.upstream.database, self.uid,
                                     self.key, model, method, positional, named)


class Json2Transport(Transport):
    """Odoo 19's ``/json/2`` endpoints: Bearer key, database header, named arguments only."""

    def __init__(self, upstream: Upstream, key: str):
        self.upstream, self.key = upstream, key

    def execute(self, model, method, args=(), kwargs=None, ids=None):
        if args:
            raise RpcFault("builtins.TypeError",
                           f"{model}.{method}: the JSON-2 API takes named arguments only")
        body = dict(kwargs or {})
        if ids is not None:
            body["ids"] = list(ids)
        status, answer = self.upstream.post_json(
            f"/json/2/{model}/{method}", body,
            {"Authorization": f"Bearer {self.key}", "X-Odoo-Database": self.upstream.database})
        if status >= 400:
            raise fault_of({"data": answer if isinstance(answer, dict) else {}})
        return answer
