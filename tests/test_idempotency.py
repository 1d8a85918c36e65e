"""Idempotency keys (spec §17) on a real Odoo: replay, 422, failures keep nothing, per user, expiry.

In-flight requests (409) need two workers: see ``tests/live/concurrency_check.py``.
"""
import uuid

import psycopg2
from odoo import sql_db
from odoo.tests import TransactionCase, mute_logger, tagged

from ..adapters.odoo.idempotency import PostgresIdempotencyStore
from ..application.idempotency import KeptAnswer, StoredResponse
from .common import RestApiCase

TABLE = "rest_api_idempotency_record"


@tagged("post_install", "-at_install")
class TestIdempotency(RestApiCase):

    def post(self, key, data, path="/x.api.test", user_key=None, **kwargs):
        return self.api("POST", path, json={"data": data}, headers={"Idempotency-Key": key},
                        **({"key": user_key} if user_key else {}), **kwargs)

    def count(self, **domain):
        return self.env["x.api.test"].search_count([(k, "=", v) for k, v in domain.items()])

    def test_the_same_request_again_is_replayed_and_runs_once(self):
        key = str(uuid.uuid4())
        first = self.post(key, {"name": "once", "code": "ONCE"})
        data = self.assertOk(first, 201)
        self.assertNotIn("Idempotent-Replayed", first.headers)
        again = self.post(key, {"name": "once", "code": "ONCE"})
        self.assertEqual(again.status_code, 201)
        self.assertEqual(again.headers["Idempotent-Replayed"], "true")
        self.assertEqual(again.content, first.content)
        for header in ("Location", "ETag", "Content-Type"):
            self.assertEqual(again.headers[header], first.headers[header])
        self.assertNotEqual(again.headers["X-Request-Id"], first.headers["X-Request-Id"])
        self.assertEqual(self.count(code="ONCE"), 1)
        self.assertEqual(data["code"], "ONCE")

    def test_a_quoted_key_is_the_same_key(self):
        self.assertOk(self.post("k-quoted", {"name": "q"}), 201)
        again = self.post('"k-quoted"', {"name": "q"})
        self.assertEqual(again.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(self.count(name="q"), 1)

    def test_the_same_key_with_another_request_is_422(self):
        self.assertOk(self.post("k-reused", {"name": "first"}), 201)
        error = self.assertError(self.post("k-reused", {"name": "second"}), 422, "IdempotencyKeyReused")
        self.assertEqual(error["details"], {"header": "Idempotency-Key"})
        other_path = self.api("POST", "/x.api.test/batch", json={"data": [{"name": "first"}]},
                              headers={"Idempotency-Key": "k-reused"})
        self.assertError(other_path, 422, "IdempotencyKeyReused")
        self.assertEqual(self.count(name="second"), 0)

    def test_keys_of_one_user_are_invisible_to_another(self):
        self.assertOk(self.post("k-shared", {"name": "mine"}, user_key=self.key_alice), 201)
        bob = self.post("k-shared", {"name": "mine"}, user_key=self.key_bob)
        self.assertOk(bob, 201)
        self.assertNotIn("Idempotent-Replayed", bob.headers)
        self.assertEqual(self.count(name="mine"), 2)

    def test_a_failed_request_keeps_nothing_and_its_retry_runs_again(self):
        record = self.make_test_record(name="flaky")
        call = f"/object/x.api.test/{record.id}/fail_while_draft"
        headers = {"Idempotency-Key": "k-retry"}
        with mute_logger("odoo.addons.rest_api.controllers.odoo_http", "odoo.http"):
            self.assertError(self.api("POST", call, headers=headers), 500, "InternalError")
        self.env.cr.execute(f"SELECT count(*) FROM {TABLE} WHERE key = 'k-retry'")
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        record.state = "done"
        self.env.flush_all()
        retried = self.api("POST", call, headers=headers)
        self.assertEqual(self.assertOk(retried)["result"], [1])  # the failed call's count rolled back
        replayed = self.api("POST", call, headers=headers)
        self.assertEqual(replayed.headers["Idempotent-Replayed"], "true")
        self.env.invalidate_all()
        self.assertEqual(record.counter, 1)

    def test_a_client_error_keeps_nothing_either(self):
        self.make_test_record(name="taken", code="TAKEN")
        with mute_logger("odoo.sql_db"):
            self.assertError(self.post("k-409", {"name": "dup", "code": "TAKEN"}), 409, "Conflict")
        self.env["x.api.test"].search([("code", "=", "TAKEN")]).unlink()
        self.env.flush_all()
        self.assertOk(self.post("k-409", {"name": "dup", "code": "TAKEN"}), 201)

    def test_writes_of_every_kind_are_replayed(self):
        record = self.make_test_record(name="r")
        cases = [("PUT", f"/x.api.test/{record.id}", {"data": {"name": "put"}}, None),
                 ("PUT", "/x.api.test", {"data": {"code": "MANY"}}, {"id": f"[{record.id}]"}),
                 ("POST", "/x.api.test/batch", {"data": [{"name": "b1"}, {"name": "b2"}]}, None),
                 ("POST", f"/object/x.api.test/{record.id}/increment", {}, None),
                 ("DELETE", f"/x.api.test/{record.id}", None, None)]
        for index, (method, path, body, params) in enumerate(cases):
            with self.subTest(method=method, path=path):
                headers = {"Idempotency-Key": f"k-kind-{index}"}
                first = self.api(method, path, json=body, params=params, headers=headers)
                self.assertLess(first.status_code, 300, first.text)
                again = self.api(method, path, json=body, params=params, headers=headers)
                self.assertEqual((again.status_code, again.content), (first.status_code, first.content))
                self.assertEqual(again.headers["Idempotent-Replayed"], "true")
        self.env.invalidate_all()
        self.assertEqual(self.count(name="b1"), 1)
        self.assertFalse(record.exists())

    def test_a_key_on_a_read_is_ignored(self):
        response = self.api("GET", "/x.api.test", params={"limit": 1}, headers={"Idempotency-Key": "k-get"})
        self.assertOk(response)
        self.assertNotIn("Idempotent-Replayed", response.headers)

    def test_a_malformed_key_is_400_and_nothing_runs(self):
        for key in ("", "x" * 256, "clé"):
            with self.subTest(key=key):
                response = self.api("POST", "/x.api.test", json={"data": {"name": "bad key"}},
                                    headers={"Idempotency-Key": key.encode("utf-8")})
                error = self.assertError(response, 400, "ValidationError")
                self.assertEqual(error["details"], {"header": "Idempotency-Key"})
        self.assertEqual(self.count(name="bad key"), 0)

    def test_an_expired_answer_is_forgotten_by_the_cron_and_the_key_runs_again(self):
        self.assertOk(self.post("k-old", {"name": "old"}), 201)
        self.env.cr.execute(f"UPDATE {TABLE} SET created_at = created_at - interval '25 hours' WHERE key = 'k-old'")
        again = self.post("k-old", {"name": "old"})
        self.assertOk(again, 201)
        self.assertNotIn("Idempotent-Replayed", again.headers)
        self.assertEqual(self.count(name="old"), 2)
        self.env.cr.execute(f"UPDATE {TABLE} SET created_at = created_at - interval '25 hours' WHERE key = 'k-old'")
        cron = self.env.ref("rest_api.ir_cron_idempotency_gc")
        cron.method_direct_trigger()
        self.env.cr.execute(f"SELECT count(*) FROM {TABLE} WHERE key = 'k-old'")
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_the_retention_is_a_system_parameter(self):
        self.assertOk(self.post("k-hours", {"name": "h"}), 201)
        self.env.cr.execute(f"UPDATE {TABLE} SET created_at = created_at - interval '2 hours' WHERE key = 'k-hours'")
        self.set_param("rest_api.idempotency_hours", "1")
        self.assertNotIn("Idempotent-Replayed", self.post("k-hours", {"name": "h"}).headers)
        self.assertEqual(self.count(name="h"), 2)

    def test_info_tells_the_retention_and_the_if_match_policy(self):
        self.set_param("rest_api.idempotency_hours", "6")
        self.set_param("rest_api.require_if_match", "true")
        features = self.assertOk(self.api("GET", "/info"))["features"]
        self.assertEqual(features["idempotency_keys"]["retention_hours"], 6)
        self.assertIs(features["conditional_requests"]["require_if_match"], True)


@tagged("post_install", "-at_install")
class TestIdempotencyStoreSnapshots(TransactionCase):
    """The safety net behind the fresh-cursor lookup: an answer committed by another transaction
    after this one's snapshot can never be kept a second time (Odoo retries instead)."""

    def test_keeping_over_an_answer_committed_after_the_snapshot_is_a_serialization_failure(self):
        key = f"k-snapshot-{uuid.uuid4()}"
        user_id = self.env.ref("base.user_admin").id
        self.env.cr.execute("SELECT 1")  # this transaction's snapshot is taken
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute(f"INSERT INTO {TABLE} (user_id, key, fingerprint, status, headers, body, created_at)"
                          " VALUES (%s, %s, 'f', 201, '[]', '', now())", (user_id, key))
            other.commit()
            store = PostgresIdempotencyStore(self.env)
            self.assertIsNone(store._find(self.env.cr, user_id, key, 24))  # invisible to our snapshot
            answer = KeptAnswer("f", StoredResponse(201, (), b"{}"))
            with self.assertRaises(psycopg2.errors.SerializationFailure), mute_logger("odoo.sql_db"), \
                    self.env.cr.savepoint():
                store.keep(user_id, key, answer)
        finally:
            other.execute(f"DELETE FROM {TABLE} WHERE key = %s", (key,))
            other.commit()
            other.close()
