"""MCP on the gateway (issue 26): the same edge, so the same tools, in front of a remote Odoo."""
from fake_odoo_rpc import FakeOdoo, fake_odoo
from test_gateway import KEY, app_for, bearer, partner_methods, send


def test_the_gateway_serves_the_mcp_tools_over_rpc():
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=partner_methods([{"id": 7, "name": "Azure", "date": False}]))
    with fake_odoo(odoo) as url:
        app = app_for(url)
        status, listed, _ = send(app, "POST", "/mcp", bearer(), {"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
        status, found, _ = send(app, "POST", "/mcp", bearer(), {
            "jsonrpc": "2.0", "id": 2, "method": "tools/call",
            "params": {"name": "search_records", "arguments": {"model": "res.partner", "query": "{id, name}"}}})
    assert status == 200 and len(listed["result"]["tools"]) == 9
    assert found["result"]["structuredContent"]["records"] == [{"id": 7, "name": "Azure"}]
    assert ("res.partner", "web_search_read") in {tuple(c["args"][3:5]) for c in odoo.calls
                                                  if c.get("method") == "execute_kw"}
