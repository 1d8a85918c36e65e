"""``@modelcontextprotocol/inspector --cli`` against the demo server (issue 26): another official
client, in Node. Skipped, saying why, without ``npx`` or when the package cannot be fetched."""
import json
import shutil
import subprocess

import pytest
from live_server import running_demo_server

INSPECTOR = "@modelcontextprotocol/inspector@2.12.0"  # pinned: its CLI options changed across releases


def _inspector(url: str, *arguments: str) -> dict:
    command = ["npx", "-y", INSPECTOR, "--cli", "--transport", "http", "--server-url", f"{url}/api/v1/mcp",
               "--header", "Authorization: Bearer demo", *arguments]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        pytest.skip(f"{INSPECTOR} did not answer within 180 s (no npm registry?)")
    if done.returncode != 0 and "npm" in done.stderr and "ERR" in done.stderr:
        pytest.skip(f"{INSPECTOR} could not be fetched: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stdout[-500:] + done.stderr[-500:]
    return json.loads(done.stdout)


@pytest.mark.skipif(shutil.which("npx") is None, reason="node's npx is not installed")
def test_the_mcp_inspector_cli_lists_tools_and_searches():
    with running_demo_server() as url:
        tools = _inspector(url, "--method", "tools/list")
        found = _inspector(url, "--method", "tools/call", "--tool-name", "search_records", "--tool-args-json",
                           json.dumps({"model": "res.partner", "domain": [["is_company", "=", True]], "limit": 2}))
    assert [tool["name"] for tool in tools["tools"]][:3] == ["list_models", "describe_model", "search_records"]
    assert found["isError"] is False
    assert len(found["structuredContent"]["records"]) == 2
    assert json.loads(found["content"][0]["text"]) == found["structuredContent"]
