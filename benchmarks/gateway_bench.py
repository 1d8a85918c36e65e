"""The gateway against direct JSON-RPC: the same lists, the same Odoo, alternating samples.

``make bench`` runs it after the addon's benchmark (it skips without ``ODOO_BIN``, like
``make test-odoo``). It makes its own database, serves it with ``--workers 2``, starts the
gateway (gunicorn, 2 workers) in front of it, and prints one row per list: gateway ÷ JSON-RPC.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from odoo_bench import _false_as_null
from odoo_clients import RestClient, RpcClient
from odoo_measure import alternate
from odoo_server import OdooInstance, free_port

REPO = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"


class GatewayClient(RestClient):
    """The addon's REST client, plus the login the gateway needs on Odoo 18."""

    def __init__(self, url: str, key: str, login: str):
        super().__init__(url, key)
        self.http.headers["X-Odoo-Login"] = login


def start_gateway(odoo_url: str, db: str) -> tuple[subprocess.Popen, str]:
    """gunicorn with 2 workers in front of ``odoo_url``; the process and its base URL."""
    port = free_port()
    env = dict(os.environ, ODOO_URL=odoo_url, ODOO_DB=db, REST_API_MAX_PAGE_SIZE="5000")
    process = subprocess.Popen([str(GUNICORN), "--chdir", str(REPO / "devtools"), "--workers", "2",
                                "--bind", f"127.0.0.1:{port}", "gateway_wsgi:app"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if requests.get(f"{url}/api/v1/health", timeout=2).ok:
                return process, url
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("the gateway did not start")


def main() -> int:
    if not os.environ.get("ODOO_BIN"):
        print("gateway bench: SKIPPED — no Odoo named (set ODOO_BIN, ODOO_PYTHON, ODOO_ADDONS_PATH)")
        return 0
    samples = int(os.environ.get("BENCH_SAMPLES", "15"))
    odoo = OdooInstance(dict(os.environ))
    gateway = None
    try:
        print(f"gateway bench: creating database {odoo.db}…", flush=True)
        seeded = odoo.create()
        url = odoo.start(workers=2)
        uid, key = int(seeded["BENCH_UID"]), seeded["BENCH_KEY"]
        rpc = RpcClient(url, odoo.db, uid, key)
        login = rpc.call("res.users", "read", [uid], ["login"])[0]["login"]
        gateway, gateway_url = start_gateway(url, odoo.db)
        rest = GatewayClient(gateway_url, key, login)
        if rest.nested(50) != _false_as_null(rpc.nested(50)):
            raise RuntimeError("the gateway and JSON-RPC disagree on the nested read")
        rows = [alternate("flat list, 1,000 rows", lambda i: rest.flat(1000), lambda i: rpc.flat(1000), samples),
                alternate("nested list, 1,000 rows", lambda i: rest.nested(1000), lambda i: rpc.nested(1000),
                          samples)]
    finally:
        if gateway is not None:
            gateway.terminate()
            gateway.wait(timeout=30)
        odoo.drop()
    print("| case | gateway (ms) | JSON-RPC (ms) | gateway ÷ JSON-RPC |\n|---|---|---|---|")
    for row in rows:
        print(f"| {row.name} | {row.rest * 1000:.0f} | {row.rpc * 1000:.0f} | {row.ratio:.2f} |")
    return 0



if __name__ == "__main__":
    sys.exit(main())
