"""A loopback stand-in for a remote Odoo's ``/jsonrpc`` and ``/json/2`` endpoints, for gateway tests.

It answers only what a test scripts: ``methods[(model, method)]`` is called with
``(ids, args, kwargs)``; a raised ``Fault`` becomes Odoo's JSON error object. Every call is
recorded, so a test can check what the gateway sent (never the key in the wrong place).
"""
from __future__ import annotations

import json
from contextlib import contextmanager

from live_server import quiet_wsgi_server, serving


class Fault(Exception):
    """An Odoo exception as the remote side reports it."""

    def __init__(self, name: str, message: str, debug: str = ""):
        super().__init__(message)
        self.name, self.message, self.debug = name, message, debug


class FakeOdoo:
    """WSGI app: ``version`` answers ``major``; logins in ``users`` are ``{login: (key, uid)}``."""

    def __init__(self, major: int = 18, users: dict | None = None, methods: dict | None = None):
        self.major = major
        self.users = users or {}
        self.methods = methods or {}
        self.calls: list[dict] = []

    def __call__(self, environ, start_response):
        body = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
        path = environ["PATH_INFO"]
        if path == "/jsonrpc":
            status, answer = "200 OK", self._jsonrpc(body)
        elif path.startswith("/json/2/"):
            status, answer = self._json2(path, environ.get("HTTP_AUTHORIZATION", ""), body)
        else:
            status, answer = "404 Not Found", {"error": "no such path"}
        payload = json.dumps(answer).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
        return [payload]

    def _jsonrpc(self, body: dict) -> dict:
        params = body["params"]
        self.calls.append(params)
        try:
            result = self._service(params["service"], params["method"], params["args"])
        except Fault as fault:
            return {"jsonrpc": "2.0", "id": body["id"], "error": {
                "code": 200, "message": "Odoo Server Error",
                "data": {"name": fault.name, "message": fault.message, "debug": fault.debug}}}
        return {"jsonrpc": "2.0", "id": body["id"], "result": result}

    def _service(self, service: str, method: str, args: list):
        if (service, method) == ("common", "version"):
            return {"server_version": f"{self.major}.0", "server_version_info": [self.major, 0, 0, "final", 0, ""]}
        if (service, method) == ("common", "authenticate"):
            _db, login, key, _env = args
            known = self.users.get(login)
            return known[1] if known and known[0] == key else False
        if (service, method) == ("object", "execute_kw"):
            _db, uid, key, model, name, positional, kwargs = args
            if not any(k == key and u == uid for k, u in self.users.values()):
                raise Fault("odoo.exceptions.AccessDenied", "Access Denied")
            return self._method(model, name, None, positional, kwargs)
        raise Fault("builtins.NameError", f"no {service}.{method}")

    def _method(self, model, name, ids, positional, kwargs):
        handler = self.methods.get((model, name))
        if handler is None:
            raise Fault("builtins.AttributeError", f"The method '{model}.{name}' does not exist")
        return handler(ids, positional, kwargs)

    def _json2(self, path: str, authorization: str, body: dict):
        self.calls.append({"path": path, "authorization": authorization, "body": body})
        _, _, _, model, name = path.split("/")
        if not any(authorization == f"Bearer {key}" for key, _uid in self.users.values()):
            return "401 Unauthorized", {"name": "werkzeug.exceptions.Unauthorized", "message": "Invalid apikey"}
        ids = body.pop("ids", None)
        try:
            return "200 OK", self._method(model, name, ids, [], body)
        except Fault as fault:
            return "422 Unprocessable Entity", {"name": fault.name, "message": fault.message}


@contextmanager
def fake_odoo(odoo: FakeOdoo):
    """Serve ``odoo`` on a loopback port; yield its base URL."""
    with serving(quiet_wsgi_server(odoo)) as url:
        yield url
