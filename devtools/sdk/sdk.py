"""``make sdk`` / ``make check-sdk``: typed clients generated from the API's OpenAPI document by the
stock generators, and the stock checkers run on that document (docs/sdk.md).

    python devtools/sdk/sdk.py generate [--models a,b] [--url URL --key KEY]
    python devtools/sdk/sdk.py check [--models a,b] [--max-examples N]

Without ``--url`` a demo server of its own serves the document (rate limits off, so that the
fuzzer is not answered 429). The tools come from ``build/sdk-venv`` (devtools/sdk/requirements.txt)
and ``build/node`` (devtools/sdk/package.json, by ``npm ci``); ``make`` installs both. Without
node, the TypeScript client and the JavaScript checkers are skipped, saying so.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "devtools" / "sdk"
BUILD = ROOT / "build"
OUT = BUILD / "sdk"
PACKAGE = "odoo_rest_api_client"
PYTHON_OUT = OUT / "python"
TS_OUT = OUT / "typescript"
SDK_BIN = BUILD / "sdk-venv" / "bin"
NODE_BIN = BUILD / "node" / "node_modules" / ".bin"
DEFAULT_MODELS = "res.partner,product.template,res.users"
KEY = "demo"
QUIET_NODE = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_UPDATE_NOTIFIER": "1",
              "DISABLE_OPENCOLLECTIVE": "1", "SCARF_ANALYTICS": "false"}

sys.path[:0] = [str(ROOT / "devtools"), str(ROOT / "tests" / "unit")]


def demo_server():
    """A demo server on a free port, without rate limits; its base URL."""
    import rest_api_alias  # noqa: F401  (registers the ``rest_api`` package)
    from live_server import running_demo_server
    from rest_api.domain.settings import ApiSettings
    return running_demo_server(ApiSettings(auth_failures_per_minute=0, requests_per_minute=0,
                                           webhook_allow_private=True))  # as the demo (loopback receivers)


def fetch_document(base_url: str, key: str, models: str) -> dict:
    """The OpenAPI document of ``models`` as the key's user sees it."""
    request = urllib.request.Request(f"{base_url}/api/v1/openapi.json?models={models}",
                                     headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def node_available() -> bool:
    """Whether node and the pinned JavaScript tools are here."""
    return shutil.which("node") is not None and (NODE_BIN / "openapi-ts").exists()


def run(command: list, cwd: Path = ROOT, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """``command``, its output captured; tools of the SDK virtualenv first on PATH (the generator runs ``ruff``)."""
    environment = {**os.environ, **QUIET_NODE, "PATH": f"{SDK_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                   **(env or {})}
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=environment, capture_output=True,
                            text=True, check=False)
    if check and result.returncode:
        raise StepFailed(f"{Path(str(command[0])).name} exited {result.returncode}:\n"
                         + (result.stdout + result.stderr)[-4000:])
    return result


class StepFailed(Exception):
    """A step of the check found a problem (its message says which)."""


def generate(base_url: str, key: str, models: str) -> dict[str, str]:
    """The document, the Python client and (with node) the TypeScript client, under build/sdk/."""
    OUT.mkdir(parents=True, exist_ok=True)
    document = OUT / "openapi.json"
    document.write_text(json.dumps(fetch_document(base_url, key, models), indent=1), encoding="utf-8")
    operations = sum(len(item) for item in json.loads(document.read_text(encoding="utf-8"))["paths"].values())
    facts = {"document": f"{operations} operations ({models})", "python": generate_python(document, operations)}
    facts["typescript"] = generate_typescript(document, operations) if node_available() else \
        "skipped: no node (or no build/node; make check-sdk installs it with npm ci)"
    return facts


def generate_python(document: Path, operations: int) -> str:
    """openapi-python-client, in a folder outside the repository (so that its ruff post-hook reads
    no project configuration), then moved to build/sdk/python/."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / PACKAGE
        result = run([SDK_BIN / "openapi-python-client", "generate", "--path", document, "--output-path", target,
                      "--meta", "none", "--config", HERE / "openapi-python-client.yaml"], cwd=Path(folder))
        shutil.rmtree(PYTHON_OUT / PACKAGE, ignore_errors=True)
        PYTHON_OUT.mkdir(parents=True, exist_ok=True)
        shutil.move(str(target), PYTHON_OUT / PACKAGE)
    generated = len([p for p in (PYTHON_OUT / PACKAGE / "api").glob("*/*.py") if p.name != "__init__.py"])
    said = result.stdout + result.stderr
    skipped = said.count("Endpoint will not be generated")
    dropped = said.count("Unable to parse schema") + said.count("Failure to process schema")
    if generated != operations or skipped or dropped:
        raise StepFailed(f"openapi-python-client: {generated}/{operations} operations, {dropped} schemas dropped"
                         f"\n{said[-4000:]}")
    omitted = said.count("response will be omitted")
    return f"{generated}/{operations} operations, 0 schemas dropped, {omitted} response(s) of type */* omitted"


def generate_typescript(document: Path, operations: int) -> str:
    """@hey-api/openapi-ts with its fetch client, into build/sdk/typescript/client/."""
    shutil.rmtree(TS_OUT / "client", ignore_errors=True)
    run([NODE_BIN / "openapi-ts", "-i", document, "-o", TS_OUT / "client", "-c", "@hey-api/client-fetch"])
    sdk = (TS_OUT / "client" / "sdk.gen.ts").read_text(encoding="utf-8")
    generated = sdk.count("\nexport const ")
    if generated != operations:
        raise StepFailed(f"@hey-api/openapi-ts: {generated}/{operations} operations")
    return f"{generated}/{operations} operations"


def check_python(base_url: str, key: str) -> str:
    """Import every module of the client, mypy --strict on it and on roundtrip.py, then the round trip."""
    importer = (f"import importlib, pkgutil, {PACKAGE} as p\n"
                "names = [m.name for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.')]\n"
                "[importlib.import_module(n) for n in names]\nprint(len(names))")
    modules = run([SDK_BIN / "python", "-c", importer], cwd=PYTHON_OUT).stdout.strip()
    shutil.copy(HERE / "roundtrip.py", PYTHON_OUT / "roundtrip.py")
    (OUT / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")  # not the repository's mypy.ini above
    run([SDK_BIN / "mypy", "--strict", "--config-file", OUT / "mypy.ini", "--cache-dir", OUT / ".mypy_cache",
         "-m", "roundtrip", "-p", PACKAGE], cwd=PYTHON_OUT)
    said = run([SDK_BIN / "python", "roundtrip.py", "--url", base_url, "--key", key], cwd=PYTHON_OUT).stdout
    return f"{modules} modules import; mypy --strict clean; round trip:\n      " + "\n      ".join(said.splitlines())


def check_typescript(base_url: str, key: str) -> str:
    """tsc --strict on usage.ts and the client, then usage.js run by node against the server."""
    for name in ("usage.ts", "tsconfig.json"):
        shutil.copy(HERE / name, TS_OUT / name)
    shutil.rmtree(TS_OUT / "out", ignore_errors=True)
    run([NODE_BIN / "tsc", "-p", TS_OUT / "tsconfig.json"], cwd=TS_OUT)
    said = run(["node", TS_OUT / "out" / "usage.js", base_url, key], cwd=TS_OUT).stdout
    return "tsc --strict clean; run by node:\n      " + "\n      ".join(said.splitlines())


def check_linters(document: Path) -> str:
    """Spectral's spectral:oas and Redocly's recommended rules: no error, no warning."""
    spectral = run([NODE_BIN / "spectral", "lint", document, "-r", HERE / "spectral.yaml", "-f", "json", "-q"],
                   check=False)
    findings = json.loads(spectral.stdout or "[]")
    redocly = run([NODE_BIN / "redocly", "lint", document, "--config", HERE / "redocly.yaml", "--format", "json"],
                  check=False)
    totals = json.loads(redocly.stdout[redocly.stdout.index("{"):])["totals"]
    spectral_errors = sum(1 for finding in findings if finding["severity"] == 0)
    summary = (f"Spectral spectral:oas {spectral_errors} errors, {len(findings) - spectral_errors} warnings; "
               f"Redocly recommended {totals['errors']} errors, {totals['warnings']} warnings")
    if findings or totals["errors"] or totals["warnings"]:
        details = [f"{f['code']} {'/'.join(map(str, f['path']))}" for f in findings[:20]]
        raise StepFailed(summary + "\n" + "\n".join(details) + redocly.stdout[-2000:])
    return summary


# Postman's import settings "Parameter generation: Example" and no optional parameters: its
# converter leaves a parameter given by `content` (filter, context) empty, which is not JSON.
POSTMAN_OPTIONS = "parametersResolution=Example,enableOptionalParameters=false"
NEWMAN_MINIMUM = 0.9


def check_postman(document: Path) -> str:
    """The document converted to a Postman collection (openapi-to-postmanv2), run by newman against a
    fresh demo server: at least 90 % of the requests answered 2xx."""
    collection, report = OUT / "postman-collection.json", OUT / "newman-report.json"
    run([NODE_BIN / "openapi2postmanv2", "-s", document, "-o", collection, "-O", POSTMAN_OPTIONS])
    with demo_server() as base_url:
        run([NODE_BIN / "newman", "run", collection, "--env-var", f"baseUrl={base_url}/api/v1",
             "--env-var", f"bearerToken={KEY}", "-r", "json", "--reporter-json-export", report], check=False)
    executions = json.loads(report.read_text(encoding="utf-8"))["run"]["executions"]
    answers = [(e["request"]["method"], e["item"]["name"], e.get("response", {}).get("code")) for e in executions]
    missed = [f"{code} {method} {name}" for method, name, code in answers if not code or not 200 <= code < 300]
    summary = f"newman: {len(answers) - len(missed)}/{len(answers)} answered 2xx" + \
        ("".join(f"\n      not 2xx: {line}" for line in missed))
    if not answers or len(missed) > (1 - NEWMAN_MINIMUM) * len(answers):
        raise StepFailed(summary)
    return summary


def check_schemathesis(document: Path, max_examples: int, seed: int) -> str:
    """The stock schemathesis CLI, every check, on a fresh demo server (the fuzzer writes)."""
    with demo_server() as base_url:
        result = run([SDK_BIN / "schemathesis", "--config-file", HERE / "schemathesis.toml", "run", document,
                      "--url", f"{base_url}/api/v1", "-H", f"Authorization: Bearer {KEY}", "--checks", "all",
                      "--max-examples", max_examples, "--seed", seed, "--workers", "2"], check=False)
    tail = [line for line in result.stdout.splitlines() if line.startswith("=") and "in " in line]
    cases = [line.strip() for line in result.stdout.splitlines() if " generated, " in line]
    summary = "; ".join([*(cases[-1:]), tail[-1].strip("= ") if tail else "no summary"])
    if result.returncode:
        lines = result.stdout.splitlines()
        start = next((i for i, line in enumerate(lines) if line.startswith("___")), 0)
        shown = "\n".join(line[:300] for line in lines[start:start + 400])  # its curl lines can be huge
        raise StepFailed(f"schemathesis: {summary}\n{shown}")
    return f"schemathesis --checks all: {summary}"


def check(models: str, max_examples: int, seed: int) -> int:
    """Every check of issue 22, item 7; the exit status (0: all passed)."""
    passed, failed, skipped = [], [], []

    def step(name: str, action, *args) -> None:
        started = time.monotonic()
        try:
            said = action(*args)
        except StepFailed as problem:
            failed.append(name)
            print(f"FAIL {name} ({time.monotonic() - started:.0f} s): {problem}", flush=True)
        else:
            (skipped if said.startswith("skipped") else passed).append(name)
            print(f"ok   {name} ({time.monotonic() - started:.0f} s): {said}", flush=True)

    with demo_server() as base_url:
        facts: dict[str, str] = {}
        step("generate", lambda: "; ".join(f"{k}: {v}" for k, v in facts.setdefault("all", generate(
            base_url, KEY, models)).items()))
        if "generate" in failed:
            print(f"check-sdk: {len(passed)} passed, {len(failed)} failed")
            return 1
        step("python client", check_python, base_url, KEY)
        if node_available():
            step("typescript client", check_typescript, base_url, KEY)
            step("linters", check_linters, OUT / "openapi.json")
            step("postman", check_postman, OUT / "openapi.json")
        else:
            step("typescript client", lambda: "skipped: no node, so no TypeScript client and no Spectral/Redocly")
    step("schemathesis", check_schemathesis, OUT / "openapi.json", max_examples, seed)
    print(f"check-sdk: {len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped", flush=True)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("generate", "check"))
    parser.add_argument("--models", default=os.environ.get("MODELS") or DEFAULT_MODELS)
    parser.add_argument("--url", help="generate from this server instead of a demo server of our own")
    parser.add_argument("--key", default=KEY)
    parser.add_argument("--max-examples", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    if options.action == "check":
        return check(options.models, options.max_examples, options.seed)
    with (nullcontext(options.url) if options.url else demo_server()) as base_url:
        for name, said in generate(base_url, options.key, options.models).items():
            print(f"{name}: {said}")
    print(f"Clients in {OUT.relative_to(ROOT)}/: python/{PACKAGE}, typescript/client")
    return 0


if __name__ == "__main__":
    sys.exit(main())
