"""The official MCP Python SDK client against a live Odoo (issue 26): initialize, list tools, search
with a domain, create, an error result, a restricted key. Run by ``tests/run_odoo_tests.sh`` with
the python of the project's venv (the ``mcp`` package is not in Odoo's).

    python tests/live/mcp_check.py URL KEY READ_ONLY_KEY
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from mcp_sdk_checks import run_checks  # noqa: E402


def main() -> int:
    url, key, read_only_key = sys.argv[1:4]
    try:
        passed = run_checks(url, key, read_only_key, ["res.partner", "x.api.test"], "x.api.test",
                            [["name", "!=", False]], {"name": "Created by the MCP SDK"})
    except AssertionError as failure:
        print(f"FAIL mcp_sdk_client: {failure}"[:600])
        return 1
    for name in passed:
        print(f"PASS mcp_sdk_client_{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
