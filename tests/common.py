"""Shared fixtures of the Odoo-side suite: users, API keys, and a small HTTP client for ``/api/v1``."""
import json
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user

API_PREFIX = "/api/v1"
TIMESTAMP = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\Z")
# What no error body may ever reveal (security checklist, section E).
LEAKS = ("Traceback", 'File "', "psycopg2", "SELECT ", "/odoo/", '"debug"', "ZeroDivisionError")
DEFAULT = object()


class RestApiCase(HttpCase):
    """An ``HttpCase`` with alice, bob (internal), a portal user, admin and their API keys."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.admin = cls.env.ref("base.user_admin")
        cls.alice = new_test_user(cls.env, "rapi_alice", groups="base.group_user", name="Alice Api",
                                  email="alice@example.com", company_id=cls.company.id)
        cls.bob = new_test_user(cls.env, "rapi_bob", groups="base.group_user", name="Bob Api",
                                email="bob@example.com", company_id=cls.company.id)
        cls.portal = new_test_user(cls.env, "rapi_portal", groups="base.group_portal", name="Portal Api")
        cls.key_admin = cls.make_key(cls.admin)
        cls.key_alice = cls.make_key(cls.alice)
        cls.key_bob = cls.make_key(cls.bob)
        cls.key_portal = cls.make_key(cls.portal)

    @classmethod
    def make_key(cls, user, scope="odoo.api", days=1):
        """A fresh API key of ``user`` (``scope`` None: a global key, usable over XML-RPC too)."""
        expiration = fields.Datetime.now() + timedelta(days=days)
        return cls.env["res.users.apikeys"].with_user(user).sudo()._generate(scope, "test", expiration)

    # --- the client --------------------------------------------------------------------------

    def api(self, method, path, key=DEFAULT, json=None, params=None, headers=None, data=None):
        """Send ``method /api/v1<path>`` with ``key`` as Bearer (admin's by default, None: no header)."""
        sent = {}
        if key is DEFAULT:
            key = self.key_admin
        if key is not None:
            sent["Authorization"] = f"Bearer {key}"
        sent.update(headers or {})
        url = self.base_url() + (path if path.startswith(API_PREFIX) else API_PREFIX + path)
        return self.opener.request(method, url, json=json, params=params, data=data, headers=sent,
                                   timeout=60, allow_redirects=False)

    def get(self, path, key=DEFAULT, **params):
        """``GET`` with query parameters; lists and dicts are sent as JSON text."""
        encoded = {name: value if isinstance(value, (str, int)) else json.dumps(value)
                   for name, value in params.items()}
        return self.api("GET", path, key=key, params=encoded)

    # --- assertions --------------------------------------------------------------------------

    def assertJsonResponse(self, response, status):
        """The decoded JSON body of a response with ``status``, after checking the transport rules."""
        self.assertEqual(response.status_code, status, response.text[:2000])
        self.assertEqual(response.headers.get("Content-Type"), "application/json; charset=utf-8")
        self.assertNotIn("Set-Cookie", response.headers)
        body = response.json()
        self.assertRegex(body["timestamp"], TIMESTAMP)
        return body

    def assertOk(self, response, status=200, message=None):
        """The ``data`` of a success envelope."""
        body = self.assertJsonResponse(response, status)
        self.assertEqual(set(body), {"success", "message", "data", "timestamp"})
        self.assertIs(body["success"], True)
        self.assertIsInstance(body["message"], str)
        if message is not None:
            self.assertEqual(body["message"], message)
        return body["data"]

    def assertError(self, response, status, error_type):
        """The ``error`` object of an error envelope, after checking it leaks nothing."""
        body = self.assertJsonResponse(response, status)
        self.assertEqual(set(body), {"success", "error", "timestamp"})
        self.assertIs(body["success"], False)
        error = body["error"]
        self.assertEqual(error["code"], status)
        self.assertEqual(error["type"], error_type, error)
        self.assertTrue(error["message"])
        self.assertEqual(set(error), {"code", "message", "type", "details"})  # details: null when empty
        for leak in LEAKS:
            self.assertNotIn(leak, response.text)
        return error

    def assertUnauthorized(self, response):
        """A 401 with ``WWW-Authenticate: Bearer``."""
        error = self.assertError(response, 401, "AuthenticationError")
        self.assertTrue(response.headers.get("WWW-Authenticate", "").startswith("Bearer"))
        return error

    # --- fixtures ----------------------------------------------------------------------------

    def make_test_record(self, user=None, **values):
        """An ``x.api.test`` record created as ``user`` (admin by default)."""
        env = self.env(user=user or self.admin)
        return env["x.api.test"].create({"name": "Record", **values})

    def set_param(self, key, value):
        """A system parameter, visible to the server thread (same test cursor)."""
        self.env["ir.config_parameter"].sudo().set_param(key, value)
        self.env.flush_all()
