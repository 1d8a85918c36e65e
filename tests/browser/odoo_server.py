"""A real Odoo serving one existing database, for the browser tests of the Odoo pages.

Named by environment variables (the tests skip, saying why, without them):
``ODOO_BIN``, ``ODOO_PYTHON`` (default python3), ``ODOO_ADDONS_PATH`` (Odoo's addons *and* the
folder holding ``rest_api``), ``ODOO_BROWSER_DB`` (a database with ``rest_api`` installed and
the admin password ``ODOO_BROWSER_PASSWORD``, default ``admin``), ``ODOO_BROWSER_PORT``.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar

REQUIRED = ("ODOO_BIN", "ODOO_ADDONS_PATH", "ODOO_BROWSER_DB")


def missing_settings() -> list[str]:
    """The environment variables the Odoo browser tests need and do not have."""
    return [name for name in REQUIRED if not os.environ.get(name)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_odoo(log_path: str):
    """The base URL of an Odoo serving ``ODOO_BROWSER_DB``; the server is stopped afterwards."""
    database = os.environ["ODOO_BROWSER_DB"]
    port = int(os.environ.get("ODOO_BROWSER_PORT") or _free_port())
    command = [os.environ.get("ODOO_PYTHON", "python3"), os.environ["ODOO_BIN"],
               f"--addons-path={os.environ['ODOO_ADDONS_PATH']}", "-d", database,
               f"--db-filter=^{database}$", "--http-interface=127.0.0.1", f"--http-port={port}",
               "--max-cron-threads=0", "--log-level=warn"]
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, server)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(base_url: str, server: subprocess.Popen, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"Odoo stopped at once (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"{base_url}/web/health", timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(1)
    raise RuntimeError(f"Odoo did not answer at {base_url} within {seconds} s")


class WebClientSession:
    """JSON-RPC calls as the web client makes them, in a logged-in session."""

    def __init__(self, base_url: str, login: str, password: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.rpc("/web/session/authenticate", {"db": os.environ["ODOO_BROWSER_DB"], "login": login,
                                               "password": password})

    def rpc(self, path: str, params: dict):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode()
        request = urllib.request.Request(self.base_url + path, data=body,
                                         headers={"Content-Type": "application/json"})
        with self.opener.open(request, timeout=120) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def call(self, model: str, method: str, *args, **kwargs):
        return self.rpc("/web/dataset/call_kw", {"model": model, "method": method, "args": list(args),
                                                 "kwargs": kwargs})
