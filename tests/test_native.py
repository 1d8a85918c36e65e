"""Feeling native in Odoo (issue 12): PATCH, useful Odoo errors, the key wizard, Settings, the Apps page."""
import json
import xmlrpc.client

from lxml import etree
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestPatch(RestApiCase):
    def test_patch_updates_one_record_like_put(self):
        record = self.make_test_record()
        data = self.assertOk(self.api("PATCH", f"/x.api.test/{record.id}", json={"data": {"counter": 7}}),
                             message="Record updated successfully")
        self.assertEqual({"id": record.id, "counter": 7}, data)
        self.assertEqual(7, record.counter)

    def test_patch_updates_by_ids(self):
        first, second = self.make_test_record(), self.make_test_record()
        data = self.assertOk(self.api("PATCH", "/x.api.test", params={"id": f"[{first.id},{second.id}]"},
                                      json={"data": {"amount": 2.5}}))
        self.assertEqual({"ids": [first.id, second.id], "count": 2}, data)
        self.assertEqual([2.5, 2.5], (first | second).mapped("amount"))

    def test_openapi_lists_patch_beside_put(self):
        response = self.get("/openapi.json", models="x.api.test")
        self.assertEqual(200, response.status_code)
        paths = response.json()["paths"]
        self.assertEqual(("put", "patch"), tuple(v for v in paths["/x.api.test/{id}"] if v in ("put", "patch")))
        self.assertIn("patch", paths["/x.api.test"])


@tagged("post_install", "-at_install")
class TestUsefulOdooErrors(RestApiCase):
    @mute_logger("odoo.sql_db")
    def test_a_missing_required_field_is_named(self):
        error = self.assertError(self.api("POST", "/x.api.test", json={"data": {"code": "no-name"}}),
                                 400, "ValidationError")
        self.assertEqual({"model": "x.api.test", "fields": ["name"]}, error["details"])
        self.assertIn("(name)", error["message"])
        self.assertNotIn("Delete", error["message"])
        self.assertFalse(self.env["x.api.test"].search([("code", "=", "no-name")]))

    @mute_logger("odoo.sql_db")
    def test_a_unique_violation_keeps_its_constraint(self):
        self.make_test_record(code="taken")
        error = self.assertError(self.api("POST", "/x.api.test", json={"data": {"name": "x", "code": "taken"}}),
                                 409, "Conflict")
        self.assertEqual({"constraint": "x_api_test_code_unique"}, error["details"])

    def test_wrong_arguments_show_the_signature(self):
        record = self.make_test_record()
        error = self.assertError(self.api("POST", f"/object/x.api.test/{record.id}/increment",
                                          json={"args": [1, 2]}), 400, "ValidationError")
        self.assertIn("expected increment(step=1)", error["message"])
        self.assertEqual({"model": "x.api.test", "method": "increment", "signature": "increment(step=1)"},
                         error["details"])


