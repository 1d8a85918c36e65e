"""Memory of a 50 MB upload and download: the Odoo worker's RSS sampled from /proc while they run.

    python benchmarks/file_memory.py --db DB --addons-path PATHS [--odoo-bin …] [--python …] [--port …]

Starts odoo-bin (threaded: the process is the worker) on an existing database where rest_api and
rest_api_test are installed, makes an API key for admin, then for each operation samples the
server's VmRSS every 10 ms and reports the peak over the RSS just before. The base64 JSON download
(which holds the content in memory on purpose) is measured too, to show the probe sees growth.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import requests

MB = 1024 * 1024
KEY_SCRIPT = """
key = env['res.users.apikeys'].with_user(env.ref('base.user_admin'))._generate('odoo.api', 'file memory', None)
env.cr.commit()
print('KEY=' + key)
"""


def rss(pid: int) -> int:
    """The resident set size of ``pid`` in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class PeakRss:
    """The highest RSS of ``pid`` while the ``with`` block runs, sampled every 10 ms."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss(self.pid))
            time.sleep(0.01)

    def __enter__(self):
        self.before = rss(self.pid)
        self.peak = self.before
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss(self.pid))


def make_file(size: int) -> Path:
    """``size`` bytes that do not compress or repeat (so nothing dedupes them)."""
    path = Path(tempfile.mkstemp(prefix="rest_api_50mb_")[1])
    generator = random.Random(42)
    with path.open("wb") as file:
        for _ in range(size // MB):
            file.write(generator.randbytes(MB))
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--odoo-bin", default="/opt/odoo18/odoo-bin")
    parser.add_argument("--python", default="/opt/odoo-venv/bin/python")
    parser.add_argument("--port", type=int, default=18650)
    parser.add_argument("--size-mb", type=int, default=50)
    args = parser.parse_args()
    odoo = [args.python, args.odoo_bin, f"--addons-path={args.addons_path}", "-d", args.db]
    done = subprocess.run([*odoo[:2], "shell", *odoo[2:], "--no-http", "--log-level=warn"], input=KEY_SCRIPT,
                          capture_output=True, text=True, check=True)
    key = next(line[4:] for line in done.stdout.splitlines() if line.startswith("KEY="))
    server = subprocess.Popen([*odoo, "--db-filter", f"^{args.db}$", "--http-interface=127.0.0.1",
                               f"--http-port={args.port}", "--max-cron-threads=0", "--log-level=warn"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = make_file(args.size_mb * MB)
    try:
        run(server.pid, f"http://127.0.0.1:{args.port}/api/v1", key, path)
    finally:
        server.terminate()
        server.wait(timeout=30)
        path.unlink()


def run(pid: int, base: str, key: str, path: Path) -> None:
    auth = {"Authorization": f"Bearer {key}"}
    for _ in range(120):
        try:
            if requests.get(f"{base}/health", timeout=30).ok:
                break
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.5)
    record = requests.post(f"{base}/x.api.test", json={"data": {"name": "50 MB"}}, headers=auth).json()["data"]["id"]
    field = f"{base}/x.api.test/{record}/data"
    # Warm every code path once with a small file, so the numbers are about the size only.
    small = {**auth, "Content-Type": "application/octet-stream"}
    requests.put(field, data=b"x" * 100_000, headers=small).raise_for_status()
    requests.get(field, headers=auth).raise_for_status()
    requests.post(f"{base}/x.api.test/{record}/attachments", headers=auth,
                  files={"file": ("warm.bin", b"y" * 100_000)}).raise_for_status()
    size = path.stat().st_size
    results = []

    with PeakRss(pid) as upload, path.open("rb") as file:
        answer = requests.put(field, data=file, headers=small, timeout=600)
    results.append(("PUT raw upload", upload, answer.status_code))

    with PeakRss(pid) as download:
        response = requests.get(field, headers=auth, stream=True, timeout=600)
        received = sum(len(chunk) for chunk in response.iter_content(256 * 1024))
    assert received == size, (received, size)
    results.append(("GET download (streamed)", download, response.status_code))

    with PeakRss(pid) as ranged:
        response = requests.get(field, headers={**auth, "Range": f"bytes={size // 2}-"}, stream=True, timeout=600)
        received = sum(len(chunk) for chunk in response.iter_content(256 * 1024))
    results.append(("GET Range second half", ranged, response.status_code))

    with PeakRss(pid) as attach, path.open("rb") as file:
        answer = requests.post(f"{base}/x.api.test/{record}/attachments", headers=auth,
                               files={"file": ("big.bin", file, "application/octet-stream")}, timeout=600)
    results.append(("POST multipart attachment", attach, answer.status_code))

    with PeakRss(pid) as encoded:
        response = requests.get(field, headers=auth, params={"encoding": "base64"}, timeout=600)
    results.append(("GET ?encoding=base64 (in memory, for contrast)", encoded, response.status_code))

    print(f"file: {size / MB:.0f} MB; server pid {pid}; RSS before the first transfer {upload.before / MB:.1f} MB")
    print(f"{'operation':<48} {'status':>6} {'RSS before':>11} {'peak':>9} {'peak - before':>14}")
    for name, probe, status in results:
        print(f"{name:<48} {status:>6} {probe.before / MB:>9.1f}MB {probe.peak / MB:>7.1f}MB "
              f"{(probe.peak - probe.before) / MB:>12.1f}MB")


if __name__ == "__main__":
    main()
