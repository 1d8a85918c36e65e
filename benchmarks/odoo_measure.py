"""Timing REST and JSON-RPC in alternation, and counting their SQL queries from Odoo's own log.

SQL queries are counted by Odoo itself: every ``Cursor.execute`` increments the serving
thread's ``query_count``, and the werkzeug access line of each request ends with
``<query count> <query time> <remaining time>`` (``odoo.netsvc.PerfFilter``, log level info).
Summing those numbers over the HTTP requests of one client operation gives its query count,
authentication included, with no PostgreSQL extension and no debug logging.
"""
from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from attrs import frozen

ACCESS_LINE = re.compile(r'werkzeug: .*"(?:GET|POST|PUT|DELETE) (?P<path>\S+) HTTP/[\d.]+" \d+ - '
                         r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<python>[\d.]+)")


@frozen
class Comparison:
    """Median seconds of both protocols over the same alternating run."""

    name: str
    rest: float
    rpc: float
    samples: int

    @property
    def ratio(self) -> float:
        return self.rest / self.rpc


def alternate(name: str, rest: Callable[[int], object], rpc: Callable[[int], object],
              samples: int, warmup: int = 2) -> Comparison:
    """Run ``rest(i)`` and ``rpc(i)`` in alternation (who goes first alternates too); medians."""
    for i in range(warmup):
        rest(-1 - i), rpc(-1 - i)
    times: dict[str, list[float]] = {"rest": [], "rpc": []}
    for i in range(samples):
        order = (("rest", rest), ("rpc", rpc)) if i % 2 == 0 else (("rpc", rpc), ("rest", rest))
        for label, operation in order:
            started = time.perf_counter()
            operation(i)
            times[label].append(time.perf_counter() - started)
    return Comparison(name, statistics.median(times["rest"]), statistics.median(times["rpc"]), samples)


class QueryCounter:
    """Reads the access lines Odoo appended to its log since the last call."""

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.offset = log_path.stat().st_size if log_path.exists() else 0

    def _new_lines(self) -> list[re.Match]:
        with self.log_path.open("rb") as log:
            log.seek(self.offset)
            text = log.read()
        complete = text[:text.rfind(b"\n") + 1]
        self.offset += len(complete)
        return [m for m in map(ACCESS_LINE.search, complete.decode("utf-8", "replace").splitlines()) if m]

    def count(self, operation: Callable[[], object], client) -> int:
        """SQL queries of the HTTP requests ``operation`` sends through ``client``."""
        self._new_lines()
        before = client.requests_sent
        operation()
        requests_made = client.requests_sent - before
        lines: list[re.Match] = []
        deadline = time.monotonic() + 10
        while len(lines) < requests_made and time.monotonic() < deadline:
            lines += self._new_lines()
            time.sleep(0.02)
        if len(lines) != requests_made:
            raise RuntimeError(f"expected {requests_made} access lines in {self.log_path}, got {len(lines)}")
        return sum(int(m["queries"]) for m in lines)
