"""The official MCP Python SDK client against the demo server (issue 26): initialize, list tools,
search with a domain, create, an error result, a restricted key."""
import pytest

pytest.importorskip("mcp", reason="the MCP SDK (requirements-dev.txt) is not installed")

from live_server import running_demo_server  # noqa: E402
from mcp_sdk_checks import run_checks  # noqa: E402


@pytest.mark.parametrize("mode", ["auto", "legacy"])
def test_the_official_sdk_client_against_the_demo(mode):
    """``auto``: the SDK's newest revision (2026-07-28, per-request envelope); ``legacy``: the
    ``initialize`` handshake (2025-11-25)."""
    with running_demo_server() as url:
        passed = run_checks(url, "demo", "demo-readonly", ["product.template", "res.partner", "res.partner.category"],
                            "res.partner", [["is_company", "=", True]], {"name": "Created by the MCP SDK"}, mode)
    assert passed == ["initialize", "list_tools", "search_with_a_domain", "create", "error_result", "restricted_key"]
