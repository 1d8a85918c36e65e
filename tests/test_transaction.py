"""``POST /api/v1/transaction`` on a real Odoo: one database transaction, all or nothing (spec §18)."""
from odoo.tests import mute_logger, tagged

from .common import RestApiCase
from .unit.transaction_examples import partner_with_contacts_and_tags


@tagged("post_install", "-at_install")
class TestTransaction(RestApiCase):

    def counts(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        return (Partner.search_count([]), self.env["res.partner.category"].search_count([]),
                Partner.search_count([("name", "like", "TX Company")]))

    def test_partner_three_contacts_and_tags_in_one_call(self):
        data = self.assertOk(self.api("POST", "/transaction", json={"operations": partner_with_contacts_and_tags(
            {"method": "GET", "path": "/res.partner/$1.id", "params": {"query": "{child_ids, category_id}"}})}))
        results = data["results"]
        self.assertEqual([r["status"] for r in results], [201, 201, 201, 200])
        company = self.env["res.partner"].browse(results[1]["data"]["id"])
        self.assertEqual(company.name, "TX Company")
        self.assertEqual(sorted(company.child_ids.mapped("name")),
                         [f"Contact {n} of TX Company" for n in (1, 2, 3)])
        self.assertEqual(sorted(company.category_id.mapped("name")), ["TX VIP", "TX Wholesale"])
        # the GET saw the writes before it
        self.assertEqual(sorted(results[3]["data"]["child_ids"]), sorted(company.child_ids.ids))

    def test_a_failing_fourth_operation_leaves_nothing(self):
        failing = {
            "unknown field": ({"method": "POST", "path": "/res.partner", "body": {"data": {"nope": 1}}},
                              400, "ValidationError"),
            "missing record": ({"method": "PUT", "path": "/res.partner/999999999", "body": {"data": {"name": "x"}}},
                               404, "NotFound"),
            "record of another model": ({"method": "POST", "path": "/object/x.api.test/$1.id/write_then_fail"},
                                404, "NotFound"),
            "bad reference": ({"method": "GET", "path": "/res.partner/$7.id"}, 400, "ValidationError"),
            "private method": ({"method": "POST", "path": "/object/res.partner/$1.id/_write"}, 403, "AccessError"),
        }
        before = self.counts()
        for name, (fourth, status, kind) in failing.items():
            with self.subTest(name):
                response = self.api("POST", "/transaction", json={"operations": partner_with_contacts_and_tags(fourth)})
                body = self.assertJsonResponse(response, status)
                self.assertEqual(body["error"]["type"], kind)
                self.assertEqual(body["error"]["details"]["operation"], 3)
                self.env.invalidate_all()
                self.assertEqual(self.counts(), before)

    def test_an_odoo_error_after_writes_rolls_everything_back(self):
        record = self.env["x.api.test"].create({"name": "kept"})
        before = self.counts()
        response = self.api("POST", "/transaction", json={"operations": partner_with_contacts_and_tags(
            {"method": "POST", "path": f"/object/x.api.test/{record.id}/write_then_fail"})})
        body = self.assertJsonResponse(response, 400)
        self.assertEqual(body["error"]["details"]["operation"], 3)
        self.env.invalidate_all()
        self.assertEqual(self.counts(), before)
        self.assertEqual(record.name, "kept")

    @mute_logger("odoo.sql_db")
    def test_a_constraint_violation_is_409_with_the_operation(self):
        operations = [{"method": "POST", "path": "/x.api.test", "body": {"data": {"name": "a", "code": "TXDUP"}}},
                      {"method": "POST", "path": "/x.api.test", "body": {"data": {"name": "b", "code": "TXDUP"}}}]
        body = self.assertJsonResponse(self.api("POST", "/transaction", json={"operations": operations}), 409)
        self.assertEqual(body["error"]["details"]["operation"], 1)
        self.assertFalse(self.env["x.api.test"].search([("code", "=", "TXDUP")]))

    def test_the_operation_limit_is_a_system_parameter(self):
        self.env["ir.config_parameter"].set_param("rest_api.max_transaction_operations", "2")
        operations = [{"method": "POST", "path": "/x.api.test", "body": {"data": {"name": f"L{n}"}}} for n in range(3)]
        body = self.assertJsonResponse(self.api("POST", "/transaction", json={"operations": operations}), 400)
        self.assertEqual(body["error"]["details"], {"count": 3, "limit": 2})
        self.assertFalse(self.env["x.api.test"].search([("name", "in", ["L0", "L1", "L2"])]))

    def test_operations_run_as_the_key_user(self):
        operations = [{"method": "POST", "path": "/x.api.test", "body": {"data": {"name": "By Alice"}}},
                      {"method": "GET", "path": "/ir.config_parameter"}]
        body = self.assertJsonResponse(self.api("POST", "/transaction", key=self.key_alice,
                                                json={"operations": operations}), 403)
        self.assertEqual(body["error"]["details"]["operation"], 1)
        self.assertFalse(self.env["x.api.test"].search([("name", "=", "By Alice")]))
