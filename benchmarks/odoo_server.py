"""A throwaway Odoo for the benchmark: database, seed data, server processes, clean-up.

Everything is named by the same environment variables as ``make test-odoo``.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
MODULES = "rest_api,product"
_HANDED_OUT: set[int] = set()  # ports given to a server of this run (it may not listen yet)


def free_port() -> int:
    """A free TCP port on the loopback interface (within ``BENCH_PORTS``, e.g. ``18350-18399``, if set)."""
    low, _, high = os.environ.get("BENCH_PORTS", "0-0").partition("-")
    for port in range(int(low), int(high or low) + 1):
        if port and port in _HANDED_OUT:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            _HANDED_OUT.add(sock.getsockname()[1])
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in BENCH_PORTS={os.environ['BENCH_PORTS']}")


class OdooInstance:
    """One benchmark database on the Odoo named by ``ODOO_*`` variables, and its servers."""

    def __init__(self, env: dict[str, str]):
        self.python = env.get("ODOO_PYTHON", "python3")
        self.odoo_bin = env["ODOO_BIN"]
        self.work = Path(tempfile.mkdtemp(prefix="rest_api_bench_"))
        (self.work / "rest_api").symlink_to(REPO)
        self.addons = f"{env['ODOO_ADDONS_PATH']},{self.work}"
        self.db = f"rest_api_bench_{os.getpid()}"
        self.db_args = [f"--{flag}={env[name]}" for flag, name in (
            ("db_host", "ODOO_DB_HOST"), ("db_port", "ODOO_DB_PORT"), ("db_user", "ODOO_DB_USER"),
            ("db_password", "ODOO_DB_PASSWORD")) if env.get(name)]
        self.server: subprocess.Popen | None = None
        self.log_path = self.work / "odoo.log"
        self.port = 0

    def _odoo(self, *args: str, command: tuple[str, ...] = ()) -> list[str]:
        return [self.python, self.odoo_bin, *command, f"--addons-path={self.addons}", *self.db_args, "-d", self.db,
                *args]

    def create(self) -> dict[str, str]:
        """Install the modules without demo data, seed the data; the ``BENCH_*`` values printed."""
        subprocess.run(self._odoo("-i", MODULES, "--without-demo=all", "--stop-after-init",
                                  "--max-cron-threads=0", "--log-level=warn"),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seed = (Path(__file__).parent / "odoo_seed.py").read_text()
        done = subprocess.run(self._odoo("--no-http", "--log-level=warn", command=("shell",)), input=seed,
                              capture_output=True, text=True, check=True)
        values = dict(line.split("=", 1) for line in done.stdout.splitlines() if line.startswith("BENCH_"))
        if "BENCH_KEY" not in values:
            raise RuntimeError(f"seeding failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
        return values

    def start(self, workers: int = 0, cron_threads: int = 0) -> str:
        """Serve the database on a free loopback port (``cron_threads`` cron workers: the webhook
        benchmark's runners); the base URL once it answers."""
        self.stop()
        self.port = free_port()
        args = ["--db-filter", f"^{self.db}$", "--http-interface=127.0.0.1", f"--http-port={self.port}",
                f"--max-cron-threads={cron_threads}", f"--logfile={self.log_path}", "--log-level=info"]
        if workers:
            args += [f"--workers={workers}", f"--gevent-port={free_port()}",
                     "--limit-time-real=600", "--limit-time-cpu=600"]
        self.server = subprocess.Popen(self._odoo(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{url}/web/health", timeout=2).ok:
                    return url
            except requests.RequestException:  # not listening yet, or still loading the registry
                pass
            time.sleep(0.3)
        raise RuntimeError(f"Odoo did not answer on {url}; see {self.log_path}")

    def stop(self) -> None:
        """Stop the server this benchmark started (and only it)."""
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server = None

    def drop(self) -> None:
        """Drop the database and its filestore, remove the work folder."""
        self.stop()
        script = ("import sys, psycopg2\n"
                  "a = dict(x.lstrip('-').split('=', 1) for x in sys.argv[2:])\n"
                  "c = psycopg2.connect(dbname='postgres', host=a.get('db_host'), port=a.get('db_port'),"
                  " user=a.get('db_user'), password=a.get('db_password'))\n"
                  "c.autocommit = True\n"
                  "c.cursor().execute('DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)' % sys.argv[1])\n")
        subprocess.run([self.python, "-c", script, self.db, *self.db_args], check=False)
        shutil.rmtree(Path.home() / ".local/share/Odoo/filestore" / self.db, ignore_errors=True)
        shutil.rmtree(self.work, ignore_errors=True)
