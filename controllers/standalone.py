"""A standalone WSGI server for the API on the in-memory store: the demo, and the HTTP tests.

It serves the same route table, handlers and codec as the Odoo controller;
only the host differs (keys from a small table, records in memory, one
in-memory transaction per request).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from wsgiref.simple_server import WSGIRequestHandler, make_server

from ..adapters.memory.database import Database
from ..adapters.memory.idempotency import InMemoryIdempotencyStore
from ..adapters.memory.rate_limiter import InMemoryRateLimiter
from ..adapters.memory.seed import ADMIN_ID, DEMO_ID, build_catalog, seed_database
from ..adapters.memory.reports import InMemoryReportRenderer
from ..adapters.memory.store import InMemoryRecordStore
from ..adapters.memory.webhook_runner import MemoryWebhookRunner
from ..application.webhook_ports import WebhookSender
from ..application.session import Session
from .credentials import bearer_token
from ..domain.databases import DATABASE_HEADER, choose_database
from ..domain.errors import AuthenticationError
from ..domain.settings import ApiSettings
from .host import Host
from ..domain.key_restrictions import KeyRestrictions, ModelGrant, parse_networks
from .module_version import module_version
from .http_api import RestHttpApi
from .messages import HttpRequest, HttpResponse
from .wsgi import WsgiApp

_logger = logging.getLogger(__name__)

DEMO_KEYS = {"demo": ADMIN_ID, "demo-user": DEMO_ID, "demo-readonly": ADMIN_ID, "demo-shop": ADMIN_ID}
# Restricted keys (issue 23): read-only on contacts, tags and products; a shop front that reads
# products and creates contacts but sees only some of their fields, from loopback only.
DEMO_RESTRICTIONS = {
    "demo-readonly": KeyRestrictions.of([ModelGrant(model, read=True) for model in (
        "res.partner", "res.partner.category", "product.template")]),
    "demo-shop": KeyRestrictions.of(
        [ModelGrant("product.template", read=True),
         ModelGrant("res.partner", read=True, create=True, methods={"name_search"},
                    fields={"name", "email", "phone", "category_id"}),
         ModelGrant("res.partner.category", read=True)],
        parse_networks("127.0.0.0/8, ::1/128")),
}
DEMO_DATABASE = "demo"
DEFAULT_SETTINGS = ApiSettings()


class MemoryHost(Host):
    """Keys from a table, records from an in-memory database."""

    def __init__(self, database: Database, keys: Mapping[str, int] = DEMO_KEYS,
                 settings: ApiSettings = DEFAULT_SETTINGS,
                 restrictions: Mapping[str, KeyRestrictions] = DEMO_RESTRICTIONS):
        self.database = database
        self.keys = dict(keys)
        self.key_ids = {key: number for number, key in enumerate(self.keys, 1)}  # as Odoo's key rows
        self.restrictions = dict(restrictions)
        self._settings = settings
        self.limiter = InMemoryRateLimiter()
        self.lock = threading.RLock()  # requests and the webhook runner's polls, one at a time
        self.idempotency = InMemoryIdempotencyStore()

    @property
    def settings(self) -> ApiSettings:
        return self._settings

    def session(self, request: HttpRequest) -> Session:
        key = bearer_token(request.header("authorization"))
        user_id = self.keys.get(key)
        if user_id is None:
            raise AuthenticationError("Invalid or expired API key")
        return self.key_session(key)

    def key_session(self, key: str) -> Session:
        """The session of a known key (a request's, or the delivery thread's for a webhook's key)."""
        user_id = self.keys[key]
        store = InMemoryRecordStore(self.database, user_id)
        return Session(build_catalog(user_id, self.database), store, self.settings, user_id,
                       reports=InMemoryReportRenderer(store),
                       restrictions=self.restrictions.get(key, KeyRestrictions()), key_id=self.key_ids[key])

    def key_id_session(self, key_id: int) -> Session | None:
        """The session of the key with row id ``key_id`` (None: no such key any more)."""
        key = next((key for key, number in self.key_ids.items() if number == key_id and key in self.keys), None)
        return None if key is None else self.key_session(key)

    def webhook_runner(self, sender: WebhookSender | None = None) -> MemoryWebhookRunner:
        """The demo's webhook runner (not started): events of this host's subscriptions, sent by ``sender``."""
        if sender is None:
            from ..adapters.webhook_sender import RequestsSender  # noqa: PLC0415 - only when the demo delivers
            sender = RequestsSender(self.settings.webhook_allow_private)
        return MemoryWebhookRunner(self.database.webhooks, self.key_id_session, sender, self.lock)

    def database_answers(self) -> bool:
        return True

    def versions(self) -> tuple[str, str]:
        return module_version(), "in-memory demo"

    def rate_limiter(self) -> InMemoryRateLimiter:
        return self.limiter

    def signing_secret(self, purpose: str) -> bytes:
        # Demo data, demo secret: cursors stay the same from run to run, so the docs can show them.
        return f"rest_api in-memory demo: {purpose}".encode()
    def idempotency_store(self) -> InMemoryIdempotencyStore:
        return self.idempotency

    def undo_on_error(self):
        return self.database.transaction()


class StandaloneApp(WsgiApp):
    """The demo as a WSGI application: one in-memory transaction per request, every error as JSON."""

    def __init__(self, host: MemoryHost, api: RestHttpApi | None = None):
        super().__init__(host, api)
        self.host: MemoryHost = host

    def serve(self, request: HttpRequest) -> HttpResponse:
        """Answer ``request``; writes of a failed request are undone."""
        # One database, named like Odoo's would be chosen (spec §13).
        choose_database(request.header(DATABASE_HEADER), {DEMO_DATABASE}.__contains__, lambda: DEMO_DATABASE)
        with self.host.lock, self.host.database.transaction():
            return self.api.dispatch(request, self.host)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        _logger.info("%s %s", self.address_string(), format % args)


def serve(host: str = "127.0.0.1", port: int = 8069) -> None:
    """Serve the demo until Ctrl-C."""
    # A developer's receiver runs on this machine: the demo allows loopback and private targets.
    app = StandaloneApp(MemoryHost(seed_database(), settings=ApiSettings(webhook_allow_private=True)))
    runner = app.host.webhook_runner()
    runner.start()  # webhooks of the demo are delivered by a background thread
    with make_server(host, port, app, handler_class=_QuietHandler) as server:
        base = f"http://{host}:{port}/api/v1"
        print(f"rest_api demo serving {base}  (in-memory data, API key: demo)\n")
        print("Try:")
        print(f"  curl {base}/health")
        print(f"  curl -g -H 'Authorization: Bearer demo' '{base}/res.partner?query={{id,name}}&page_size=2'")
        print(f"  curl -g -H 'Authorization: Bearer demo' '{base}/product.template"
              f"?filter=[[\"list_price\",\">\",100]]&query={{id,name,list_price}}'")
        print("\nCtrl-C to stop.", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nstopped.")
        finally:
            runner.stop()
