"""Security checklist lines not pinned elsewhere; ``docs/security-checklist-map.md`` maps every line.

Test names start with the checklist number they cover (``test_b16_…`` is line B16).
"""
import json
import logging

from odoo.tests import mute_logger, tagged

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestChecklistExtra(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.env["res.company"].create({"name": "Checklist Co 2"})
        cls.foreign = cls.env["res.partner"].create({"name": "Foreign Parent", "company_id": cls.company2.id})
        cls.child = cls.env["res.partner"].create({"name": "Visible Child", "parent_id": cls.foreign.id})
        cls.record = cls.env["x.api.test"].create({"name": "extra", "secret": "s3cr3t"})

    def count(self, model, domain=()):
        return self.env[model].sudo().with_context(active_test=False).search_count(list(domain))

    # --- traps -------------------------------------------------------------------------------

    def test_t03_non_stored_group_field_is_checked_like_a_stored_one(self):
        path = f"/x.api.test/{self.record.id}"
        self.assertNotIn("secret_upper", self.assertOk(self.get(path, key=self.key_alice, query="{*}")))
        error = self.assertError(self.get(path, key=self.key_alice, query="{id, secret_upper}"), 403, "AccessError")
        self.assertNotIn("S3CR3T", json.dumps(error))
        self.assertEqual(self.assertOk(self.get(path, query="{secret_upper}"))["secret_upper"], "S3CR3T")

    @mute_logger("odoo.sql_db")
    def test_t09_bad_values_in_filters_are_400(self):
        for domain in ([["day", "=", "2024-13-45"]], [["moment", ">", "2024-99-99 99:99:99"]],
                       [["counter", "=", "abc"]], [["amount", ">", "1,5"]], [["state", "=", "a\u0000b"]]):
            with self.subTest(domain=domain):
                self.assertError(self.get("/x.api.test", filter=domain), 400, "ValidationError")

    def test_h1_t05_one_catch_all_route_of_our_own_type_no_json_rpc(self):
        rules = [rule for rule in self.env["ir.http"].routing_map().iter_rules() if rule.rule.startswith("/api/")]
        self.assertEqual(sorted(rule.rule for rule in rules), ["/api/v1", "/api/v1/<rest_api_path:subpath>"])
        for rule in rules:
            routing = rule.endpoint.routing
            # auth='none' because the addon checks the key itself; health is the only public path
            # (TestAuth.test_every_route_needs_a_key_but_health).
            self.assertEqual((routing["type"], routing["auth"], routing["csrf"], routing["save_session"]),
                             ("rest_api", "none", False, False))

    # --- A. authentication -------------------------------------------------------------------

    def test_a10_cookie_with_sec_fetch_headers_is_401_and_writes_nothing(self):
        self.authenticate("admin", "admin")
        before = self.count("x.api.test")
        for headers in ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"},
                        {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate"}, {}):
            with self.subTest(headers=headers):
                self.assertUnauthorized(self.api("POST", "/x.api.test", key=None, headers=headers,
                                                 json={"data": {"name": "csrf"}}))
        self.assertEqual(self.count("x.api.test"), before)

    def test_a11_writes_with_a_key_need_no_csrf_token(self):
        record = self.make_test_record(name="csrf")
        other = self.make_test_record(name="csrf2")
        calls = [("POST", "/x.api.test", None, {"data": {"name": "n"}}, 201),
                 ("POST", "/x.api.test/batch", None, {"data": [{"name": "n"}]}, 201),
                 ("POST", "/x.api.test/search", None, {"limit": 1}, 200),
                 ("POST", "/object/x.api.test/search_count", None, {"args": [[]]}, 200),
                 ("POST", f"/object/x.api.test/{record.id}/increment", None, {}, 200),
                 ("PUT", f"/x.api.test/{record.id}", None, {"data": {"name": "m"}}, 200),
                 ("PUT", "/x.api.test", {"id": str(record.id)}, {"data": {"name": "k"}}, 200),
                 ("DELETE", f"/x.api.test/{record.id}", None, None, 200),
                 ("DELETE", "/x.api.test", {"id": str(other.id)}, None, 200)]
        for method, path, params, body, status in calls:
            with self.subTest(method=method, path=path):
                response = self.api(method, path, key=self.key_alice, params=params, json=body)
                self.assertOk(response, status)
                self.assertNotIn("CSRF", response.text)

    def test_a13_the_key_is_never_in_bodies_or_logs(self):
        key = self.key_alice
        with self.assertLogs(level=logging.DEBUG) as logs, mute_logger("odoo.addons.rest_api.controllers.odoo_http"):
            responses = [
                self.get("/res.partner", key=key, limit=1),
                self.api("GET", "/res.partner", key=None, headers={"Authorization": f"Bearer {key} extra"}),
                self.api("GET", "/res.partner", key=None, headers={"Authorization": f"Basic {key}"}),
                self.api("GET", "/ir.config_parameter", key=key),
                self.api("POST", f"/object/x.api.test/{self.record.id}/boom", key=key),
                self.api("POST", "/x.api.test", key=key, json={"data": {"name": key, "counter": "x"}}),
            ]
        self.assertEqual([r.status_code for r in responses], [200, 401, 401, 403, 500, 400])
        for response in responses:
            self.assertNotIn(key, response.text)
            self.assertNotIn(key[8:], response.text)
        self.assertNotIn(key[8:], "\n".join(logs.output))

    def test_a15_portal_cannot_read_internal_attachments_or_users_keys(self):
        attachment = self.env["ir.attachment"].create({"name": "internal.txt", "raw": b"internal only",
                                                       "res_model": "x.api.test", "res_id": self.record.id})
        for path in (f"/ir.attachment/{attachment.id}", f"/ir.attachment/{attachment.id}/datas"):
            with self.subTest(path=path):
                response = self.api("GET", path, key=self.key_portal)
                self.assertIn(response.status_code, (403, 404), response.text)
                self.assertNotIn("internal only", response.text)
        alice_key = self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.alice.id)], limit=1)
        self.assertError(self.get(f"/res.users.apikeys/{alice_key.id}", key=self.key_portal), 404, "NotFound")

    # --- B. object and property authorization ------------------------------------------------

    def test_b03_deleting_another_users_key_is_404_and_it_keeps_working(self):
        bob_key = self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.bob.id)], limit=1)
        # Keys may not be deleted through the ORM by their owner either: the ACL answers first.
        error = self.assertError(self.api("DELETE", f"/res.users.apikeys/{bob_key.id}", key=self.key_alice),
                                 403, "AccessError")
        self.assertEqual(error["details"], {"model": "res.users.apikeys", "operation": "unlink"})
        self.assertTrue(bob_key.exists())
        self.assertOk(self.api("GET", "/info", key=self.key_bob))

    def test_b04_identity_check_wizards_of_others_are_invisible(self):
        checks = self.env["res.users.identitycheck"]
        bob_check = checks.with_user(self.bob).create({})
        alice_check = checks.with_user(self.alice).create({})
        self.assertError(self.get(f"/res.users.identitycheck/{bob_check.id}", key=self.key_alice), 404, "NotFound")
        data = self.assertOk(self.get("/res.users.identitycheck", key=self.key_alice, query="{id, create_uid}"))
        self.assertEqual(data["records"], [{"id": alice_check.id, "create_uid": self.alice.id}])

    def test_b11_smtp_password_is_hidden_from_admins_too(self):
        server = self.env["ir.mail_server"].create({"name": "smtp", "smtp_host": "localhost",
                                                   "smtp_user": "u", "smtp_pass": "mail-pa55"})
        response = self.get(f"/ir.mail_server/{server.id}", query="{*}")
        self.assertNotIn("smtp_pass", self.assertOk(response))
        self.assertNotIn("mail-pa55", response.text)
        self.assertError(self.get(f"/ir.mail_server/{server.id}", query="{smtp_pass}"), 403, "AccessError")
        self.assertNotIn("smtp_pass", self.assertOk(self.api("GET", "/ir.mail_server/fields"))["fields"])

    def test_b12_alice_cannot_unshare_herself(self):
        response = self.api("PUT", f"/res.users/{self.alice.id}", key=self.key_alice, json={"data": {"share": False}})
        self.assertIn(response.status_code, (400, 403), response.text)
        self.assertError(response, response.status_code, "ValidationError" if response.status_code == 400
                         else "AccessError")
        self.env.invalidate_all()
        self.assertFalse(self.alice.has_group("base.group_system"))

    def test_b14_magic_fields_on_create_are_refused(self):
        before = self.count("x.api.test")
        for values in ({"id": 999999}, {"create_uid": self.admin.id}, {"write_date": "2000-01-01T00:00:00Z"},
                       {"create_date": "2000-01-01T00:00:00Z"}, {"write_uid": self.admin.id}):
            with self.subTest(values=values):
                error = self.assertError(self.api("POST", "/x.api.test", key=self.key_alice,
                                                  json={"data": {"name": "magic", **values}}), 400, "ValidationError")
                self.assertIn(next(iter(values)), error["details"]["fields"])
        self.assertEqual(self.count("x.api.test"), before)

    def test_b16_nested_record_hidden_by_a_rule_is_refused(self):
        # alice reads the child, not its parent (company rule): the nested read must not leak it.
        self.assertEqual(self.assertOk(self.get(f"/res.partner/{self.child.id}", key=self.key_alice,
                                                query="{name, parent_id}"))["parent_id"], self.foreign.id)
        response = self.get(f"/res.partner/{self.child.id}", key=self.key_alice, query="{name, parent_id{name, email}}")
        self.assertError(response, 403, "AccessError")
        self.assertNotIn("Foreign Parent", response.text)

    def test_b17_binary_download_guards(self):
        self.assertError(self.api("GET", f"/res.partner/{self.foreign.id}/image_1920", key=self.key_alice),
                         404, "NotFound")
        self.assertError(self.api("GET", f"/x.api.test/{self.record.id}/bogus"), 400, "ValidationError")
        url = self.env["ir.attachment"].create({"name": "ext", "type": "url", "url": "https://evil.example.com/x"})
        response = self.api("GET", f"/ir.attachment/{url.id}/datas")
        error = self.assertError(response, 409, "Conflict")
        self.assertEqual(error["details"], {"url": "https://evil.example.com/x"})
        self.assertNotIn("Location", response.headers)

    def test_b18_technical_context_keys_are_refused_not_dropped(self):
        error = self.assertError(self.get("/ir.attachment", context={"skip_res_field_check": True}),
                                 400, "ValidationError")
        self.assertEqual(error["details"]["refused"], ["skip_res_field_check"])

    # --- C. method calls ---------------------------------------------------------------------

    def test_c01_c02_private_and_framework_methods_are_403_and_change_nothing(self):
        partner = self.env["res.partner"].create({"name": "Untouched"})
        self.env.flush_all()
        self.env.cr.execute("UPDATE res_partner SET write_date = '2001-01-01' WHERE id = %s", [partner.id])
        for method in ("sudo", "with_user", "mapped", "filtered", "init", "invalidate_model", "_write",
                       "__class__", "__init__"):
            with self.subTest(method=method):
                args = [{"name": "hacked"}] if method == "_write" else []
                error = self.assertError(self.api("POST", f"/object/res.partner/{partner.id}/{method}",
                                                  json={"args": args}), 403, "AccessError")
                self.assertIn(method, error["message"])
        self.env.cr.execute("SELECT name, write_date::text FROM res_partner WHERE id = %s", [partner.id])
        self.assertEqual(self.env.cr.fetchone(), ("Untouched", "2001-01-01 00:00:00"))

    def test_c06_methods_of_abstract_models_are_404(self):
        for path in ("/object/ir.http/session_info", "/object/base/search", "/object/ir.qweb/_render",
                     "/object/ir.http/1/session_info"):
            with self.subTest(path=path):
                self.assertError(self.api("POST", path), 404, "NotFound")

    def test_c07_check_identity_wizard_makes_no_key(self):
        keys_before = self.count("res.users.apikeys", [("user_id", "=", self.alice.id)])
        response = self.api("POST", f"/object/res.users/{self.alice.id}/api_key_wizard", key=self.key_alice)
        self.assertLess(response.status_code, 500, response.text)
        self.assertEqual(self.count("res.users.apikeys", [("user_id", "=", self.alice.id)]), keys_before)
        self.assertOk(self.api("GET", "/info", key=self.key_alice))

    def test_c13_context_allow_list(self):
        for context in ({"install_mode": True}, {"default_groups_id": [1]}, {"tracking_disable": True},
                        {"lang": "en_US", "su": True}):
            with self.subTest(context=context):
                self.assertError(self.get("/res.partner", context=context), 400, "ValidationError")
        data = self.assertOk(self.get("/res.partner", query="{id}", limit=1,
                                      context={"lang": "en_US", "tz": "Europe/Brussels", "active_test": False}))
        self.assertEqual(len(data["records"]), 1)

    @mute_logger("odoo.addons.auth_signup.models.res_users", "odoo.addons.mail.models.mail_mail")
    def test_c14_password_reset_of_another_user_is_refused_by_odoo_rights(self):
        mails = self.count("mail.mail")
        error = self.assertError(self.api("POST", f"/object/res.users/{self.bob.id}/action_reset_password",
                                          key=self.key_alice), 403, "AccessError")
        self.assertNotIn("Traceback", json.dumps(error))
        self.assertEqual(self.count("mail.mail"), mails)

    # --- D. input validation -----------------------------------------------------------------

    def test_d01_d11_odd_paths_and_ids_are_json_404(self):
        for path in ("/..%2f..", "/res.partner/-1", "/res.partner/99999999999999999999", "/res.partner/1.5",
                     "/res.partner/%00", "/0%0A", "/res.partner%0A", "/res.partner/1%0D%0A", "/%0A"):
            with self.subTest(path=path):
                self.assertError(self.api("GET", path), 404, "NotFound")

    def test_d05_code_in_a_filter_is_not_json(self):
        for text in ("env", "lambda: 1", "[('id', '=', env.uid)]", "__import__('os').system('true')"):
            with self.subTest(filter=text):
                self.assertError(self.get("/res.partner", filter=text), 400, "ValidationError")

    def test_d06_deeply_nested_domain_operators(self):
        for domain in (["!"] * 5000 + [["name", "=", "x"]], ["&"] * 999 + [["name", "=", "x"]] * 1000):
            with self.subTest(size=len(domain)):
                error = self.assertError(self.get("/res.partner", filter=domain), 400, "ValidationError")
                self.assertEqual(error["details"]["max_filter_terms"], 1000)
        response = self.get("/res.partner", query="{id}", filter=["!"] * 999 + [["name", "=", "nobody at all"]])
        self.assertLess(response.status_code, 500, response.text[:300])

    @mute_logger("odoo.sql_db")
    def test_d07_out_of_range_numbers(self):
        for field, number in (("partner_id", str(2**63)), ("partner_id", "1e30"), ("counter", str(2**63)),
                              ("amount", "1e400"), ("counter", "1" + "0" * 5000)):
            with self.subTest(field=field, number=number[:20]):
                body = f'{{"data": {{"name": "n", "{field}": {number}}}}}'
                self.assertError(self.api("POST", "/x.api.test", data=body,
                                          headers={"Content-Type": "application/json"}),
                                 400, "ValidationError")
        self.assertError(self.get("/x.api.test", filter=[["counter", "=", 2**63]]), 400, "ValidationError")

    def test_d09_search_body_paging_bounds(self):
        for body in ({"limit": 0}, {"limit": -1}, {"offset": -5}, {"limit": 1001}, {"limit": "10"}):
            with self.subTest(body=body):
                self.assertError(self.api("POST", "/res.partner/search", json=body), 400, "ValidationError")

    def test_d10_sql_in_order(self):
        for order in ("(select 1)", "name;drop table res_partner", "id asc, (select 1)"):
            with self.subTest(order=order):
                self.assertError(self.get("/res.partner", order=order), 400, "ValidationError")

    def test_d11_bad_id_lists_are_400(self):
        for ids in ("1,2,x", "[1,,2]", "-5", "[1.5]"):
            with self.subTest(ids=ids):
                self.assertError(self.api("DELETE", "/x.api.test", params={"id": ids}), 400, "ValidationError")

    def test_d12_null_body_is_400(self):
        self.assertError(self.api("POST", "/x.api.test", data=b"null", headers={"Content-Type": "application/json"}),
                         400, "ValidationError")

    def test_d14_many2one_to_a_missing_record_is_400_naming_the_field(self):
        # decisions.md: a reference to a missing record is a bad value (400; the checklist suggests 422).
        error = self.assertError(self.api("POST", "/x.api.test",
                                          json={"data": {"name": "fk", "partner_id": 2**31 - 1}}),
                                 400, "ValidationError")
        self.assertEqual(error["details"], {"field": "partner_id", "model": "res.partner", "id": 2**31 - 1})
        self.assertFalse(self.env["x.api.test"].search([("name", "=", "fk")]))
        record = self.make_test_record()
        self.assertError(self.api("PUT", f"/x.api.test/{record.id}", json={"data": {"partner_id": 999999}}),
                         400, "ValidationError")

    def test_d15_repeated_parameters_first_wins(self):
        response = self.api("GET", "/res.partner?limit=1&limit=100000&query={id}")
        self.assertEqual(len(self.assertOk(response)["records"]), 1)

    def test_d16_trace_is_405_with_allow(self):
        response = self.api("TRACE", "/res.partner/1")
        self.assertError(response, 405, "MethodNotAllowed")
        self.assertEqual(response.headers["Allow"], "DELETE, GET, PATCH, PUT")

    # --- E. error hygiene --------------------------------------------------------------------

    def test_e02_rule_errors_do_not_name_records_or_rules_even_in_debug_groups(self):
        self.alice.groups_id |= self.env.ref("base.group_no_one")
        self.env["ir.rule"].create({
            "name": "Rule Qwertyuiop", "model_id": self.env.ref("rest_api_test.model_x_api_test").id,
            "domain_force": "[('name', '!=', 'Zanzibar Locked')]", "groups": [(4, self.env.ref("base.group_user").id)],
            "perm_read": False, "perm_write": True, "perm_create": False, "perm_unlink": True})
        locked = self.make_test_record(name="Zanzibar Locked")
        self.assertOk(self.get(f"/x.api.test/{locked.id}", key=self.key_alice, query="{name}"))
        for method in ("PUT", "DELETE"):
            with self.subTest(method=method):
                response = self.api(method, f"/x.api.test/{locked.id}", key=self.key_alice,
                                    json={"data": {"name": "mine"}} if method == "PUT" else None)
                self.assertError(response, 403, "AccessError")
                self.assertNotIn("Zanzibar", response.text)
                self.assertNotIn("Qwertyuiop", response.text)
        self.env.invalidate_all()
        self.assertEqual(locked.name, "Zanzibar Locked")

    def test_e03_a_password_in_a_failed_create_is_never_echoed_or_logged(self):
        before = self.count("res.users")
        with self.assertLogs(level=logging.DEBUG) as logs:
            responses = [self.api("POST", "/res.users",
                                  json={"data": {"name": "N", "login": "n", "password": "hunter2"}}),
                         self.api("POST", "/res.users",
                                  json={"data": {"name": "N", "login": 5, "password": "hunter2"}}),
                         self.api("POST", "/x.api.test", json={"data": {"name": "N", "counter": "hunter2"}})]
        self.assertEqual([r.status_code for r in responses], [403, 403, 400])
        for response in responses[:2]:
            self.assertNotIn("hunter2", response.text)
        self.assertNotIn("hunter2", "\n".join(logs.output))
        self.assertEqual(self.count("res.users"), before)

    def test_e04_data_responses_are_not_cached(self):
        record = self.make_test_record()
        for response in (self.get("/x.api.test", limit=1), self.get(f"/x.api.test/{record.id}"),
                         self.api("GET", "/info"), self.api("POST", "/x.api.test", json={"data": {"name": "c"}}),
                         self.api("GET", "/no.such.model")):
            with self.subTest(url=response.url):
                self.assertEqual(response.headers["Cache-Control"], "no-store")

    # --- G. resource consumption -------------------------------------------------------------

    def test_g01_default_and_maximum_page_size(self):
        self.set_param("rest_api.max_page_size", "3")
        self.assertEqual(len(self.assertOk(self.get("/res.partner", query="{id}"))["records"]), 3)
        self.assertEqual(self.assertOk(self.api("POST", "/res.partner/search", json={}))["limit"], 3)
        self.assertError(self.get("/res.partner", limit=4), 400, "ValidationError")

    def test_g02_star_leaves_out_images(self):
        response = self.get("/res.partner", query="{*}", limit=80)
        records = self.assertOk(response)["records"]
        self.assertTrue(records)
        self.assertTrue(all(set(r).isdisjoint({"image_1920", "image_128", "avatar_1920"}) for r in records))
        self.assertLess(len(response.content), 200_000)

    def test_g03_huge_id_lists(self):
        self.set_param("rest_api.max_body_bytes", "1000000")
        body = json.dumps({"domain": [["id", "in", list(range(1, 1_000_001))]]})
        self.assertError(self.api("POST", "/res.partner/search", data=body,
                                  headers={"Content-Type": "application/json"}), 413, "PayloadTooLarge")
        self.set_param("rest_api.max_ids", "5")
        error = self.assertError(self.api("DELETE", "/x.api.test", params={"id": "1,2,3,4,5,6"}),
                                 400, "ValidationError")
        self.assertIn("at most 5", error["message"])
        error = self.assertError(self.get("/res.partner", filter=[["id", "in", [1, 2, 3, 4, 5, 6]]]),
                                 400, "ValidationError")
        self.assertEqual(error["details"]["max_values"], 5)

    def test_g04_total_count_is_the_full_count(self):
        total = self.env(user=self.admin)["res.partner"].search_count([])
        data = self.assertOk(self.get("/res.partner", query="{id}", limit=1))
        self.assertEqual(data["pagination"]["total_count"], total)
