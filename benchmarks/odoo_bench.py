"""REST vs Odoo's own ``/jsonrpc``, on the same throwaway Odoo 18, in alternation (``make bench``).

Needs the variables of ``make test-odoo`` (ODOO_BIN, ODOO_PYTHON, ODOO_ADDONS_PATH, ODOO_DB_*);
without ODOO_BIN it says so and exits 0. Writes ``docs/performance.json``, ``docs/performance.md``
and ``docs/performance.png``. ``BENCH_SAMPLES`` (default 15) and ``BENCH_SECONDS`` (default 30)
shorten a trial run; ``BENCH_CASES`` (name prefixes, comma-separated) limits it to some cases.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from odoo_clients import ORDER, RestClient, RpcClient  # noqa: E402
from odoo_load import throughput  # noqa: E402
from odoo_measure import QueryCounter, alternate  # noqa: E402
from odoo_report import machine, write_report  # noqa: E402
from odoo_server import OdooInstance  # noqa: E402

SIZES = (10, 100, 1000, 5000)
UPDATE_SIZES = (1000, 10000)
# BENCH_CASES="1),3)" times only the cases whose names start so, and leaves docs/ alone (a trial run).
ONLY = tuple(filter(None, os.environ.get("BENCH_CASES", "").split(",")))
DOCS = Path(__file__).resolve().parents[1] / "docs"


def single_thread_cases(rest: RestClient, rpc: RpcClient, counter: QueryCounter, bulk_tag: int,
                        samples: int) -> tuple[list[dict], list[dict]]:
    """Cases 1–5 on the threaded server: timing rows and the nested-read scaling rows."""
    if rest.nested(50) != _false_as_null(rpc.nested(50)):
        raise RuntimeError("REST and JSON-RPC disagree on the nested read: the comparison would be unfair")
    record_id = rest.flat(1)[0]["id"]
    bulk_samples = max(3, samples // 2)  # the seconds-long bulk cases: fewer samples
    rows = []

    def add(name, rest_op, rpc_op, runs=samples):
        if ONLY and not name.startswith(ONLY):
            return
        result = alternate(name, rest_op, rpc_op, runs)
        rows.append({"case": name, "rest": result.rest, "rpc": result.rpc, "ratio": result.ratio,
                     "samples": runs, "rest_queries": counter.count(lambda: rest_op(0), rest),
                     "rpc_queries": counter.count(lambda: rpc_op(0), rpc)})
        print(f"  {name}: REST {result.rest * 1000:.1f} ms, JSON-RPC {result.rpc * 1000:.1f} ms, "
              f"ratio {result.ratio:.2f}", flush=True)

    add("1) flat list, 1,000 rows x 5 fields", lambda i: rest.flat(), lambda i: rpc.flat())
    scaling = []
    for size in SIZES:
        add(f"5) nested list, N = {size:,}", lambda i, n=size: rest.nested(n),
            lambda i, n=size: rpc.nested(n))
        if rows and rows[-1]["case"].endswith(f"N = {size:,}"):
            scaling.append(dict(rows[-1], n=size))
    add("3) single record", lambda i: rest.single(record_id), lambda i: rpc.single(record_id))
    stamp = int(time.time())

    def batch(tag, i, size):
        return [{"name": f"New {tag} {stamp} {i} {n}", "email": f"n{n}@example.com"} for n in range(size)]

    for size, case in ((100, "4a"), (1000, "4c")):
        add(f"{case}) batch create, {size:,} records",
            lambda i, n=size: rest.create_batch(batch(f"rest{n}", i, n)),
            lambda i, n=size: rpc.create_batch(batch(f"rpc{n}", i, n)), bulk_samples)
    domain = [["category_id", "in", [bulk_tag]]]
    add("4b) bulk update, 1,000 records by filter",
        lambda i: rest.update_by_filter(domain, {"function": f"REST {i}"}),
        lambda i: rpc.update_by_filter(domain, {"function": f"RPC {i}"}))
    # The oldest partners (seeded first, without relations), so the list cases keep their rows.
    first = rpc.call("res.partner", "search", [], order="id", limit=max(UPDATE_SIZES))
    for size, case in zip(UPDATE_SIZES, ("4d", "4e"), strict=True):
        add(f"{case}) update by ids, {size:,} records",
            lambda i, n=size: rest.update_by_ids(first[:n], {"function": f"REST {n} {i}"}),
            lambda i, n=size: rpc.update_by_ids(first[:n], {"function": f"RPC {n} {i}"}), bulk_samples)
    return rows, scaling


UPSERT_ROWS = 10_000


def upsert_case(rest: RestClient, rpc: RpcClient, counter: QueryCounter, server_pid: int) -> dict:
    """Issue 24: upsert by external id, half the rows existing, against Odoo's own ``load()`` over
    JSON-RPC, in alternation; the REST upsert's SQL queries per 1,000 rows at two sizes (no per-row
    lookups); the server's peak memory before and after."""
    stamp, half = int(time.time()), UPSERT_ROWS // 2
    peak_before = _peak_rss_mb(server_pid)

    def partners(namespace: str, sample: int, size: int = UPSERT_ROWS) -> list[dict]:
        kept = [{"external_id": f"{namespace}.kept_{n}", "name": f"Kept {n} {sample}", "email": f"k{n}@example.com"}
                for n in range(size // 2)]
        new = [{"external_id": f"{namespace}.s{stamp}_{sample}_{n}", "name": f"New {n}", "email": f"n{n}@example.com"}
               for n in range(size - size // 2)]
        return kept + new

    rest.upsert(partners("bench_rest", -10)[:half])  # the existing half, on both sides
    rpc.load(partners("bench_rpc", -10)[:half])
    result = alternate("upsert", lambda i: rest.upsert(partners("bench_rest", i)),
                       lambda i: rpc.load(partners("bench_rpc", i)), 3, warmup=1)
    print(f"  upsert of {UPSERT_ROWS:,} partners: REST {result.rest:.2f} s, load() {result.rpc:.2f} s, "
          f"ratio {result.ratio:.2f}", flush=True)
    per_thousand = {}
    for size in (1000, UPSERT_ROWS):  # twice each size: the second run updates every row
        for run in ("created", "updated"):
            queries = counter.count(lambda n=size: rest.upsert(partners(f"bench_q{n}", 0, n)), rest)
            per_thousand[f"{size:,} rows, {run}"] = round(queries * 1000 / size, 1)
    print(f"  upsert SQL queries per 1,000 rows: {per_thousand}", flush=True)
    return {"rows": UPSERT_ROWS, "rest": result.rest, "rpc": result.rpc, "ratio": result.ratio, "samples": 3,
            "queries_per_1000": per_thousand, "peak_rss_mb": [peak_before, _peak_rss_mb(server_pid)]}


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return round(int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024, 1)


def throughput_cases(rest: RestClient, rpc: RpcClient, record_id: int, seconds: float) -> list[dict]:
    """Case 6: requests per second, 8 clients, REST and JSON-RPC in alternating halves."""
    rest_key = rest.http.headers["Authorization"]
    plans = {
        "1) flat list": (lambda s: s.get(f"{rest.base}/res.partner", headers={"Authorization": rest_key},
                                         params={"query": "{id, name, email, phone, city}", "limit": 1000,
                                                 "order": ORDER}),
                         _rpc_sender(rpc, "search_read", [[], ["name", "email", "phone", "city"]],
                                     {"limit": 1000, "order": ORDER})),
        "3) single record": (lambda s: s.get(f"{rest.base}/res.partner/{record_id}",
                                             headers={"Authorization": rest_key},
                                             params={"query": "{id, name, email, phone, city}"}),
                             _rpc_sender(rpc, "read", [[record_id], ["name", "email", "phone", "city"]], {})),
    }
    rows = []
    for name, (rest_send, rpc_send) in plans.items():
        rates = {"rest": [], "rpc": []}
        for label, send in (("rest", rest_send), ("rpc", rpc_send), ("rpc", rpc_send), ("rest", rest_send)):
            rates[label].append(throughput(send, clients=8, seconds=seconds / 2))
        rest_rate, rpc_rate = (sum(rates[k]) / 2 for k in ("rest", "rpc"))
        rows.append({"case": name, "rest": rest_rate, "rpc": rpc_rate, "ratio": rest_rate / rpc_rate})
        print(f"  throughput {name}: REST {rest_rate:.1f}/s, JSON-RPC {rpc_rate:.1f}/s", flush=True)
    return rows


def restricted_key_case(rest: RestClient, restricted: RestClient, samples: int) -> dict:
    """Issue 23's cost: the flat list with a restricted key (read on contacts, fields listed)
    against the same user's unrestricted key, in alternation (target: at most 1.05)."""
    if restricted.flat(5) != rest.flat(5):
        raise RuntimeError("the restricted and unrestricted keys read the flat list differently")
    result = alternate("1r) flat list, restricted key", lambda i: restricted.flat(), lambda i: rest.flat(), samples)
    print(f"  1r) flat list: restricted key {result.rest * 1000:.1f} ms, unrestricted {result.rpc * 1000:.1f} ms, "
          f"ratio {result.ratio:.2f}", flush=True)
    return {"restricted": result.rest, "unrestricted": result.rpc, "ratio": result.ratio, "samples": samples}


def _false_as_null(value):
    """JSON-RPC's ``False`` for an empty value as REST's ``null``, to compare the two answers."""
    if isinstance(value, list):
        return [_false_as_null(item) for item in value]
    if isinstance(value, dict):
        return {key: _false_as_null(item) for key, item in value.items()}
    return None if value is False else value


def _rpc_sender(rpc: RpcClient, method: str, args: list, kwargs: dict):
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
        "service": "object", "method": "execute_kw",
        "args": [rpc.db, rpc.uid, rpc.key, "res.partner", method, args, kwargs]}})
    return lambda s: s.post(rpc.url, data=body, headers={"Content-Type": "application/json"})


def main() -> int:
    if not os.environ.get("ODOO_BIN"):
        print("odoo bench: SKIPPED — no Odoo named (set ODOO_BIN, ODOO_PYTHON, ODOO_ADDONS_PATH, ODOO_DB_* "
              "as for make test-odoo)")
        return 0
    samples = int(os.environ.get("BENCH_SAMPLES", "15"))
    seconds = float(os.environ.get("BENCH_SECONDS", "30"))
    odoo = OdooInstance(dict(os.environ))
    started = time.monotonic()
    try:
        print(f"odoo bench: creating database {odoo.db} (rest_api, product; seeding data)…", flush=True)
        seeded = odoo.create()
        print(f"odoo bench: {seeded['BENCH_PARTNERS']} partners; threaded server", flush=True)
        url = odoo.start()
        uid, key = int(seeded["BENCH_UID"]), seeded["BENCH_KEY"]
        rest, rpc = RestClient(url, key), RpcClient(url, odoo.db, uid, key)
        rows, scaling = single_thread_cases(rest, rpc, QueryCounter(odoo.log_path),
                                            int(seeded["BENCH_BULK_TAG"]), samples)
        restricted = restricted_key_case(rest, RestClient(url, seeded["BENCH_RESTRICTED_KEY"]), samples)
        wanted = not ONLY or any(prefix.startswith("7") for prefix in ONLY)
        upsert = upsert_case(rest, rpc, QueryCounter(odoo.log_path), odoo.server.pid) if wanted else None
        record_id = rest.flat(1)[0]["id"]
        loads = []
        if not ONLY:
            print("odoo bench: --workers 2", flush=True)
            url = odoo.start(workers=2)
            rest, rpc = RestClient(url, key), RpcClient(url, odoo.db, uid, key)
            loads = throughput_cases(rest, rpc, record_id, seconds)
    finally:
        odoo.drop()
    results = {"machine": machine(), "samples": samples, "load_seconds": seconds, "rows": rows,
               "scaling": scaling, "throughput": loads, "restricted_key": restricted, "upsert": upsert,
               "runtime_s": round(time.monotonic() - started)}
    if ONLY:
        print("odoo bench: BENCH_CASES given, docs/performance.* left as they were")
        return 0
    (DOCS / "performance.json").write_text(json.dumps(results, indent=1) + "\n")
    write_report(results, DOCS)
    print(f"odoo bench: done in {results['runtime_s']} s; wrote docs/performance.md and docs/performance.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
