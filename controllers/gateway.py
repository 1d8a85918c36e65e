"""The gateway: the same API, route table and codec, in front of any Odoo over its external API.

Stateless: each request authenticates upstream (the uid of a verified login and key is kept a
minute in this process, the key itself never), and every record operation is an RPC call as
that user. What is per process: that uid memo, the model metadata cache, and the rate-limit
counters (see docs/gateway.md for sharing them).
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from typing import TypeVar

import attrs
from attrs import frozen

from ..adapters.memory.rate_limiter import InMemoryRateLimiter
from ..adapters.odoo.settings import settings_from
from ..adapters.rpc.calls import RpcCalls
from ..adapters.rpc.errors import translate_fault, upstream_error
from ..adapters.rpc.catalog import RpcCatalog, TtlCache
from ..adapters.rpc.store import FEED_NEEDS_THE_ADDON, RpcRecordStore, RpcReports
from ..adapters.rpc.transport import (Json2Transport, JsonRpcTransport, RpcFault, Transport, Upstream,
                                      UpstreamUnavailable)
from ..application.session import Session
from ..application.idempotency import IdempotencyStore
from ..domain.databases import DATABASE_HEADER, choose_database
from ..domain.errors import AuthenticationError, NotSupported, ServiceUnavailable
from .gateway_credentials import GatewayCredentials, gateway_credentials
from ..domain.settings import ApiSettings
from .host import Host
from .module_version import module_version
from .router import API_PREFIX
from .http_api import RestHttpApi
from .messages import HttpRequest, HttpResponse
from .wsgi import WsgiApp

T = TypeVar("T", HttpRequest, HttpResponse)
PROTOCOLS = ("auto", "jsonrpc", "json2")


@frozen
class GatewayConfig:
    """Everything the gateway is told by its environment."""

    upstream: Upstream
    protocol: str = "auto"
    settings: ApiSettings = ApiSettings()
    cache_seconds: float = 60.0
    known_models: tuple[str, ...] = ()

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> GatewayConfig:
        """``ODOO_URL``, ``ODOO_DB`` (required), ``GATEWAY_PROTOCOL``, ``GATEWAY_TIMEOUT``,
        ``GATEWAY_CACHE_SECONDS``, ``GATEWAY_MODELS`` and every ``rest_api.*`` setting as
        ``REST_API_*`` (``rest_api.max_page_size`` → ``REST_API_MAX_PAGE_SIZE``)."""
        missing = [name for name in ("ODOO_URL", "ODOO_DB") if not environ.get(name)]
        if missing:
            raise ValueError(f"set {' and '.join(missing)} (the Odoo to serve)")
        protocol = environ.get("GATEWAY_PROTOCOL", "auto")
        if protocol not in PROTOCOLS:
            raise ValueError(f"GATEWAY_PROTOCOL must be one of {', '.join(PROTOCOLS)}")
        upstream = Upstream(environ["ODOO_URL"], environ["ODOO_DB"],
                            float(environ.get("GATEWAY_TIMEOUT", "60")))
        settings = settings_from(lambda key: environ.get(key.upper().replace(".", "_")))
        models = tuple(m.strip() for m in environ.get("GATEWAY_MODELS", "").split(",") if m.strip())
        return cls(upstream, protocol, settings, float(environ.get("GATEWAY_CACHE_SECONDS", "60")), models)


class GatewayHost(Host):
    """Requests authenticate against the remote Odoo and run as the key's user there."""

    def __init__(self, config: GatewayConfig):
        self.config = config
        self.metadata = TtlCache(config.cache_seconds)
        self.verified = TtlCache(config.cache_seconds)
        self.limiter = InMemoryRateLimiter()
        self._major: int | None = None

    @property
    def settings(self) -> ApiSettings:
        return self.config.settings

    def protocol(self) -> str:
        """``jsonrpc`` or ``json2``: as configured, or by the remote version (19+: JSON-2)."""
        if self.config.protocol != "auto":
            return self.config.protocol
        if self._major is None:
            self._major = self._call_upstream(self.config.upstream.server_version)[0]
        return "json2" if self._major >= 19 else "jsonrpc"

    def session(self, request: HttpRequest) -> Session:
        credentials = gateway_credentials(request.header("authorization"), request.header("x-odoo-login"))
        transport, uid = self._authenticate(credentials)
        calls = RpcCalls(transport, user_key=uid)
        catalog = RpcCatalog(calls, self.metadata, self.config.known_models)
        return Session(catalog, RpcRecordStore(calls, uid, catalog), self.settings, uid,
                       reports=RpcReports())

    def _authenticate(self, credentials: GatewayCredentials) -> tuple[Transport, int]:
        upstream = self.config.upstream
        if self.protocol() == "json2":
            transport: Transport = Json2Transport(upstream, credentials.key)
            memo = ("json2", hashlib.sha256(credentials.key.encode()).digest())
            uid = self.verified.get(memo, lambda: self._json2_uid(transport))
            return transport, uid
        if credentials.login is None:
            raise AuthenticationError(
                "This Odoo's external API needs your login with the key: send "
                "'Authorization: Basic base64(login:key)' or an 'X-Odoo-Login' header")
        memo = (credentials.login, hashlib.sha256(credentials.key.encode()).digest())
        uid = self.verified.get(memo, lambda: self._login(credentials))
        return JsonRpcTransport(upstream, uid, credentials.key), uid

    def _login(self, credentials: GatewayCredentials) -> int:
        upstream = self.config.upstream
        uid = self._call_upstream(lambda: upstream.jsonrpc(
            "common", "authenticate", upstream.database, credentials.login, credentials.key, {}))
        if not uid:
            raise AuthenticationError("Invalid login or API key")
        return int(uid)

    def _json2_uid(self, transport: Transport) -> int:
        context = self._call_upstream(lambda: transport.execute("res.users", "context_get"))
        return int(context["uid"])

    @staticmethod
    def _call_upstream(call: Callable):
        try:
            return call()
        except RpcFault as fault:
            if fault.name == "odoo.exceptions.AccessDenied":
                raise AuthenticationError("Invalid login or API key") from fault
            error = translate_fault(fault)
            if not isinstance(error, ServiceUnavailable):  # the login itself failed, not the database
                error = ServiceUnavailable(f"The Odoo server refused the call: {fault.message}")
            raise error from fault
        except UpstreamUnavailable as exc:
            raise upstream_error(exc) from exc

    def database_answers(self) -> bool:
        try:
            self.config.upstream.server_version()
        except (RpcFault, UpstreamUnavailable, KeyError, TypeError, ValueError):
            return False
        return True

    def versions(self) -> tuple[str, str]:
        try:
            return module_version(), self.config.upstream.server_version()[1]
        except (RpcFault, UpstreamUnavailable, KeyError, TypeError, ValueError):
            return module_version(), "unknown"

    def rate_limiter(self) -> InMemoryRateLimiter:
        return self.limiter

    def check_atomic(self) -> None:
        raise NotSupported(
            "POST /transaction needs the rest_api addon in the Odoo database: over Odoo's external "
            "API every call is its own transaction, so the operations could not be all or nothing",
            {"path": f"{API_PREFIX}/transaction"})

    def signing_secret(self, purpose: str) -> bytes:
        # Only the change feed signs (its cursors); over RPC it cannot keep its promise.
        raise NotSupported(FEED_NEEDS_THE_ADDON, {"feature": purpose})

    def idempotency_store(self) -> IdempotencyStore:
        raise NotSupported(
            "Idempotency-Key needs the rest_api addon in the Odoo database: the gateway keeps no "
            "data, and over Odoo's external API the kept answer cannot share the write's transaction",
            {"header": "Idempotency-Key"})


