"""A database outage under load: honest 503s, nothing lost, nothing twice (issue 20, item 3).

    python outage_check.py BASE_URL API_KEY SERVER_LOG STOP_COMMAND START_COMMAND

Run by tests/live/outage_check.sh against a `--workers 2` Odoo whose PostgreSQL is a throwaway
cluster. Six writers each create tags one after another, every tag with its own
Idempotency-Key, and retry it (same key, same body) until it is answered 201. After two seconds
the check runs STOP_COMMAND (PostgreSQL stops), waits five seconds, runs START_COMMAND.
Checked:
1. every answer is JSON; during the outage only 503 (with Retry-After) or 201, never 404 or 500;
2. no tag is lost (each 201 is in the database afterwards) and none is created twice;
3. once PostgreSQL is back, the next request succeeds;
4. the server log says the outage began at most once per worker, and has no traceback of a
   request (Odoo's own gevent process may print one at its start-up).
Prints one line per check and 'N passed, M failed'; exit 1 on failure.
"""
import json
import re
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter

import requests

WRITERS, OUTAGE_SECONDS, RUN_SECONDS = 6, 5, 16
PREFIX = f"outage-{uuid.uuid4().hex[:8]}"


class Writer(threading.Thread):
    """Creates tags one after another; each is retried with its key until it is created."""

    def __init__(self, base, key, number, deadline, answers):
        super().__init__(daemon=True)
        self.base, self.number, self.deadline, self.answers = base, number, deadline, answers
        self.headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        self.created: list[tuple[str, int]] = []  # (name, id) answered 201

    def run(self):
        sequence = 0
        while time.monotonic() < self.deadline:
            name, key = f"{PREFIX}-{self.number}-{sequence}", uuid.uuid4().hex
            while True:  # the same write, the same key, until it is created (or the check gives up)
                answer = self.send(name, key)
                if answer == 201 or time.monotonic() > self.deadline + 30:
                    break
                time.sleep(0.2)
            sequence += 1

    def send(self, name, key):
        try:
            response = requests.post(f"{self.base}/res.partner.category", timeout=30,
                                     headers={**self.headers, "Idempotency-Key": key},
                                     json={"data": {"name": name}})
        except requests.RequestException as exc:
            self.answers.append(("connection", type(exc).__name__, None, False))
            return None
        is_json = response.headers.get("Content-Type", "").startswith("application/json")
        try:
            body = response.json()
        except ValueError:
            body, is_json = response.text[:200], False
        self.answers.append((response.status_code, body, response.headers.get("Retry-After"), is_json))
        if response.status_code == 201:
            self.created.append((name, body["data"]["id"]))
        return response.status_code


def main(base, key, log_path, stop_command, start_command):
    api = base.rstrip("/") + "/api/v1"
    headers = {"Authorization": f"Bearer {key}"}
    answers: list = []
    deadline = time.monotonic() + RUN_SECONDS
    writers = [Writer(api, key, n, deadline, answers) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    time.sleep(2)
    subprocess.run(stop_command, shell=True, check=True)
    stopped_at = time.monotonic()
    time.sleep(OUTAGE_SECONDS)
    subprocess.run(start_command, shell=True, check=True)
    back_at = time.monotonic()
    first_after = requests.get(f"{api}/res.partner.category", params={"page_size": 1}, headers=headers, timeout=30)
    for writer in writers:
        writer.join()
    failures = []

    def check(name, ok, detail):
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
        if not ok:
            failures.append(name)

    statuses = Counter(a[0] for a in answers)
    print(f"answers: {dict(statuses)}; outage {back_at - stopped_at:.1f} s")
    check("outage_happened_under_load", statuses.get(503, 0) > 0, "no 503 seen: the outage was not observed")
    wrong = [a for a in answers if a[0] not in (201, 503)]
    check("only_201_or_503", not wrong, wrong[:3])
    check("every_answer_is_json", all(a[3] for a in answers if a[0] != "connection"),
          [a for a in answers if not a[3]][:3])
    check("every_503_says_when_to_retry", all(a[2] for a in answers if a[0] == 503),
          [a for a in answers if a[0] == 503 and not a[2]][:3])
    check("the_next_request_after_the_outage_succeeds", first_after.status_code == 200,
          f"{first_after.status_code} {first_after.text[:200]}")
    created = [item for writer in writers for item in writer.created]
    found, page = [], 1
    while page:  # every page: the list pages through all matching records (issue 20, item 1)
        data = requests.get(f"{api}/res.partner.category", headers=headers, timeout=60, params={
            "filter": json.dumps([["name", "=like", f"{PREFIX}-%"]]), "query": "{id, name}",
            "page_size": 1000, "page": page}).json()["data"]
        found, page = found + data["records"], data["pagination"]["next_page"]
    names = Counter(record["name"] for record in found)
    lost = [name for name, _id in created if name not in names]
    check("nothing_lost", created and not lost, f"{len(lost)} of {len(created)} lost: {lost[:5]}")
    twice = [name for name, count in names.items() if count > 1]
    check("nothing_twice", not twice, twice[:5])
    with open(log_path, encoding="utf-8", errors="replace") as log:
        text = log.read()
    began = text.count("the database is unavailable")
    check("outage_logged_once_per_worker", 1 <= began <= 2, f"{began} lines")
    # Tracebacks of request handling (Odoo's HTTP layer or this addon). Odoo's own gevent process
    # (started by --workers) may also die and print one while it cannot reach the database at
    # start-up: that is Odoo's, not an answer to a request.
    blocks = re.findall(r"Traceback \(most recent call last\):\n.*?(?=\n\d{4}-\d\d-\d\d |\Z)", text, re.S)
    served = [block for block in blocks if "odoo/http.py" in block or "rest_api" in block]
    check("no_request_traceback_in_the_log", not served, served[0][:800] if served else "")
    print(f"{len(created)} tags created in {RUN_SECONDS} s; "
          f"{9 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
