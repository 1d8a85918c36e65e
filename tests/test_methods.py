"""Method calls: model and record methods, results as JSON, private methods, rollback on failure."""
from odoo import fields
from odoo.tests import tagged, mute_logger

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestMethods(RestApiCase):

    def test_record_method_with_kwargs(self):
        record = self.make_test_record(counter=1)
        data = self.assertOk(self.api("POST", f"/object/x.api.test/{record.id}/increment",
                                      json={"kwargs": {"step": 4}}), message="Method executed successfully")
        self.assertEqual(data, {"result": [5]})
        self.env.invalidate_all()
        self.assertEqual(record.counter, 5)
        data = self.assertOk(self.api("POST", f"/object/x.api.test/{record.id}/increment", json={"args": [2]}))
        self.assertEqual(data, {"result": [7]})

    def test_record_method_without_body(self):
        record = self.make_test_record(counter=0)
        self.assertEqual(self.assertOk(self.api("POST", f"/object/x.api.test/{record.id}/increment")),
                         {"result": [1]})

    def test_model_method_result_is_json(self):
        self.make_test_record(name="r1")
        self.make_test_record(name="r2")
        data = self.assertOk(self.api("POST", "/object/x.api.test/today_and_records", json={}))
        expected_ids = self.env["x.api.test"].search([], limit=2).ids
        self.assertEqual(data, {"result": {"today": fields.Date.to_string(fields.Date.today()),
                                           "records": expected_ids, "raw": "Ynl0ZXM="}})

    def test_model_method_of_odoo(self):
        partner = self.env["res.partner"].create({"name": "Searchable Zyx"})
        data = self.assertOk(self.api("POST", "/object/res.partner/search",
                                      json={"args": [[["name", "=", "Searchable Zyx"]]]}))
        self.assertEqual(data, {"result": partner.ids})
        data = self.assertOk(self.api("POST", "/object/res.partner/search_count",
                                      json={"args": [[["name", "=", "Searchable Zyx"]]]}))
        self.assertEqual(data, {"result": 1})

    def test_write_then_fail_leaves_nothing_written(self):
        record = self.make_test_record(name="original")
        error = self.assertError(self.api("POST", f"/object/x.api.test/{record.id}/write_then_fail"),
                                 400, "ValidationError")
        self.assertEqual(error["message"], "This method always fails after writing")
        self.env.invalidate_all()
        self.assertEqual(record.name, "original")
        self.env.cr.execute("SELECT name FROM x_api_test WHERE id = %s", [record.id])
        self.assertEqual(self.env.cr.fetchone()[0], "original")

    @mute_logger("odoo.addons.rest_api.controllers.odoo_http", "odoo.http")
    def test_boom_is_a_500_that_reveals_nothing(self):
        record = self.make_test_record()
        with self.assertLogs("odoo.addons.rest_api.controllers.odoo_http", "ERROR") as logs:
            response = self.api("POST", f"/object/x.api.test/{record.id}/boom")
        error = self.assertError(response, 500, "InternalError")
        request_id = error["details"]["request_id"]
        self.assertRegex(request_id, r"\A[0-9a-f]{32}\Z")
        self.assertEqual(response.headers["X-Request-Id"], request_id)
        self.assertNotIn("1 / 0", response.text)
        self.assertNotIn("division", response.text)
        self.assertNotIn(".py", response.text)
        self.assertTrue(any(request_id in line for line in logs.output))
        self.assertTrue(any("ZeroDivisionError" in line for line in logs.output))

    def test_private_methods_are_403(self):
        record = self.make_test_record()
        for method in ("_hidden", "_write", "__init__", "not_rpc", "sudo", "with_user", "invalidate_model"):
            with self.subTest(method=method):
                error = self.assertError(self.api("POST", f"/object/x.api.test/{record.id}/{method}"),
                                         403, "AccessError")
                self.assertIn(method, error["message"])
        self.assertError(self.api("POST", "/object/x.api.test/not_rpc"), 403, "AccessError")

    def test_unknown_method_is_404(self):
        record = self.make_test_record()
        error = self.assertError(self.api("POST", f"/object/x.api.test/{record.id}/no_such_method"), 404, "NotFound")
        self.assertIn("no_such_method", error["message"])
        self.assertError(self.api("POST", "/object/x.api.test/no_such_method"), 404, "NotFound")

    def test_wrong_arguments_are_400(self):
        record = self.make_test_record()
        for body in ({"args": {"a": 1}}, {"kwargs": []}, {"kwargs": {"nope": 1}}, {"args": [1, 2, 3]},
                     {"argz": []}):
            with self.subTest(body=body):
                self.assertError(self.api("POST", f"/object/x.api.test/{record.id}/increment", json=body),
                                 400, "ValidationError")

    def test_method_on_unknown_or_hidden_record_is_404(self):
        self.assertError(self.api("POST", f"/object/x.api.test/{2**31 - 1}/increment"), 404, "NotFound")

    def test_method_of_model_without_acl_is_403(self):
        error = self.assertError(self.api("POST", "/object/ir.config_parameter/get_param", key=self.key_alice,
                                          json={"args": ["database.secret"]}), 403, "AccessError")
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        self.assertNotIn(secret, str(error))