class GatewayApp(WsgiApp):
    """The gateway as a WSGI application: the one database it serves, no ETags."""

    def __init__(self, host: GatewayHost, api: RestHttpApi | None = None):
        super().__init__(host, api)
        self.host: GatewayHost = host

    def serve(self, request: HttpRequest) -> HttpResponse:
        database = self.host.config.upstream.database
        choose_database(request.header(DATABASE_HEADER), lambda name: name == database, lambda: database)
        return without_versions(self.api.dispatch(without_versions(request), self.host))


def without_versions(message: T) -> T:
    """A request without ``If-None-Match``, or a response without ``ETag``.

    Odoo's external API gives ``write_date`` to the second only, so two writes within one
    second would share an ETag and a client could be told 304 about a record that changed.
    The gateway offers no ETags rather than weak ones (docs/gateway.md); ``If-Match`` is
    refused by the store (501), the check and the write being two calls there.
    """
    if isinstance(message, HttpRequest):
        if message.header("if-none-match") is None:
            return message
        headers = {k: v for k, v in message.headers.items() if k != "if-none-match"}
        return attrs.evolve(message, headers=headers)
    return attrs.evolve(message, headers=tuple(h for h in message.headers if h[0].lower() != "etag"))


def application_from_environment(environ: Mapping[str, str] = os.environ) -> GatewayApp:
    """The WSGI application configured by environment variables (see ``GatewayConfig``)."""
    return GatewayApp(GatewayHost(GatewayConfig.from_environment(environ)))
