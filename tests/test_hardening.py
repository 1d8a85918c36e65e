"""Production hardening on Odoo: CORS, request ids, the access log, per-key rate limits."""
import logging

from odoo.tests import tagged

from ..adapters.odoo.rate_limiter import TABLE
from .common import RestApiCase

ORIGIN = "https://shop.example.com"


@tagged("post_install", "-at_install")
class TestHardening(RestApiCase):

    def test_cors_is_off_by_default(self):
        response = self.api("GET", "/res.partner", params={"limit": 1}, headers={"Origin": ORIGIN})
        self.assertOk(response)
        self.assertNotIn("Access-Control-Allow-Origin", response.headers)

    def test_cors_echoes_allowed_origins_only(self):
        self.set_param("rest_api.cors_origins", f"{ORIGIN}, https://other.example.com")
        allowed = self.api("GET", "/res.partner", params={"limit": 1}, headers={"Origin": ORIGIN})
        foreign = self.api("GET", "/res.partner", params={"limit": 1}, headers={"Origin": "https://evil.example.com"})
        self.assertEqual(allowed.headers["Access-Control-Allow-Origin"], ORIGIN)
        self.assertNotIn("Access-Control-Allow-Credentials", allowed.headers)
        self.assertNotIn("Access-Control-Allow-Origin", foreign.headers)

    def test_preflight_without_key(self):
        self.set_param("rest_api.cors_origins", ORIGIN)
        response = self.api("OPTIONS", "/res.partner/1", key=None, headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "authorization,content-type"})
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response.headers["Access-Control-Allow-Origin"], ORIGIN)
        self.assertEqual(response.headers["Access-Control-Allow-Methods"], "DELETE, GET, PATCH, PUT")
        self.assertIn("Authorization", response.headers["Access-Control-Allow-Headers"])
        self.assertNotIn("Set-Cookie", response.headers)

    def test_errors_carry_cors_headers(self):
        self.set_param("rest_api.cors_origins", ORIGIN)
        response = self.api("GET", "/res.partner", key=None, headers={"Origin": ORIGIN})
        self.assertUnauthorized(response)
        self.assertEqual(response.headers["Access-Control-Allow-Origin"], ORIGIN)

    def test_request_id_and_access_log_without_secrets(self):
        with self.assertLogs("rest_api.access", level=logging.INFO) as logs:
            response = self.api("PUT", f"/res.users/{self.alice.id}", json={"data": {"password": "hunter2"}},
                                headers={"X-Request-Id": "client-req-000123"})
        self.assertError(response, 403, "AccessError")
        self.assertEqual(response.headers["X-Request-Id"], "client-req-000123")
        [line] = [entry for entry in logs.output if "client-req-000123" in entry]
        self.assertIn(f"method=PUT path=/api/v1/res.users/{self.alice.id} model=res.users "
                      f"user={self.admin.id} status=403", line)
        everything = "\n".join(logs.output)
        self.assertNotIn("hunter2", everything)
        self.assertNotIn(self.key_admin, everything)

    def test_requests_per_key_are_limited_in_postgresql(self):
        self.set_param("rest_api.requests_per_minute", "2")
        # POST: under HttpCase a read-only GET cursor cannot count (see adapters/odoo/rate_limiter.py).
        answers = [self.api("POST", "/res.partner/search", json={"limit": 1}) for _ in range(3)]
        self.assertEqual([a.status_code for a in answers], [200, 200, 429])
        self.assertEqual(answers[0].headers["RateLimit-Limit"], "2")
        self.assertEqual(answers[1].headers["RateLimit-Remaining"], "0")
        self.assertError(answers[2], 429, "TooManyRequests")
        self.assertGreater(int(answers[2].headers["Retry-After"]), 0)
        self.env.cr.execute(f"SELECT max(hits) FROM {TABLE} WHERE bucket LIKE 'key:%%'")
        self.assertEqual(self.env.cr.fetchone()[0], 2)  # the refused request rolled back with itself
        self.assertOk(self.api("POST", "/res.partner/search", key=self.key_alice, json={"limit": 1}))

    def test_the_counter_model_is_never_served(self):
        self.assertError(self.api("GET", "/rest_api.rate.counter"), 404, "NotFound")
