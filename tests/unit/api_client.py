"""A client that drives the standalone HTTP edge in-process (no sockets): the API as clients see it."""
from __future__ import annotations

import json as jsonlib
from datetime import datetime, timezone

from attrs import frozen

from memory_fixtures import with_test_methods
from rest_api.adapters.memory.seed import seed_database
from rest_api.controllers.routes import ROUTES
from rest_api.controllers.http_api import RestHttpApi
from rest_api.controllers.messages import HttpRequest, new_request_id
from rest_api.controllers.standalone import MemoryHost, StandaloneApp
from rest_api.domain.settings import ApiSettings

FIXED_NOW = datetime(2024, 1, 1, 12, 0, 0, 123456, tzinfo=timezone.utc)


PUBLIC_ADDRESS = "93.184.215.14"
FAKE_DNS = {"localhost": ["127.0.0.1", "::1"], "intranet.example": ["10.0.0.5"],
            "metadata.example": ["169.254.169.254"], "mixed.example": [PUBLIC_ADDRESS, "192.168.1.1"],
            "nowhere.example": []}


def fake_resolver(host: str, port: int) -> list[str]:
    """A resolver for the tests: IP literals as they are, a few names of ``FAKE_DNS``, others public."""
    if host.replace(".", "").isdigit() or ":" in host:
        return [host]
    return FAKE_DNS.get(host, [PUBLIC_ADDRESS])


@frozen
class Reply:
    """An HTTP answer: status, headers (lower-cased names) and the raw body."""

    status: int
    headers: dict
    body: bytes

    @property
    def json(self):
        return jsonlib.loads(self.body)

    @property
    def data(self):
        return self.json["data"]

    @property
    def error(self):
        return self.json["error"]


class ApiClient:
    """Sends requests to a fresh in-memory API; ``key=None`` sends no Authorization header."""

    def __init__(self, settings: ApiSettings = ApiSettings(), routes=ROUTES, guards=(), error_mappings=()):
        self.host = MemoryHost(with_test_methods(seed_database()), settings=settings)
        self.host.database.webhooks.resolver = fake_resolver  # no DNS in tests
        self.app = StandaloneApp(self.host, RestHttpApi(routes, guards, error_mappings, clock=lambda: FIXED_NOW))

    @property
    def database(self):
        return self.host.database

    def request(self, method: str, path: str, params: dict | None = None, json=None,
                body: bytes | None = None, headers: dict | None = None, key: str | None = "demo",
                remote_addr: str = "127.0.0.1") -> Reply:
        all_headers = dict(headers or {})
        if key is not None:
            all_headers.setdefault("Authorization", f"Bearer {key}")
        if json is not None:
            body = jsonlib.dumps(json).encode()
            all_headers.setdefault("Content-Type", "application/json")
        request = HttpRequest(method, path, {k: str(v) for k, v in (params or {}).items()},
                              all_headers, body or b"", new_request_id(all_headers.get("X-Request-Id")),
                              remote_addr)
        response = self.app.handle(request)
        return Reply(response.status, {k.lower(): v for k, v in response.headers}, b"".join(response.chunks()))

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)
