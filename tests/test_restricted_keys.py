"""Restricted API keys on a real Odoo (issue 23): each restriction kind on every path."""
import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import mute_logger, tagged

from .common import RestApiCase

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


@tagged("post_install", "-at_install")
class TestRestrictedKeys(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "Restricted target", "phone": "+1 555",
                                                     "email": "target@example.com"})
        # Keys of admin, who may do everything: whatever is refused, the key's rules refused it.
        cls.key_read = cls.restricted_key(cls.admin, [("res.partner", "r", "", []),
                                                      ("res.partner.category", "r", "", [])])
        cls.key_fields = cls.restricted_key(cls.admin, [("res.partner", "rc", "name_search", ["name", "email"])])
        cls.key_elsewhere = cls.restricted_key(cls.admin, [("res.partner", "r", "", [])], networks="10.0.0.0/8")
        cls.key_here = cls.restricted_key(cls.admin, [("res.partner", "r", "", [])],
                                          networks="192.0.2.0/24, 127.0.0.0/8, ::1/128")

    @classmethod
    def restricted_key(cls, user, rules, networks=False):
        """A REST key of ``user`` with ``rules`` (model, "rcwd" letters, methods, field names)."""
        key = cls.make_key(user)
        keys = cls.env["res.users.apikeys"].sudo()
        [key_id] = keys.search([("user_id", "=", user.id)], order="id desc", limit=1).ids
        keys.browse(key_id).rest_api_networks = networks
        cls.key_ids = {**getattr(cls, "key_ids", {}), key: key_id}
        for model, letters, methods, field_names in rules:
            model_record = cls.env["ir.model"]._get(model)
            chosen = model_record.field_id.filtered(lambda f, names=field_names: f.name in names)
            cls.env["rest_api.key.rule"].create({
                "key_id": key_id, "model_id": model_record.id, "perm_read": "r" in letters,
                "perm_create": "c" in letters, "perm_write": "w" in letters, "perm_unlink": "d" in letters,
                "methods": methods or False,
                "field_ids": [(6, 0, chosen.ids)]})
        return key

    def refused(self, response, restriction):
        error = self.assertError(response, 403, "AccessError")
        self.assertEqual(error["details"]["restriction"], restriction, error)
        self.assertNotIn("Restricted target", response.text)
        return error["details"]

    def count(self, model):
        return self.env[model].sudo().search_count([])

    # --- operations --------------------------------------------------------------------------

    def test_a_read_only_key_reads_and_writes_nothing(self):
        self.assertOk(self.get(f"/res.partner/{self.partner.id}", key=self.key_read))
        before = self.count("res.partner")
        details = self.refused(self.api("POST", "/res.partner", key=self.key_read, json={"data": {"name": "No"}}),
                               "operation")
        self.assertEqual(details, {"restriction": "operation", "model": "res.partner", "operation": "create"})
        self.refused(self.api("PUT", f"/res.partner/{self.partner.id}", key=self.key_read,
                              json={"data": {"name": "Changed"}}), "operation")
        self.refused(self.api("PUT", f"/res.partner?id=[{self.partner.id}]", key=self.key_read,
                              json={"data": {"name": "Changed"}}), "operation")
        self.refused(self.api("PUT", f"/res.partner/{self.partner.id}/image_1920", key=self.key_read, data=PNG,
                              headers={"Content-Type": "image/png"}), "operation")
        self.refused(self.api("DELETE", f"/res.partner/{self.partner.id}", key=self.key_read), "operation")
        self.assertEqual(self.count("res.partner"), before)
        self.assertEqual(self.partner.name, "Restricted target")

    def test_a_read_only_key_s_transaction_is_refused_before_any_step_runs(self):
        before = self.count("res.partner.category")
        steps = [{"method": "GET", "path": f"/res.partner/{self.partner.id}"},
                 {"method": "POST", "path": "/res.partner.category", "body": {"data": {"name": "Sneaky"}}}]
        details = self.refused(self.api("POST", "/transaction", key=self.key_read, json={"operations": steps}),
                               "operation")
        self.assertEqual((details["operation"], details["permission"]), (1, "create"))
        self.assertEqual(self.count("res.partner.category"), before)

    def test_methods_are_refused_unless_the_rule_names_them(self):
        self.refused(self.api("POST", "/object/res.partner/name_search", key=self.key_read,
                              json={"kwargs": {"name": "Restricted"}}), "method")
        self.refused(self.api("POST", "/object/res.partner/search_read", key=self.key_fields, json={}), "method")
        result = self.assertOk(self.api("POST", "/object/res.partner/name_search", key=self.key_fields,
                                        json={"kwargs": {"name": "Restricted target"}}))["result"]
        self.assertEqual(result[0][0], self.partner.id)

    # --- models ------------------------------------------------------------------------------

    def test_an_unlisted_model_is_refused_on_every_read_path(self):
        for path, params in (("/res.users", {}), ("/res.users", {"format": "csv"}), (f"/res.users/{self.alice.id}", {}),
                             ("/res.users/fields", {}), ("/res.users/aggregate", {}), ("/res.users/changes", {}),
                             (f"/res.users/{self.alice.id}/image_128", {}),
                             (f"/report/base.report_ir_model_overview/{self.env['ir.model']._get('res.partner').id}",
                              {})):
            with self.subTest(path=path, params=params):
                details = self.refused(self.get(path, key=self.key_read, **params), "model")
                self.assertIn(details["model"], ("res.users", "ir.model"))

    def test_a_nested_selection_into_an_unlisted_model_is_refused(self):
        response = self.get(f"/res.partner/{self.partner.id}", key=self.key_read, query="{id, company_id{name}}")
        self.assertEqual(self.refused(response, "model")["model"], "res.company")
        record = self.assertOk(self.get(f"/res.partner/{self.partner.id}", key=self.key_read,
                                        query="{id, company_id}"))
        self.assertIn("company_id", record)

    def test_the_rules_and_the_networks_are_never_served(self):
        self.assertError(self.get("/rest_api.key.rule"), 404, "NotFound")
        self.assertError(self.get("/res.users.apikeys", query="{id, rest_api_networks}"), 403, "AccessError")
        self.assertError(self.get("/res.users.apikeys", query="{id, rest_api_rule_ids}"), 403, "AccessError")
        self.assertNotIn("rest_api_networks", json.dumps(self.assertOk(self.get("/res.users.apikeys"))))

    # --- fields ------------------------------------------------------------------------------

    def test_a_field_outside_the_list_is_refused_in_filters_orders_reads_groups_and_writes(self):
        cases = [({"filter": json.dumps([["phone", "=", "+1 555"]])}, "GET", "/res.partner", None),
                 ({"order": "phone"}, "GET", "/res.partner", None),
                 ({"query": "{name, phone}"}, "GET", f"/res.partner/{self.partner.id}", None),
                 ({"groupby": "phone"}, "GET", "/res.partner/aggregate", None),
                 ({}, "POST", "/res.partner", {"data": {"name": "New", "phone": "1"}})]
        before = self.count("res.partner")
        for params, method, path, body in cases:
            with self.subTest(params=params, path=path):
                response = self.api(method, path, key=self.key_fields, params=params, json=body)
                self.refused(response, "field")
        self.assertEqual(self.count("res.partner"), before)

    def test_the_default_selection_is_the_allowed_fields(self):
        record = self.assertOk(self.get(f"/res.partner/{self.partner.id}", key=self.key_fields))
        self.assertEqual(set(record), {"id", "name", "email"})
        created = self.assertOk(self.api("POST", "/res.partner", key=self.key_fields,
                                         json={"data": {"name": "Allowed", "email": "a@example.com"}}), 201)
        self.assertEqual(set(created), {"id", "name", "email"})

    # --- networks ----------------------------------------------------------------------------

    def test_a_key_outside_its_networks_is_refused(self):
        self.assertEqual(self.refused(self.get("/res.partner", key=self.key_elsewhere), "network"),
                         {"restriction": "network"})
        self.assertOk(self.get("/res.partner", key=self.key_here))

    # --- the document, changes, last use -----------------------------------------------------

    def test_the_openapi_document_shows_only_what_the_key_may_do(self):
        document = self.get("/openapi.json", key=self.key_read).json()
        models = {path.split("/")[1] for path in document["paths"]}
        self.assertIn("res.partner", models)
        self.assertNotIn("res.users", models)
        self.assertNotIn("post", document["paths"]["/res.partner"])
        self.assertNotIn("delete", document["paths"]["/res.partner/{id}"])
        fields_doc = self.get("/openapi.json", key=self.key_fields, models="res.partner").json()
        self.assertEqual(set(fields_doc["components"]["schemas"]["res.partner.Record"]["properties"]),
                         {"id", "name", "email", "external_id"})  # external_id: every model's (issue 24)

    def test_a_rule_change_counts_from_the_next_request(self):
        self.refused(self.api("POST", "/res.partner.category", key=self.key_read, json={"data": {"name": "T"}}),
                     "operation")
        rule = self.env["rest_api.key.rule"].search([("key_id", "=", self.key_ids[self.key_read]),
                                                     ("model_id.model", "=", "res.partner.category")])
        rule.perm_create = True
        self.env.flush_all()
        self.assertOk(self.api("POST", "/res.partner.category", key=self.key_read, json={"data": {"name": "T"}}), 201)

    def test_the_last_use_is_written_with_the_address(self):
        key = self.restricted_key(self.bob, [("res.partner", "r", "", [])])
        self.assertOk(self.api("POST", "/res.partner/search", key=key, json={"limit": 1}))
        record = self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.bob.id)], order="id desc",
                                                              limit=1)
        self.assertTrue(record.rest_api_last_used)
        self.assertEqual(record.rest_api_last_address, "127.0.0.1")
        self.assertIn("res.partner: r", record.rest_api_access)

    @mute_logger("odoo.sql_db")
    def test_bad_networks_and_private_methods_are_refused_in_the_rules(self):
        key = self.env["res.users.apikeys"].sudo().browse(self.key_ids[self.key_read])
        with self.assertRaises(ValidationError):
            key.rest_api_networks = "not-a-network"
        with self.assertRaises(ValidationError):
            self.env["rest_api.key.rule"].create({"key_id": key.id, "model_id": self.env["ir.model"]._get(
                "res.partner").id, "methods": "_private"})

    def test_an_unrestricted_key_is_unchanged(self):
        self.assertOk(self.get("/res.users", key=self.key_admin))
        self.assertOk(self.api("POST", "/res.partner.category", key=self.key_admin,
                               json={"data": {"name": "Free"}}), 201)


