"""The change feed never skips a late commit: checked on a real multi-worker Odoo.

    python change_feed_check.py BASE_URL API_KEY

Two workers serve at once. A request opens a transaction that writes record L and keeps
the transaction open for a few seconds (``x.api.test.write_and_wait``). Meanwhile another
request creates record E, which commits at once with a later ``write_date`` than L's
(Odoo stamps ``write_date`` with the transaction's *start*). The feed is polled while L is
still uncommitted, then again after L committed. L must be served by one of the polls.

A naive feed (``write_date > last seen``, cursor moved to the newest change) serves E, moves
the cursor past L's ``write_date``, and never serves L. Also checked: a poll with nothing new
returns nothing and keeps a usable cursor; a deletion logged for a tracked model is served.
Prints PASS/FAIL lines and 'N passed, M failed'; exit 1 on failure.
"""
import sys
import threading
import time

import requests

MODEL = "x.api.test"


class Feed:
    def __init__(self, base, key):
        self.base = base.rstrip("/") + "/api/v1"
        self.headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}

    def call(self, method, path, **kwargs):
        return requests.request(method, self.base + path, headers=self.headers, timeout=60, **kwargs)

    def create(self, name):
        reply = self.call("POST", f"/{MODEL}", json={"data": {"name": name}})
        assert reply.status_code == 201, reply.text
        return reply.json()["data"]["id"]

    def drain(self, cursor=None):
        """Follow ``next_cursor`` until ``has_more`` is false: (names by id, deleted ids, cursor)."""
        seen, deleted = {}, []
        while True:
            params = {"limit": "50", "query": "{id, name}"}
            if cursor:
                params["cursor"] = cursor
            reply = self.call("GET", f"/{MODEL}/changes", params=params)
            assert reply.status_code == 200, reply.text
            data = reply.json()["data"]
            seen.update({r["id"]: r["name"] for r in data["records"]})
            deleted += data["deleted"] or []
            cursor = data["next_cursor"]
            if not data["has_more"]:
                return seen, deleted, cursor


def late_commit_is_served(feed):
    late = feed.create("late-before")
    _, _, cursor = feed.drain()
    answers = {}
    writer = threading.Thread(target=lambda: answers.setdefault("late", feed.call(
        "POST", f"/object/{MODEL}/{late}/write_and_wait", json={"args": ["late-committed", 4]})))
    writer.start()
    time.sleep(1.5)  # L is written (uncommitted) in the other worker
    early = feed.create("early-committed")
    during, _, cursor = feed.drain(cursor)
    writer.join()
    after, _, cursor = feed.drain(cursor)
    served = {**during, **after}
    ok = (answers["late"].status_code == 200 and served.get(late) == "late-committed"
          and served.get(early) == "early-committed")
    return ok, (f"while L was open the poll served {sorted(during.values())}; after L committed "
                f"{sorted(after.values())}; L (id {late}) "
                f"{'served' if served.get(late) == 'late-committed' else 'NEVER served'}")


def quiet_poll_is_empty(feed):
    _, _, cursor = feed.drain()
    time.sleep(0.2)
    reply = feed.call("GET", f"/{MODEL}/changes", params={"cursor": cursor})
    data = reply.json()["data"]
    ok = reply.status_code == 200 and data["records"] == [] and data["has_more"] is False
    return ok, f"status {reply.status_code}, {len(data['records'])} records, has_more {data['has_more']}"


def deletion_is_served(feed):
    doomed = feed.create("doomed")
    _, _, cursor = feed.drain()
    feed.call("DELETE", f"/{MODEL}/{doomed}")
    _, deleted, _ = feed.drain(cursor)
    return doomed in deleted, f"deleted ids served: {deleted}"


def main(base, key):
    feed = Feed(base, key)
    results = []
    for check in (late_commit_is_served, quiet_poll_is_empty, deletion_is_served):
        ok, detail = check(feed)
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'} {check.__name__}: {detail}", flush=True)
    print(f"{results.count(True)} passed, {results.count(False)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
