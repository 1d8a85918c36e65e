"""A bounded load generator: ``clients`` threads, each with its own keep-alive session, for ``seconds``.

Responses are read whole but not decoded, so the load generator spends as little of the
machine's CPU as it can; every answer's status is checked (an error answer is not counted).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

import requests

Sender = Callable[[requests.Session], requests.Response]


def throughput(send: Sender, clients: int = 8, seconds: float = 30.0) -> float:
    """Successful requests per second over ``seconds`` with ``clients`` concurrent clients."""
    done = [0] * clients
    failed = [0] * clients
    stop = time.monotonic() + seconds

    def worker(slot: int) -> None:
        session = requests.Session()
        while time.monotonic() < stop:
            answer = send(session)
            body = answer.content
            if answer.status_code == 200 and b'"error"' not in body[:200]:
                done[slot] += 1
            else:
                failed[slot] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if sum(failed):
        raise RuntimeError(f"{sum(failed)} requests failed under load")
    return sum(done) / (time.monotonic() - started)
