"""MCP at ``POST /api/v1/mcp`` on a real Odoo (issue 26): the JSON-RPC protocol driven by plain
requests (the official SDK client runs against the live server: ``tests/live/mcp_check.py``)."""
from odoo.tests import mute_logger, tagged

from .common import LEAKS, RestApiCase

INIT = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "odoo-test", "version": "1"}}
READS = {"list_models", "describe_model", "search_records", "read_record", "aggregate_records"}


@tagged("post_install", "-at_install")
class TestMcp(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = cls.env["x.api.test"].create([{"name": f"Mcp {n}", "code": f"MCP{n}", "counter": n}
                                                    for n in range(25)])
        keys = cls.env["res.users.apikeys"].sudo()
        cls.key_read = cls.make_key(cls.admin)
        [key_id] = keys.search([("user_id", "=", cls.admin.id)], order="id desc", limit=1).ids
        for model in ("res.partner", "x.api.test"):
            cls.env["rest_api.key.rule"].create({"key_id": key_id, "model_id": cls.env["ir.model"]._get(model).id,
                                                 "perm_read": True})

    def rpc(self, method, params=None, key=None, message_id=1, headers=None):
        message = {"jsonrpc": "2.0", "method": method, **({"params": params} if params is not None else {})}
        if message_id is not None:
            message["id"] = message_id
        return self.api("POST", "/mcp", key=key or self.key_admin, json=message, headers=headers)

    def result(self, method, params=None, key=None):
        response = self.rpc(method, params, key)
        self.assertEqual(response.status_code, 200, response.text[:1000])
        body = response.json()
        self.assertNotIn("error", body, body)
        return body["result"]

    def call(self, tool, key=None, **arguments):
        return self.result("tools/call", {"name": tool, "arguments": arguments}, key)

    def test_initialize_and_the_transport(self):
        result = self.result("initialize", INIT)
        self.assertEqual(result["protocolVersion"], "2025-06-18")
        self.assertEqual(result["serverInfo"]["name"], "odoo-rest-api")
        notified = self.rpc("notifications/initialized", message_id=None)
        self.assertEqual((notified.status_code, notified.content), (202, b""))
        self.assertEqual(self.result("ping"), {})
        self.assertEqual(self.rpc("nope/nope").json()["error"]["code"], -32601)
        bad_version = self.rpc("ping", headers={"MCP-Protocol-Version": "1999-01-01"})
        self.assertEqual(bad_version.status_code, 400)
        get = self.api("GET", "/mcp")
        self.assertEqual((get.status_code, get.headers.get("Allow")), (405, "POST"))

    def test_without_a_key_a_401_with_www_authenticate(self):
        response = self.api("POST", "/mcp", key=None, json={"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                                            "params": INIT})
        self.assertEqual(response.status_code, 401)
        self.assertTrue(response.headers.get("WWW-Authenticate", "").startswith("Bearer"))

    def test_tools_and_a_search_with_a_domain(self):
        tools = {tool["name"]: tool for tool in self.result("tools/list")["tools"]}
        self.assertEqual(len(tools), 9)
        self.assertIn("Domain", tools["search_records"]["inputSchema"]["$defs"])
        found = self.call("search_records", model="x.api.test", domain=[["code", "=like", "MCP%"]],
                          order="counter")["structuredContent"]
        self.assertEqual(found["pagination"], {"page": 1, "limit": 20, "returned": 20, "total": 25,
                                               "truncated": True, "next_page": 2})
        self.assertEqual([record["name"] for record in found["records"][:2]], ["Mcp 0", "Mcp 1"])
        self.assertTrue(found["query"].startswith("{id, display_name, name"))
        rest = self.api("POST", "/x.api.test/search", json={"domain": [["code", "=like", "MCP%"]], "order": "counter",
                                                            "query": found["query"], "limit": 20}).json()["data"]
        self.assertEqual(found["records"], rest["records"])

    def test_read_record_by_external_id(self):
        main = self.env.ref("base.main_partner")
        read = self.call("read_record", model="res.partner", id="base.main_partner", query="{id, external_id}")
        self.assertEqual(read["structuredContent"]["record"], {"id": main.id, "external_id": "base.main_partner"})
        unknown = self.call("read_record", model="res.partner", id="base.no_such_partner")
        self.assertEqual(unknown["structuredContent"]["error"]["type"], "NotFound")

    def test_create_read_update_delete(self):
        created = self.call("create_record", model="x.api.test",
                            values={"name": "By an agent", "tag_ids": [[6, 0, []]]})
        self.assertFalse(created["isError"], created)
        new_id = created["structuredContent"]["id"]
        self.assertEqual(self.env["x.api.test"].browse(new_id).name, "By an agent")
        read = self.call("read_record", model="x.api.test", id=new_id, query="{name, state}")
        self.assertEqual(read["structuredContent"]["record"], {"id": new_id, "name": "By an agent", "state": "draft"})
        updated = self.call("update_records", model="x.api.test", ids=[new_id], values={"counter": 7})
        self.assertEqual(updated["structuredContent"]["ids"], [new_id])
        deleted = self.call("delete_records", model="x.api.test", ids=[new_id])
        self.assertEqual(deleted["structuredContent"]["count"], 1)
        self.assertFalse(self.env["x.api.test"].browse(new_id).exists())

    @mute_logger("odoo.sql_db", "odoo.http")
    def test_errors_are_tool_results_and_a_failed_call_changes_nothing(self):
        count = self.env["x.api.test"].search_count([])
        duplicate = self.call("create_record", model="x.api.test", values={"name": "Dup", "code": "MCP1"})
        self.assertTrue(duplicate["isError"])
        self.assertEqual(duplicate["structuredContent"]["error"]["type"], "Conflict")
        half = self.call("create_record", model="x.api.test", values={"name": "Half"}, query="{no_such_field}")
        self.assertTrue(half["isError"])
        self.assertEqual(half["structuredContent"]["error"]["type"], "ValidationError")
        self.assertEqual(self.env["x.api.test"].search_count([]), count)
        hidden = self.call("search_records", key=self.key_alice, model="x.api.test",
                           domain=[["secret", "=", "x"]])["structuredContent"]["error"]
        self.assertEqual(hidden["type"], "AccessError")
        failed = self.call("call_method", model="x.api.test", method="write_then_fail", ids=self.records[:1].ids)
        self.assertTrue(failed["isError"])
        self.assertEqual(self.records[0].name, "Mcp 0")
        for text in LEAKS:
            self.assertNotIn(text, str(half) + str(failed))

    def test_a_restricted_key_is_offered_its_tools_and_models_only(self):
        tools = {tool["name"]: tool for tool in self.result("tools/list", key=self.key_read)["tools"]}
        self.assertEqual(set(tools), READS)
        self.assertEqual(tools["search_records"]["inputSchema"]["properties"]["model"]["enum"],
                         ["res.partner", "x.api.test"])
        listed = self.call("list_models", key=self.key_read)["structuredContent"]["models"]
        self.assertEqual(sorted(item["model"] for item in listed), ["res.partner", "x.api.test"])
        refused = self.call("create_record", key=self.key_read, model="x.api.test", values={"name": "no"})
        self.assertEqual(refused["structuredContent"]["error"]["details"]["restriction"], "operation")

    def test_the_model_resource(self):
        templates = self.result("resources/templates/list")["resourceTemplates"]
        self.assertEqual(templates[0]["uriTemplate"], "odoo://models/{model}")
        contents = self.result("resources/read", {"uri": "odoo://models/x.api.test"})["contents"]
        self.assertIn('"counter"', contents[0]["text"])
        self.assertNotIn('"secret"', self.result("resources/read", {"uri": "odoo://models/x.api.test"},
                                                 key=self.key_alice)["contents"][0]["text"])