@tagged("post_install", "-at_install")
class TestKeyWizard(RestApiCase):
    def call(self, model, method, args, kwargs=None):
        """A JSON-RPC ``call_kw`` as the web client sends it, in the authenticated session."""
        response = self.url_open("/web/dataset/call_kw", data=json.dumps({
            "jsonrpc": "2.0", "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}),
            headers={"Content-Type": "application/json"})
        body = response.json()
        self.assertNotIn("error", body, body.get("error"))
        return body["result"]

    def make_key_in_the_wizard(self, scope):
        self.authenticate("admin", "admin")
        wizard = self.call("res.users.apikeys.description", "create",
                           [{"name": f"wizard {scope}", "rest_api_scope": scope, "duration": "7"}])
        check = self.call("res.users.apikeys.description", "make_key", [[wizard]])
        self.assertEqual("res.users.identitycheck", check["res_model"])
        self.call("res.users.identitycheck", "write", [[check["res_id"]], {"password": "admin"}])
        return self.call("res.users.identitycheck", "run_check", [[check["res_id"]]])

    def test_a_rest_only_key_says_so_and_works_only_here(self):
        shown = self.make_key_in_the_wizard("odoo.api")
        self.assertEqual(("res.users.apikeys.show", "odoo.api"),
                         (shown["res_model"], shown["context"]["default_rest_api_scope"]))
        key = shown["context"]["default_key"]
        self.assertOk(self.api("GET", "/info", key=key))
        common = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/common")
        self.assertFalse(common.authenticate(self.env.cr.dbname, "admin", key, {}))
        listed = self.env["res.users.apikeys"].search([("name", "=", "wizard odoo.api")])
        self.assertEqual("REST API only", listed.rest_api_scope_label)

    def test_a_global_key_is_listed_as_all_external_apis(self):
        shown = self.make_key_in_the_wizard("global")
        self.assertEqual("global", shown["context"]["default_rest_api_scope"])
        self.assertOk(self.api("GET", "/info", key=shown["context"]["default_key"]))
        listed = self.env["res.users.apikeys"].search([("name", "=", "wizard global")])
        self.assertEqual((False, "All external APIs"), (listed.scope, listed.rest_api_scope_label))

    def test_the_scope_section_comes_before_the_duration(self):
        arch = self.env["res.users.apikeys.description"].get_views([(False, "form")])["views"]["form"]["arch"]
        sheet = etree.fromstring(arch).find(".//sheet")
        order = [child.text.strip() if child.tag == "h3" else child.get("name")
                 for child in sheet if child.tag in ("h3", "field")]
        scope_heading = order.index("Choose where the key can be used")
        self.assertEqual("rest_api_scope", order[scope_heading + 1])
        self.assertEqual("duration", order[order.index("Give a duration for the key's validity") + 1])
        self.assertLess(scope_heading, order.index("Give a duration for the key's validity"))

    def test_the_key_lists_show_a_readable_scope(self):
        for view in (self.env.ref("base.view_apikeys"), self.env.ref("base.view_users_form_simple_modif")):
            arch = self.env[view.model].get_views([(view.id, view.type)])["views"][view.type]["arch"]
            self.assertIn('name="rest_api_scope_label"', arch, view.xml_id)
            self.assertNotIn('name="scope"', arch, view.xml_id)

    def test_a_menu_opens_the_keys(self):
        menu = self.env.ref("rest_api.menu_rest_api_keys")
        self.assertEqual(("res.users.apikeys", self.env.ref("base.menu_users")),
                         (menu.action.res_model, menu.parent_id))


@tagged("post_install", "-at_install")
class TestSettings(RestApiCase):
    def settings(self, **values):
        return self.env["res.config.settings"].create(values)

    def test_every_parameter_is_a_settings_field_with_help(self):
        from ..domain.parameters import PARAMETERS
        from ..models.res_config_settings import field_name
        fields = self.env["res.config.settings"]._fields
        for parameter in PARAMETERS:
            self.assertEqual(parameter.help, fields[field_name(parameter)].help)

    def test_saved_settings_become_the_parameters_in_force(self):
        self.settings(rest_api_max_page_size=50, rest_api_requests_per_minute=0,
                      rest_api_auth_failures_per_minute=0, rest_api_hidden_models=" res.bank , res.country",
                      rest_api_cors_origins="https://app.example.com").execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(("50", "0", "res.bank,res.country", "https://app.example.com"),
                         tuple(params.get_param(f"rest_api.{key}") for key in (
                             "max_page_size", "auth_failures_per_minute", "hidden_models", "cors_origins")))
        settings = self.env["rest_api.settings"]._current()
        self.assertEqual((50, 0, frozenset({"res.bank", "res.country"})),
                         (settings.max_limit, settings.auth_failures_per_minute, settings.hidden_models))
        self.assertError(self.api("GET", "/res.bank"), 404, "NotFound")
        shown = self.env["res.config.settings"].default_get(["rest_api_max_page_size", "rest_api_hidden_models"])
        self.assertEqual((50, "res.bank, res.country"),
                         (shown["rest_api_max_page_size"], shown["rest_api_hidden_models"]))

    def test_a_flag_is_a_checkbox(self):
        self.settings(rest_api_require_if_match=True, rest_api_idempotency_hours=6).execute()
        settings = self.env["rest_api.settings"]._current()
        self.assertEqual((True, 6), (settings.require_if_match, settings.idempotency_hours))
        self.assertIs(True, self.env["res.config.settings"].default_get(["rest_api_require_if_match"])[
            "rest_api_require_if_match"])
        self.settings(rest_api_require_if_match=False).execute()
        self.assertFalse(self.env["ir.config_parameter"].sudo().get_param("rest_api.require_if_match"))

    def test_defaults_are_shown_and_leave_no_parameter(self):
        shown = self.env["res.config.settings"].default_get(["rest_api_max_page_size", "rest_api_exposed_models"])
        self.assertEqual((1000, ""), (shown["rest_api_max_page_size"], shown["rest_api_exposed_models"]))
        self.settings().execute()
        self.assertFalse(self.env["ir.config_parameter"].sudo().search([("key", "=like", "rest_api.%")]))

    def test_wrong_values_are_refused_with_the_reason(self):
        cases = {"rest_api_max_page_size": (0, "Largest page"),
                 "rest_api_exposed_models": ("res.partner, no.such.model", "no.such.model"),
                 "rest_api_hidden_models": ("Not A Model", "Not A Model"),
                 "rest_api_sensitive_fields": ("pass word", "pass word"),
                 "rest_api_cors_origins": ("https://ok.example.com/path", "https://ok.example.com/path"),
                 "rest_api_requests_per_minute": (-1, "Requests per minute")}
        for name, (value, reason) in cases.items():
            with self.subTest(name=name), self.assertRaisesRegex(ValidationError, reason):
                self.settings(**{name: value})

    def test_the_settings_page_has_a_rest_api_section(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]
        app = etree.fromstring(arch).find(".//app[@name='rest_api']")
        self.assertIsNotNone(app)
        self.assertIn("rest_api_max_page_size", [field.get("name") for field in app.iter("field")])


@tagged("post_install", "-at_install")
class TestAppsPage(RestApiCase):
    def test_the_module_has_an_html_description_and_an_icon(self):
        module = self.env["ir.module.module"].search([("name", "=", "rest_api")])
        self.assertIn("Every Odoo model as a clean REST API", module.description_html)
        self.assertEqual("/rest_api/static/description/icon.png", module.icon)
        self.assertEqual(200, self.url_open(module.icon).status_code)

    def test_the_rate_counter_has_access_rules(self):
        rules = self.env["ir.model.access"].search([("model_id.model", "=", "rest_api.rate.counter")])
        self.assertEqual([("base.group_system", True, False)],
                         [(r.group_id.get_external_id()[r.group_id.id], r.perm_read, r.perm_write) for r in rules])


@tagged("post_install", "-at_install")
class TestDocsPageIndex(RestApiCase):
    def test_the_index_lists_what_the_user_can_read_and_nothing_hidden(self):
        self.set_param("rest_api.hidden_models", "res.bank")
        admin = self.assertOk(self.get("/openapi/models"), message="Models retrieved successfully")
        portal = self.assertOk(self.get("/openapi/models", key=self.key_portal))
        admin_models = {entry["model"]: entry["description"] for entry in admin["models"]}
        self.assertEqual("Contact", admin_models["res.partner"])
        self.assertNotIn("res.bank", admin_models)
        self.assertNotIn("rest_api.rate.counter", admin_models)
        self.assertNotIn("ir.qweb", admin_models)  # abstract: no records
        self.assertNotIn("ir.config_parameter", {entry["model"] for entry in portal["models"]})
        self.assertEqual(len(admin["models"]), admin["count"])

    def test_the_summary_agrees_with_the_full_description(self):
        from ..adapters.odoo.catalog import OdooCatalog
        catalog = OdooCatalog(self.env(user=self.alice))
        for name in ("res.partner", "ir.config_parameter", "x.api.test"):
            full, summary = catalog.model(name), catalog.model_summary(name)
            self.assertEqual((full.description, full.access, {}), (summary.description, summary.access, summary.fields))

    def test_one_models_document_refers_to_no_other_models_schema(self):
        response = self.get("/openapi.json", models="res.partner,res.users")
        schemas = response.json()["components"]["schemas"]
        partner = schemas["res.partner.Record"]["properties"]
        self.assertEqual({"$ref": "#/components/schemas/NestedRecord"}, partner["company_id"]["anyOf"][1])
        self.assertEqual({"$ref": "#/components/schemas/NestedRecord"}, partner["user_ids"]["items"]["anyOf"][1])
