"""``make fuzz-openapi``: schemathesis against the demo server, driven by the generated OpenAPI document.

Starts a demo server with rate limits off (the fuzzer sends unauthenticated requests on
purpose, which would soon be refused with 429), fetches ``/api/v1/openapi.json`` with the
demo key, and runs schemathesis with the checks ``not_a_server_error``,
``content_type_conformance`` and ``response_schema_conformance``. The exit code is
schemathesis's: 0 when it found no failure.

    python tests/schemathesis_run.py [--max-examples N] [--seed S] [extra schemathesis options]
    python tests/schemathesis_run.py --url http://127.0.0.1:8069 --key KEY --models res.partner,x.api.test

With ``--url`` it fuzzes that server (a real Odoo: ``make test-odoo`` does so) instead of a
demo server of its own, with the document narrowed to ``--models``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from contextlib import nullcontext
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "devtools"), str(ROOT / "tests" / "unit")]

import rest_api_alias  # noqa: E402,F401  (registers the ``rest_api`` package)
from live_server import running_demo_server  # noqa: E402
from rest_api.domain.settings import ApiSettings  # noqa: E402

CHECKS = "not_a_server_error,content_type_conformance,response_schema_conformance"
# The one schemathesis configuration (make check-sdk's): the demo's PDF 503, header values it cannot write.
CONFIG = ROOT / "devtools" / "sdk" / "schemathesis.toml"
KEY = "demo"


def fuzzing_server():
    """A demo server without rate limits (the fuzzer is unauthenticated on purpose)."""
    return running_demo_server(ApiSettings(auth_failures_per_minute=0, requests_per_minute=0))


def fetch_spec(base_url: str, key: str, models: str | None = None) -> dict:
    """The OpenAPI document as the key's user sees it."""
    query = f"?models={models}" if models else ""
    request = urllib.request.Request(f"{base_url}/api/v1/openapi.json{query}",
                                     headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def schemathesis_command(spec_path: Path, base_url: str, options: argparse.Namespace,
                         extra: list[str]) -> list[str]:
    """The schemathesis command line for one run."""
    executable = Path(sys.executable).parent / "schemathesis"
    return [str(executable), "--config-file", str(CONFIG), "run", str(spec_path), "--url", f"{base_url}/api/v1",
            "-H", f"Authorization: Bearer {options.key}", "--checks", CHECKS,
            "--max-examples", str(options.max_examples), "--seed", str(options.seed),
            "--workers", "1", "--phases", options.phases, *extra]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--url", help="fuzz this server instead of a demo server of our own")
    parser.add_argument("--key", default=KEY)
    parser.add_argument("--models", help="comma-separated models to document and fuzz")
    parser.add_argument("--phases", default="examples,coverage,fuzzing",
                        help="schemathesis phases (the coverage phase is the long one)")
    options, extra = parser.parse_known_args()
    with (nullcontext(options.url) if options.url else fuzzing_server()) as base_url, \
            tempfile.TemporaryDirectory() as folder:
        spec_path = Path(folder) / "openapi.json"
        spec_path.write_text(json.dumps(fetch_spec(base_url, options.key, options.models)))
        command = schemathesis_command(spec_path, base_url, options, extra)
        shown = [("Authorization: Bearer ***" if part.startswith("Authorization") else part) for part in command]
        print("$", " ".join(shown), flush=True)
        return subprocess.run(command, cwd=folder, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
