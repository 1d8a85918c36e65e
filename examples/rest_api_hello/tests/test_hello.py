"""The example addon's route: answered as the key's user, refused without a key, documented."""
from odoo.tests import tagged

from odoo.addons.rest_api.tests.common import RestApiCase


@tagged("post_install", "-at_install")
class TestHello(RestApiCase):

    def test_hello_answers_as_the_key_s_user(self):
        reply = self.get("/hello/World", key=self.key_alice)
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(reply.json()["data"], {"message": "Hello, World", "user": "rapi_alice"})
        self.assertTrue(reply.json()["success"])
        self.assertTrue(reply.headers["X-Request-Id"])

    def test_hello_needs_a_key(self):
        reply = self.get("/hello/World", key=None)
        self.assertEqual(reply.status_code, 401)
        self.assertEqual(reply.json()["error"]["type"], "AuthenticationError")
        self.assertIn("Bearer", reply.headers["WWW-Authenticate"])

    def test_hello_is_in_the_openapi_document_and_in_info(self):
        document = self.get("/openapi.json", models="res.partner").json()
        self.assertIn("/hello/{name}", document["paths"])
        self.assertEqual(document["paths"]["/hello/{name}"]["get"]["parameters"][0]["name"], "name")
        endpoints = self.get("/info").json()["data"]["endpoints"]
        self.assertIn({"method": "GET", "path": "/api/v1/hello/{name}",
                       "description": "Say hello (the rest_api_hello example addon)"}, endpoints)
