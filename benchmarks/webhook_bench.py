"""Webhooks on a real Odoo (issue 25): 10,000 changes delivered to a local receiver by the cron's
runners on a ``--workers 2`` server (2 cron workers); median commit→delivery on an idle server;
the cron workers' memory across the run; the queries of a quiet cron run.

    source /work/odoo-env.sh && flock /work/odoo.lock python benchmarks/webhook_bench.py

Targets (issue 25): ≥ 200 events/s, median ≤ 2 s, memory flat, ≤ 2 queries per quiet run.
Prints a Markdown table (docs/performance.md, "Webhooks").
"""
from __future__ import annotations

import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).parent))
from odoo_server import OdooInstance  # noqa: E402

CHANGES = int(os.environ.get("BENCH_WEBHOOK_CHANGES", "10000"))
BATCH = 100
LATENCY_SAMPLES = 21

SETUP = """
# ruff: noqa
env["ir.config_parameter"].sudo().set_param("rest_api.webhook_allow_private", "True")
env.cr.execute("CREATE INDEX IF NOT EXISTS res_partner_write_date_id_idx ON res_partner (write_date, id)")
key = env["res.users.apikeys"].with_user(env.ref("base.user_admin"))._generate("odoo.api", "webhook bench", None)
env.cr.commit()
print(f"BENCH_KEY={key}")
"""

QUIET_RUN = """
# ruff: noqa
env.cr.commit()
counts = []
for _ in range(5):
    before = env.cr.sql_log_count
    env["rest_api.webhook"]._rest_api_run_webhooks()
    counts.append(env.cr.sql_log_count - before)
print(f"BENCH_QUIET={max(counts)}")
"""


class Receiver:
    """Keeps the arrival time of every event, by (type, record id, name)."""

    def __init__(self):
        self.arrivals: list[tuple[float, dict]] = []
        self.ids: list[str] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                now = time.monotonic()
                with receiver.lock:
                    receiver.arrivals.append((now, json.loads(body)))
                    receiver.ids.append(self.headers["webhook-id"])
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"

    def count(self) -> int:
        with self.lock:
            return len(self.arrivals)

    def wait_for(self, total: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.count() < total and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.count() >= total


def shell(odoo: OdooInstance, script: str) -> dict[str, str]:
    done = subprocess.run(odoo._odoo("--no-http", "--log-level=warn", command=("shell",)), input=script,  # noqa: SLF001
                          capture_output=True, text=True, check=True)
    values = dict(line.split("=", 1) for line in done.stdout.splitlines() if line.startswith("BENCH_"))
    if not values:
        raise RuntimeError(f"shell failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return values


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in found]


def main() -> int:
    if not os.environ.get("ODOO_BIN"):
        print("webhook bench: SKIPPED — no Odoo named (ODOO_BIN, ODOO_PYTHON, ODOO_ADDONS_PATH)")
        return 0
    odoo = OdooInstance(dict(os.environ))
    receiver = Receiver()
    try:
        print(f"webhook bench: database {odoo.db} (rest_api)…", flush=True)
        subprocess.run(odoo._odoo("-i", "rest_api", "--without-demo=all", "--stop-after-init",  # noqa: SLF001
                                  "--max-cron-threads=0", "--log-level=warn"),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        key = shell(odoo, SETUP)["BENCH_KEY"]
        url = odoo.start(workers=2, cron_threads=2)
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {key}"
        api = f"{url}/api/v1"
        made = http.post(f"{api}/webhooks", json={"url": receiver.url, "model": "res.partner",
                                                  "events": ["created", "updated"], "query": "{id, name}"})
        made.raise_for_status()
        time.sleep(2)
        # Idle latency: one change at a time, commit (the answer) → arrival.
        latencies = []
        for n in range(LATENCY_SAMPLES):
            before = receiver.count()
            response = http.post(f"{api}/res.partner", json={"data": {"name": f"latency {n}"}})
            committed = time.monotonic()
            response.raise_for_status()
            if not receiver.wait_for(before + 1, 70):
                raise RuntimeError(f"latency sample {n} not delivered in 70 s")
            latencies.append(receiver.arrivals[before][0] - committed)
            time.sleep(0.3)
        print(f"webhook bench: median commit→delivery {statistics.median(latencies):.3f} s", flush=True)
        workers = [pid for pid in children(odoo.server.pid)] if odoo.server else []
        memory_before = {pid: rss_kib(pid) for pid in workers}
        # Throughput: CHANGES records created in batches of BATCH.
        base = receiver.count()
        started = time.monotonic()
        samples = []
        for n in range(0, CHANGES, BATCH):
            http.post(f"{api}/res.partner/batch", json={"data": [{"name": f"bulk {n + i}"} for i in range(BATCH)]},
                      params={"query": "{id}"}).raise_for_status()
        written = time.monotonic()
        while not receiver.wait_for(base + CHANGES, 5):
            samples.append({pid: rss_kib(pid) for pid in workers})
            if time.monotonic() - written > 600:
                raise RuntimeError(f"only {receiver.count() - base} of {CHANGES} delivered in 10 min")
        done = time.monotonic()
        memory_after = {pid: rss_kib(pid) for pid in workers}
        first_arrival = receiver.arrivals[base][0]
        ids = receiver.ids[base:]
        rate_overall = CHANGES / (done - started)
        rate_delivery = CHANGES / (done - first_arrival)
        odoo.stop()
        quiet = int(shell(odoo, QUIET_RUN)["BENCH_QUIET"])
    finally:
        odoo.drop()
        receiver.server.shutdown()
    growth = {pid: memory_after[pid] - memory_before[pid] for pid in memory_before if pid in memory_after}
    rows = [
        ("changes delivered", f"{CHANGES} (duplicates: {len(ids) - len(set(ids))})", f"{CHANGES}, none twice"),
        ("events/s, first write → last delivery", f"{rate_overall:.0f}", "≥ 200"),
        ("events/s, first delivery → last delivery", f"{rate_delivery:.0f}", "≥ 200"),
        ("writes took", f"{written - started:.1f} s", ""),
        ("median commit → delivery, idle", f"{statistics.median(latencies):.3f} s "
                                          f"(max {max(latencies):.3f} s, n={len(latencies)})", "≤ 2 s"),
        ("worker RSS before → after (MiB)", ", ".join(f"{memory_before[p] / 1024:.0f}→{memory_after[p] / 1024:.0f}"
                                                       for p in sorted(growth)), "flat"),
        ("queries of a quiet cron run (max of 5)", str(quiet), "≤ 2"),
    ]
    print("\n| webhooks (issue 25) | measured | target |\n|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
