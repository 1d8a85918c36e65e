"""MCP ``search_records`` against the REST list of the same query, on the same throwaway Odoo 18, in
alternation (issue 26: at most 1.1x for the flat 1,000-row case).

Needs the variables of ``make test-odoo`` (ODOO_BIN, ODOO_PYTHON, ODOO_ADDONS_PATH, ODOO_DB_*);
without ODOO_BIN it says so and exits 0. ``BENCH_SAMPLES`` (default 15) sets the samples.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from odoo_clients import FLAT_QUERY, NESTED_QUERY, ORDER, RestClient  # noqa: E402
from odoo_measure import alternate  # noqa: E402
from odoo_server import OdooInstance  # noqa: E402

BUDGET = 1.1


class McpClient(RestClient):
    """``tools/call`` on ``/api/v1/mcp`` over the same keep-alive session as the REST client."""

    def search(self, query: str, limit: int) -> list[dict]:
        self.requests_sent += 1
        answer = self.http.post(f"{self.base}/mcp", json={
            "jsonrpc": "2.0", "id": self.requests_sent, "method": "tools/call",
            "params": {"name": "search_records", "arguments": {"model": "res.partner", "query": query,
                                                               "limit": limit, "order": ORDER}}})
        result = answer.json()["result"]
        if result["isError"]:
            raise RuntimeError(f"MCP search_records: {result['structuredContent']}")
        return result["structuredContent"]["records"]


def main() -> int:
    if not os.environ.get("ODOO_BIN"):
        print("mcp bench: SKIPPED — no Odoo named (set ODOO_BIN, ODOO_PYTHON, ODOO_ADDONS_PATH)")
        return 0
    samples = int(os.environ.get("BENCH_SAMPLES", "15"))
    odoo = OdooInstance(dict(os.environ))
    try:
        print(f"mcp bench: creating database {odoo.db}…", flush=True)
        seeded = odoo.create()
        url = odoo.start()
        rest, mcp = RestClient(url, seeded["BENCH_KEY"]), McpClient(url, seeded["BENCH_KEY"])
        rows = []
        for name, query in (("flat list, 1,000 rows x 5 fields", FLAT_QUERY),
                            ("nested list, 1,000 rows", NESTED_QUERY)):
            if query == FLAT_QUERY and mcp.search(query, 1000) != rest.flat(1000):
                raise RuntimeError("MCP and REST disagree on the flat list: the comparison would be unfair")
            rows.append(alternate(name, lambda i, q=query: mcp.search(q, 1000),
                                  lambda i, q=query: rest.request("GET", "/res.partner", {
                                      "query": q, "limit": 1000, "order": ORDER})["records"], samples))
        # What a POST costs over a GET (Odoo serves GET on a read-only cursor): REST's own search.
        rows.append(alternate("REST POST /search vs GET list, flat 1,000 rows",
                              lambda i: rest.request("POST", "/res.partner/search", body={
                                  "query": FLAT_QUERY, "limit": 1000, "order": ORDER})["records"],
                              lambda i: rest.flat(1000), samples))
    finally:
        odoo.drop()
    print("| case | MCP search_records, or REST POST (ms) | REST GET list (ms) | ratio |\n|---|---|---|---|")
    for row in rows:
        print(f"| {row.name} | {row.rest * 1000:.1f} | {row.rpc * 1000:.1f} | {row.ratio:.2f} |")
    over = [row.name for row in rows[:1] if row.ratio > BUDGET]
    if over:
        print(f"mcp bench: OVER BUDGET ({BUDGET}x): {', '.join(over)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
