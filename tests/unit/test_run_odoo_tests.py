"""``make test-odoo`` (tests/run_odoo_tests.sh) cleans up however it ends, driven with a stand-in Odoo.

The stand-in "python" records what the script asks of it: database creations and drops, and
"servers" that run until they are stopped.
"""
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "run_odoo_tests.sh"

STAND_IN = """#!/usr/bin/env bash
calls="$(dirname "$0")/calls"
if [ "$1" = "-" ]; then cat >/dev/null; echo "database $2 $3" >>"$calls"; exit 0; fi
echo "server $$" >>"$calls"
if [ -n "$FAIL_AT_ONCE" ]; then echo "boom: the module did not install"; exit 1; fi
trap 'echo "stopped $$" >>"$calls"; exit 143' TERM
sleep 60 & wait
"""


@pytest.fixture
def stand_in(tmp_path):
    python = tmp_path / "python"
    python.write_text(STAND_IN)
    python.chmod(0o755)
    return tmp_path


def start(stand_in, **extra):
    env = {**os.environ, "ODOO_BIN": str(stand_in / "odoo-bin"), "ODOO_PYTHON": str(stand_in / "python"),
           "ODOO_ADDONS_PATH": str(stand_in), "ODOO_HTTP_PORT": "18499", "ODOO_DATA_DIR": str(stand_in),
           "ODOO_LIVE_CHECKS": "0", "ODOO_KEPT_LOG": str(stand_in / "kept.log"), **extra}
    return subprocess.Popen(["bash", str(SCRIPT)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def calls(stand_in):
    path = stand_in / "calls"
    return path.read_text().splitlines() if path.exists() else []


def work_dir(output):
    return Path(re.search(r"log (\S+)/odoo-test.log", output).group(1))


def test_an_interrupted_run_stops_its_server_drops_its_database_and_removes_its_folder(stand_in):
    run = start(stand_in)
    deadline = time.monotonic() + 20
    while not any(line.startswith("server") for line in calls(stand_in)) and time.monotonic() < deadline:
        time.sleep(0.1)
    run.send_signal(signal.SIGTERM)
    output, _ = run.communicate(timeout=60)
    database = re.search(r"database (\S+),", output).group(1)
    server = next(line.split()[1] for line in calls(stand_in) if line.startswith("server"))
    assert 143 == run.returncode
    assert [f"database drop {database}"] == [line for line in calls(stand_in) if line.startswith("database")]
    assert f"stopped {server}" in calls(stand_in)
    assert not work_dir(output).exists()
    assert "last lines of the log" in output


def test_a_failed_run_prints_the_tail_of_its_log_and_still_cleans_up(stand_in):
    run = start(stand_in, FAIL_AT_ONCE="1")
    output, _ = run.communicate(timeout=60)
    assert 1 == run.returncode
    assert "boom: the module did not install" in output
    assert "boom: the module did not install" in (stand_in / "kept.log").read_text()
    assert any(line.startswith("database drop rest_api_test_") for line in calls(stand_in))
    assert not work_dir(output).exists()
