"""Authorization: ACLs, record rules, companies, sensitive and group-restricted fields, portal users."""
from odoo.tests import tagged

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestSecurity(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.env["res.company"].create({"name": "Second Co"})
        cls.foreign_partner = cls.env["res.partner"].create({"name": "Foreign", "company_id": cls.company2.id})
        cls.admin.company_ids |= cls.company2  # admin sees both companies, alice only the first
        # Contact creation rights, so that only the company rule stands between alice and the partner.
        cls.alice.groups_id |= cls.env.ref("base.group_partner_manager")
        cls.record = cls.env["x.api.test"].create({"name": "sec", "secret": "s3cr3t", "nope": "n0pe"})

    def test_model_without_acl(self):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        for method, path in (("GET", "/ir.config_parameter"), ("GET", "/ir.config_parameter/1"),
                             ("POST", "/ir.config_parameter"), ("GET", "/ir.config_parameter/fields")):
            with self.subTest(method=method, path=path):
                response = self.api(method, path, key=self.key_alice, json={"data": {"key": "k", "value": "v"}})
                error = self.assertError(response, 403, "AccessError")
                self.assertEqual(error["details"]["model"], "ir.config_parameter")
                self.assertNotIn(secret, response.text)
        self.assertFalse(self.env["ir.config_parameter"].sudo().search([("key", "=", "k")]))

    def test_write_denied_by_acl_changes_nothing(self):
        before = self.env["ir.model.access"].sudo().search_count([])
        self.assertError(self.api("POST", "/ir.model.access", key=self.key_alice,
                                  json={"data": {"name": "evil"}}), 403, "AccessError")
        self.assertError(self.api("DELETE", f"/res.users/{self.bob.id}", key=self.key_alice), 403, "AccessError")
        self.assertEqual(self.env["ir.model.access"].sudo().search_count([]), before)
        self.assertTrue(self.bob.exists())

    def test_group_restricted_fields_for_alice(self):
        data = self.assertOk(self.get(f"/x.api.test/{self.record.id}", key=self.key_alice, query="{*}"))
        self.assertNotIn("secret", data)
        self.assertNotIn("nope", data)
        self.assertEqual(data["name"], "sec")
        for query in ("{id, secret}", "{nope}"):
            with self.subTest(query=query):
                error = self.assertError(self.get(f"/x.api.test/{self.record.id}", key=self.key_alice, query=query),
                                         403, "AccessError")
                self.assertNotIn("s3cr3t", str(error))

    def test_admin_reads_secret_but_never_nope(self):
        data = self.assertOk(self.get(f"/x.api.test/{self.record.id}", query="{id, secret}"))
        self.assertEqual(data, {"id": self.record.id, "secret": "s3cr3t"})
        self.assertError(self.get(f"/x.api.test/{self.record.id}", query="{nope}"), 403, "AccessError")

    def test_no_filter_or_order_on_secret(self):
        self.assertError(self.get("/x.api.test", key=self.key_alice, filter=[["secret", "=", "s3cr3t"]]),
                         403, "AccessError")
        self.assertError(self.get("/x.api.test", key=self.key_alice, filter=[["secret", "like", "s"]]),
                         403, "AccessError")
        self.assertError(self.get("/x.api.test", key=self.key_alice, order="secret desc"), 403, "AccessError")
        self.assertError(self.api("POST", "/x.api.test/search", key=self.key_alice,
                                  json={"domain": [["secret", "!=", False]]}), 403, "AccessError")

    def test_create_or_write_with_secret_is_refused(self):
        before = self.env["x.api.test"].search_count([])
        error = self.assertError(self.api("POST", "/x.api.test", key=self.key_alice,
                                          json={"data": {"name": "x", "secret": "mine"}}), 403, "AccessError")
        self.assertEqual(error["details"]["fields"], ["secret"])
        self.assertEqual(self.env["x.api.test"].search_count([]), before)
        self.assertError(self.api("PUT", f"/x.api.test/{self.record.id}", key=self.key_alice,
                                  json={"data": {"secret": "mine"}}), 403, "AccessError")
        self.env.invalidate_all()
        self.assertEqual(self.record.secret, "s3cr3t")

    def test_default_context_key_cannot_smuggle_a_secret(self):
        response = self.api("POST", "/x.api.test", key=self.key_alice,
                            json={"data": {"name": "ctx"}, "context": {"default_secret": "mine"}})
        self.assertError(response, 400, "ValidationError")
        self.assertFalse(self.env["x.api.test"].search([("name", "=", "ctx")]))

    def test_sensitive_fields_of_users(self):
        data = self.assertOk(self.get("/res.users", query="{*}"))
        for record in data["records"]:
            self.assertTrue(set(record).isdisjoint(
                {"password", "new_password", "api_key_ids", "totp_secret", "totp_trusted_device_ids",
                 "signup_token", "oauth_access_token"}))
        for query in ("{password}", "{id, api_key_ids}", "{new_password}"):
            with self.subTest(query=query):
                self.assertError(self.get("/res.users", query=query), 403, "AccessError")
        self.assertError(self.api("PUT", f"/res.users/{self.alice.id}", json={"data": {"password": "x"}}),
                         403, "AccessError")

    def test_alice_cannot_escalate(self):
        system = self.env.ref("base.group_system")
        for values in ({"groups_id": [[4, system.id]]}, {"login": "admin2"}):
            with self.subTest(values=values):
                response = self.api("PUT", f"/res.users/{self.alice.id}", key=self.key_alice, json={"data": values})
                self.assertIn(response.status_code, (400, 403), response.text)
        self.env.invalidate_all()
        self.assertNotIn(system, self.alice.groups_id)
        self.assertEqual(self.alice.login, "rapi_alice")
        partner = self.env["res.partner"].create({"name": "P"})
        body = {"data": {"user_ids": [[0, 0, {"login": "evil", "groups_id": [[6, 0, [system.id]]]}]]}}
        response = self.api("PUT", f"/res.partner/{partner.id}", key=self.key_alice, json=body)
        self.assertIn(response.status_code, (400, 403), response.text)
        self.assertFalse(self.env["res.users"].search([("login", "=", "evil")]))

    def test_record_rule_hides_foreign_company_partner(self):
        self.assertOk(self.get(f"/res.partner/{self.foreign_partner.id}"))
        self.assertError(self.get(f"/res.partner/{self.foreign_partner.id}", key=self.key_alice), 404, "NotFound")
        self.assertError(self.api("PUT", f"/res.partner/{self.foreign_partner.id}", key=self.key_alice,
                                  json={"data": {"name": "hijack"}}), 404, "NotFound")
        self.assertError(self.api("DELETE", f"/res.partner/{self.foreign_partner.id}", key=self.key_alice),
                         404, "NotFound")
        data = self.assertOk(self.get("/res.partner", key=self.key_alice, query="{id}",
                                      filter=[["id", "=", self.foreign_partner.id]]))
        self.assertEqual(data["records"], [])
        self.env.invalidate_all()
        self.assertEqual(self.foreign_partner.name, "Foreign")

    def test_foreign_company_in_context_is_403(self):
        error = self.assertError(self.get("/res.partner", key=self.key_alice,
                                          context={"allowed_company_ids": [self.company2.id]}), 403, "AccessError")
        self.assertEqual(error["details"], {"companies": [self.company2.id]})
        self.assertOk(self.get("/res.partner", key=self.key_alice, query="{id}",
                               context={"allowed_company_ids": [self.company.id]}))

    def test_record_hidden_by_a_rule_for_binary_and_methods(self):
        self.assertError(self.api("POST", f"/object/res.partner/{self.foreign_partner.id}/read", key=self.key_alice,
                                  json={"args": [["name"]]}), 404, "NotFound")

    def test_portal_user(self):
        # Portal users may read their own keys (Odoo gives them an ACL), nobody else's.
        keys = self.assertOk(self.get("/res.users.apikeys", key=self.key_portal, query="{id, user_id}"))
        self.assertEqual({r["user_id"] for r in keys["records"]}, {self.portal.id})
        self.assertError(self.api("GET", "/x.api.test", key=self.key_portal), 403, "AccessError")
        data = self.assertOk(self.get("/res.partner", key=self.key_portal, query="{id}"))
        expected = self.env["res.partner"].with_user(self.portal).search([]).ids
        self.assertEqual([r["id"] for r in data["records"]], expected)
        self.assertLess(len(expected), self.env["res.partner"].search_count([]))

    def test_alice_sees_only_her_keys(self):
        data = self.assertOk(self.get("/res.users.apikeys", key=self.key_alice, query="{id, user_id}"))
        self.assertTrue(data["records"])
        self.assertEqual({r["user_id"] for r in data["records"]}, {self.alice.id})
        star = self.assertOk(self.get("/res.users.apikeys", key=self.key_alice, query="{*}"))
        self.assertTrue(set(star["records"][0]).isdisjoint({"key", "index"}))
        bob_key = self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.bob.id)], limit=1)
        self.assertError(self.get(f"/res.users.apikeys/{bob_key.id}", key=self.key_alice), 404, "NotFound")
        self.assertOk(self.api("GET", "/info", key=self.key_bob))

    def test_check_identity_methods_do_not_run(self):
        key = self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.alice.id)], limit=1)
        response = self.api("POST", f"/object/res.users.apikeys/{key.id}/remove", key=self.key_alice)
        self.assertLess(response.status_code, 500, response.text)
        self.assertTrue(key.exists())
        self.assertOk(self.api("GET", "/info", key=self.key_alice))
