"""Two addons extending rest_api.endpoint, installed together: both routes answer and are documented,
the guard and the error mapping apply, a core handler is overridden."""
from odoo.tests import tagged

from odoo.addons.rest_api.tests.common import RestApiCase


@tagged("post_install", "-at_install")
class TestTwoExtensions(RestApiCase):

    def test_both_added_routes_answer_and_need_a_key(self):
        self.assertEqual(self.get("/hello/Ada").json()["data"]["message"], "Hello, Ada")
        self.assertEqual(self.get("/goodbye/Ada").json()["data"]["message"], "Goodbye, Ada")
        for path in ("/hello/Ada", "/goodbye/Ada"):
            with self.subTest(path=path):
                self.assertEqual(self.get(path, key=None).status_code, 401)

    def test_both_added_routes_are_in_the_openapi_document(self):
        paths = self.get("/openapi.json", models="res.partner").json()["paths"]
        self.assertIn("get", paths["/hello/{name}"])
        self.assertIn("get", paths["/goodbye/{name}"])

    def test_the_guard_applies_to_core_and_added_routes_and_transaction_steps(self):
        marked = {"X-Test-Guard": "refuse"}
        for method, path in (("GET", "/res.partner"), ("GET", "/goodbye/Ada"), ("GET", "/hello/Ada")):
            with self.subTest(path=path):
                reply = self.api(method, path, headers=marked)
                self.assertEqual(reply.status_code, 403, reply.text)
                self.assertEqual(reply.json()["error"]["details"]["restriction"], "test")
        before = self.env["res.partner.category"].search_count([])
        reply = self.api("POST", "/transaction", headers=marked, json={"operations": [
            {"method": "POST", "path": "/res.partner.category", "body": {"data": {"name": "Guarded"}}}]})
        self.assertEqual(reply.status_code, 403)
        self.assertEqual(self.env["res.partner.category"].search_count([]), before)
        self.assertEqual(self.get("/health", key=None).status_code, 200)  # public: no guard

    def test_the_addon_s_exception_is_answered_by_its_mapping(self):
        reply = self.api("POST", "/test_extension/fail")
        self.assertEqual(reply.status_code, 409, reply.text)
        self.assertEqual(reply.json()["error"], {**reply.json()["error"], "type": "Conflict",
                                                 "message": "Not enough stock for this order",
                                                 "details": {"reason": "stock"}})

    def test_a_core_handler_is_overridden(self):
        data = self.api("GET", "/health", key=None, headers={"X-Test-Guard": "show"}).json()["data"]
        self.assertEqual(data["extension"], "rest_api_test_extension")
        self.assertEqual(data["status"], "ok")
        self.assertNotIn("extension", self.get("/health", key=None).json()["data"])
