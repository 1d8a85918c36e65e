"""Authentication: Bearer keys only (scope odoo.api or global), never the session cookie."""
import time
import xmlrpc.client
from datetime import timedelta

from odoo import fields
from odoo.http import _request_stack
from odoo.tests import mute_logger, tagged
from odoo.tools import DotDict

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestAuth(RestApiCase):

    def test_missing_key(self):
        error = self.assertUnauthorized(self.api("GET", "/res.partner", key=None))
        self.assertIn("Missing", error["message"])

    def test_malformed_headers(self):
        for header in ("Bearer", "Bearer ", f"Basic {'dXNlcjpwYXNz'}", f"Token {self.key_alice}",
                       f"Bearer {self.key_alice} extra", "Bearer ä"):
            with self.subTest(header=header):
                self.assertUnauthorized(self.api("GET", "/res.partner", key=None,
                                                 headers={"Authorization": header}))

    def test_lowercase_scheme_is_accepted(self):
        response = self.api("GET", "/info", key=None, headers={"Authorization": f"bearer {self.key_alice}"})
        self.assertEqual(self.assertOk(response)["user"]["id"], self.alice.id)

    def test_wrong_keys_answer_alike(self):
        random = self.assertUnauthorized(self.api("GET", "/res.partner", key="0123456789abcdef" * 2 + "01234567"))
        index_hit = self.assertUnauthorized(self.api("GET", "/res.partner", key=self.key_alice[:8] + "f" * 32))
        self.assertEqual(random, index_hit)

    def test_expired_key(self):
        key = self.make_key(self.alice)
        self.assertOk(self.api("GET", "/info", key=key))
        self.env.cr.execute("UPDATE res_users_apikeys SET expiration_date = (now() at time zone 'utc')"
                            " - interval '1 minute' WHERE index = %s", [key[:8]])
        self.assertUnauthorized(self.api("GET", "/info", key=key))

    def test_key_of_another_scope(self):
        for scope in ("browser", "rpc.other", "odoo.api.extra"):
            with self.subTest(scope=scope):
                self.assertUnauthorized(self.api("GET", "/info", key=self.make_key(self.alice, scope=scope)))

    def test_global_key_is_accepted(self):
        data = self.assertOk(self.api("GET", "/info", key=self.make_key(self.alice, scope=None)))
        self.assertEqual(data["user"]["id"], self.alice.id)

    def test_archived_user(self):
        key = self.make_key(self.bob)
        self.assertOk(self.api("GET", "/info", key=key))
        self.bob.active = False
        self.assertUnauthorized(self.api("GET", "/info", key=key))

    def test_revoked_key_fails_on_the_next_request(self):
        key = self.make_key(self.alice)
        self.assertOk(self.api("GET", "/info", key=key))
        self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.alice.id)])._remove()
        self.assertUnauthorized(self.api("GET", "/info", key=key))

    def test_session_cookie_alone_is_not_enough(self):
        self.authenticate("admin", "admin")
        self.assertUnauthorized(self.api("GET", "/res.partner", key=None))
        self.assertUnauthorized(self.api("POST", "/x.api.test", key=None, json={"data": {"name": "csrf"}}))
        self.assertFalse(self.env["x.api.test"].search([("name", "=", "csrf")]))

    def test_key_decides_the_user_not_the_cookie(self):
        self.authenticate("admin", "admin")
        data = self.assertOk(self.api("GET", "/info", key=self.key_alice))
        self.assertEqual(data["user"]["id"], self.alice.id)

    def test_key_in_query_string_is_not_accepted(self):
        for name in ("api_key", "access_token"):
            with self.subTest(name=name):
                self.assertUnauthorized(self.api("GET", "/res.partner", key=None, params={name: self.key_alice}))

    def test_every_route_needs_a_key_but_health(self):
        for method, path in (("GET", "/info"), ("GET", "/res.partner"), ("POST", "/res.partner"),
                             ("PUT", "/res.partner/1"), ("DELETE", "/res.partner/1"),
                             ("GET", "/res.partner/fields"), ("POST", "/object/res.partner/search")):
            with self.subTest(method=method, path=path):
                self.assertUnauthorized(self.api(method, path, key=None, json={}))


@tagged("post_install", "-at_install")
class TestApiKeyWizard(RestApiCase):

    def setUp(self):
        super().setUp()
        # make_key is @check_identity: a request whose identity was checked just now (as Odoo's own
        # TestAPIKeys does) lets it run.
        fake_request = DotDict({
            "httprequest": DotDict({"environ": {"REMOTE_ADDR": "localhost"}, "cookies": {}, "args": {}}),
            "cookies": {},
            "session": {"identity-check-last": time.time()},
            "geoip": {},
        })
        _request_stack.push(fake_request)
        self.addCleanup(_request_stack.pop)

    def wizard_key(self, **values):
        wizard = self.env["res.users.apikeys.description"].with_user(self.alice).create({"name": "wiz", **values})
        return wizard.make_key()["context"]["default_key"]

    def stored_scope(self, key):
        self.env.cr.execute("SELECT scope FROM res_users_apikeys WHERE index = %s", [key[:8]])
        return self.env.cr.fetchone()[0]

    @mute_logger("odoo.http")
    def test_wizard_creates_a_rest_only_key(self):
        key = self.wizard_key(rest_api_scope="odoo.api")
        self.assertEqual(self.stored_scope(key), "odoo.api")
        self.assertEqual(self.assertOk(self.api("GET", "/info", key=key))["user"]["id"], self.alice.id)
        # A REST-only key is not an RPC password.
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_object.execute_kw(self.env.cr.dbname, self.alice.id, key, "res.partner", "search", [[]])

    def test_wizard_default_is_a_rest_only_key_and_global_when_chosen(self):
        self.assertEqual(self.stored_scope(self.wizard_key()), "odoo.api")  # the narrowest, preselected
        key = self.wizard_key(rest_api_scope="global")
        self.assertIsNone(self.stored_scope(key))
        self.assertOk(self.api("GET", "/info", key=key))
        ids = self.xmlrpc_object.execute_kw(self.env.cr.dbname, self.alice.id, key, "res.users", "search",
                                            [[["id", "=", self.alice.id]]])
        self.assertEqual(ids, [self.alice.id])

    def test_scope_context_key_alone_does_not_change_explicit_scopes(self):
        keys = self.env["res.users.apikeys"].with_user(self.alice).with_context(rest_api_key_scope="odoo.api")
        tomorrow = fields.Datetime.now() + timedelta(days=1)
        self.assertEqual(self.stored_scope(keys._generate("browser", "x", tomorrow)), "browser")
        self.assertEqual(self.stored_scope(keys._generate(None, "y", tomorrow)), "odoo.api")