@tagged("post_install", "-at_install")
class TestKeyWizardRules(RestApiCase):
    """The wizard's rules reach the key it makes (the identity check itself is Odoo's; the page is
    driven in tests/browser)."""

    def test_restricted_access_makes_rules_and_networks_and_needs_a_model(self):
        wizard = self.env["res.users.apikeys.description"].with_user(self.alice).create({
            "name": "shop front", "rest_api_access": "restricted",
            "rest_api_readonly_model_ids": [(6, 0, self.env["ir.model"]._get("product.template").ids)],
            "rest_api_line_ids": [(0, 0, {"model_id": self.env["ir.model"]._get("res.partner").id,
                                          "perm_read": True, "perm_create": True})],
            "rest_api_networks": "203.0.113.0/24"})
        self.assertEqual(wizard.rest_api_scope, "odoo.api")  # the narrowest, preselected
        # make_key itself runs behind Odoo's identity check, over HTTP only (tests/browser drives it)
        rules = wizard._rest_api_rules()
        key = self.env["res.users.apikeys"].with_user(self.alice)._generate(
            "odoo.api", "shop front", fields.Datetime.now() + timedelta(days=1))
        wizard._rest_api_restrict(key, rules, wizard.rest_api_networks)
        self.refused_here = self.get("/res.partner", key=key)  # from 127.0.0.1, outside 203.0.113.0/24
        self.assertEqual(self.refused_here.status_code, 403)
        self.assertEqual(self.refused_here.json()["error"]["details"], {"restriction": "network"})
        made = self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.alice.id)], order="id desc",
                                                            limit=1)
        self.assertEqual(made.rest_api_networks, "203.0.113.0/24")
        self.assertEqual(sorted(made.rest_api_rule_ids.mapped(lambda r: (r.model_id.model, r.perm_create))),
                         [("product.template", False), ("res.partner", True)])
        empty = self.env["res.users.apikeys.description"].with_user(self.alice).create({
            "name": "empty", "rest_api_access": "restricted"})
        with self.assertRaises(ValidationError):
            empty._rest_api_rules()
        full = self.env["res.users.apikeys.description"].with_user(self.alice).create({"name": "full"})
        self.assertEqual(full._rest_api_rules(), [])
