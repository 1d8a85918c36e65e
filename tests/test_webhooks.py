"""Webhooks on a real Odoo (issue 25): subscriptions through the API, events delivered by the cron's
runner to a local receiver, signed, in order, retried, refused where they must be."""
import threading
from datetime import datetime, timedelta

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from ..adapters.odoo import webhook_runner
from ..adapters.webhook_sender import RequestsSender
from .common import RestApiCase
from .webhook_receiver import Receiver, verify

MODEL = "x.api.test"


@tagged("post_install", "-at_install")
class TestWebhooks(RestApiCase):
    """Changes are made through the API (or a fresh cursor): each request stamps its own start time."""

    def setUp(self):
        super().setUp()
        self.set_param("rest_api.webhook_allow_private", "True")  # the receiver is on 127.0.0.1
        self.receiver = Receiver()
        self.addCleanup(self.receiver.stop)

    def subscribe(self, key=None, **body):
        data = self.assertOk(self.api("POST", "/webhooks", key=key or self.key_admin, json={
            "url": self.receiver.url, "model": MODEL, "events": ["created", "updated", "deleted"], **body}), 201)
        return data

    def run_cron(self):
        self.env["rest_api.webhook"]._rest_api_run_webhooks()

    def change(self, method, path, **body):
        return self.assertOk(self.api(method, f"/{MODEL}{path}", json=body or None), 201 if method == "POST" else 200)

    def delivery(self, webhook_id):
        return self.env["rest_api.webhook.delivery"].search([("webhook_id", "=", webhook_id)], order="id desc",
                                                            limit=1)

    def due_now(self, webhook_id):
        self.env.cr.execute("UPDATE rest_api_webhook_delivery SET next_attempt_at = next_attempt_at - interval '4 day'"
                            " WHERE webhook_id = %s AND state = 'pending'", (webhook_id,))

    # --- subscriptions -----------------------------------------------------------------------

    def test_a_subscription_is_the_key_s_own_and_its_secret_is_shown_once(self):
        made = self.subscribe(query="{id, name}", description="ours")
        self.assertTrue(made["secret"].startswith("whsec_"))
        self.assertEqual((made["model"], made["events"], made["state"]), (MODEL, ["created", "updated", "deleted"],
                                                                          "active"))
        listed = self.assertOk(self.get("/webhooks"))
        self.assertEqual([w["id"] for w in listed["webhooks"]], [made["id"]])
        self.assertNotIn("secret", self.assertOk(self.get(f"/webhooks/{made['id']}")))
        # another key: sees none of them, and 404 on this one, whatever the verb
        self.assertEqual(self.assertOk(self.get("/webhooks", key=self.key_alice))["count"], 0)
        for method, path in (("GET", ""), ("PATCH", ""), ("DELETE", ""), ("POST", "/test"),
                             ("POST", "/rotate-secret"), ("GET", "/deliveries")):
            self.assertError(self.api(method, f"/webhooks/{made['id']}{path}", key=self.key_alice,
                                      json={} if method == "PATCH" else None), 404, "NotFound")
        changed = self.assertOk(self.api("PATCH", f"/webhooks/{made['id']}", json={"events": ["updated"]}))
        self.assertEqual(changed["events"], ["updated"])
        self.assertOk(self.api("DELETE", f"/webhooks/{made['id']}"))
        self.assertEqual(self.assertOk(self.get("/webhooks"))["count"], 0)

    def test_bad_input_is_a_400_that_creates_nothing(self):
        count = self.env["rest_api.webhook"].search_count([])
        for body, expected in (({"model": "no.such.model"}, 400), ({"events": ["exploded"]}, 400),
                               ({"events": []}, 400), ({"query": "{id, nope_field}"}, 400),
                               ({"filter": [["nope_field", "=", 1]]}, 400), ({"url": "ftp://example.com/x"}, 400),
                               ({"url": "not a url"}, 400), ({"url": "http://169.254.169.254/latest"}, 400)):
            response = self.api("POST", "/webhooks", json={"url": self.receiver.url, "model": MODEL,
                                                           "events": ["created"], **body})
            self.assertEqual(response.status_code, expected, (body, response.text))
        self.assertEqual(self.env["rest_api.webhook"].search_count([]), count)

    def test_private_targets_are_refused_without_the_parameter_and_at_delivery(self):
        made = self.subscribe(events=["created"])
        self.set_param("rest_api.webhook_allow_private", "False")
        for url in (self.receiver.url, "http://localhost:9/x", "http://10.1.2.3/x", "http://[::1]:9/x"):
            error = self.assertError(self.api("POST", "/webhooks", json={"url": url, "model": MODEL,
                                                                         "events": ["created"]}), 400,
                                     "ValidationError")
            self.assertIn("address", error["message"])
        # made while allowed, refused at delivery time: the connection's own address is checked
        self.change("POST", "", data={"name": "not sent"})
        self.run_cron()
        self.assertEqual(self.receiver.received, [])
        self.assertIn("loopback", self.delivery(made["id"]).last_error)

    # --- deliveries --------------------------------------------------------------------------

    def test_created_updated_deleted_signed_in_order_after_commit(self):
        made = self.subscribe(query="{id, name, code}")
        record = self.change("POST", "", data={"name": "first", "code": "A"})
        self.run_cron()
        self.change("PUT", f"/{record['id']}", data={"name": "second"})
        self.run_cron()
        self.change("PUT", f"/{record['id']}", data={"code": "B"})
        self.run_cron()
        self.assertOk(self.api("DELETE", f"/{MODEL}/{record['id']}"))
        self.run_cron()
        events = [verify(made["secret"], headers, body) for headers, body in self.receiver.received]
        self.assertEqual([e["type"] for e in events], [f"{MODEL}.created", f"{MODEL}.updated", f"{MODEL}.updated",
                                                       f"{MODEL}.deleted"])
        self.assertEqual(events[0]["data"], {"id": record["id"], "external_id": None,
                                             "record": {"id": record["id"], "name": "first", "code": "A"}})
        self.assertEqual((events[1]["data"]["record"]["name"], events[1]["data"]["changed"]), ("second", ["name"]))
        self.assertEqual(events[2]["data"]["changed"], ["code"])
        self.assertEqual(events[3]["data"], {"id": record["id"], "external_id": None})
        ids = [headers["webhook-id"] for headers, _body in self.receiver.received]
        self.assertEqual(len(set(ids)), 4)
        deliveries = self.assertOk(self.get(f"/webhooks/{made['id']}/deliveries"))["deliveries"]
        self.assertEqual({d["state"] for d in deliveries}, {"delivered"})
        self.assertEqual(deliveries[0]["attempts"][0]["status"], 200)

    def test_events_carry_the_external_id_and_a_deleted_record_keeps_it(self):
        made = self.subscribe(query="{id, name, external_id}", events=["created", "deleted"])
        record = self.change("POST", "", data={"name": "synced", "external_id": "shop.hooked"})
        self.run_cron()
        self.assertOk(self.api("DELETE", f"/{MODEL}/shop.hooked"))
        self.run_cron()
        events = [verify(made["secret"], headers, body) for headers, body in self.receiver.received]
        self.assertEqual(events[0]["data"], {"id": record["id"], "external_id": "shop.hooked",
                                             "record": {"id": record["id"], "name": "synced",
                                                        "external_id": "shop.hooked"}})
        self.assertEqual((events[1]["type"], events[1]["data"]), (f"{MODEL}.deleted",
                                                                  {"id": record["id"], "external_id": "shop.hooked"}))

    def test_rapid_updates_are_coalesced_and_a_newer_state_never_comes_first(self):
        made = self.subscribe(events=["updated"], query="{id, name}")
        record = self.make_test_record(name="start")
        self.receiver.answers = [(500, {})]  # the first event fails: the next one of that record waits
        with self.registry.cursor() as cr:
            api.Environment(cr, self.admin.id, {})[MODEL].browse(record.id).name = "one"
        self.run_cron()
        self.assertEqual([e["data"]["record"]["name"] for e in self.receiver.events()], ["one"])
        self.change("PUT", f"/{record.id}", data={"name": "two"})
        self.change("PUT", f"/{record.id}", data={"name": "three"})
        self.run_cron()  # "one" is not due yet: nothing newer is sent before it
        self.assertEqual(len(self.receiver.received), 1)
        self.due_now(made["id"])
        self.run_cron()
        self.assertEqual([e["data"]["record"]["name"] for e in self.receiver.events()], ["one", "one", "three"])

    def test_a_rolled_back_change_sends_nothing(self):
        self.subscribe()
        response = self.api("POST", "/transaction", json={"operations": [
            {"method": "POST", "path": f"/{MODEL}", "body": {"data": {"name": "rolled back"}}},
            {"method": "POST", "path": f"/{MODEL}", "body": {"data": {"nope_field": 1}}}]})
        self.assertEqual(response.status_code, 400)
        self.run_cron()
        self.assertEqual(self.receiver.received, [])

    def test_retries_keep_the_event_id_and_back_off(self):
        made = self.subscribe(events=["created"])
        self.receiver.answers = [(500, {}), (502, {})]
        self.change("POST", "", data={"name": "flaky"})
        before = datetime.utcnow()
        self.run_cron()
        delivery = self.delivery(made["id"])
        self.assertEqual((delivery.state, delivery.attempt_count, delivery.last_status), ("pending", 1, 500))
        self.assertLessEqual(delivery.next_attempt_at, before + timedelta(seconds=11))
        self.assertGreaterEqual(delivery.next_attempt_at, before + timedelta(seconds=4))
        self.run_cron()  # not due yet
        self.assertEqual(len(self.receiver.received), 1)
        self.due_now(made["id"])
        before = datetime.utcnow()
        self.run_cron()
        delivery.invalidate_recordset()
        self.assertEqual((delivery.attempt_count, delivery.last_status), (2, 502))
        self.assertLessEqual(delivery.next_attempt_at, before + timedelta(seconds=61))
        self.assertGreaterEqual(delivery.next_attempt_at, before + timedelta(seconds=29))
        self.due_now(made["id"])
        self.run_cron()
        delivery.invalidate_recordset()
        self.assertEqual(delivery.state, "delivered")
        self.assertEqual(len({headers["webhook-id"] for headers, _ in self.receiver.received}), 1)
        self.assertEqual(len(self.receiver.received), 3)
        self.assertEqual([a["status"] for a in self.assertOk(self.get(f"/webhooks/{made['id']}/deliveries"))
                          ["deliveries"][0]["attempts"]], [500, 502, 200])

    def test_retry_after_is_honoured_and_410_disables(self):
        made = self.subscribe(events=["created"])
        self.receiver.answers = [(429, {"Retry-After": "120"})]
        self.change("POST", "", data={"name": "busy"})
        before = datetime.utcnow()
        self.run_cron()
        delivery = self.delivery(made["id"])
        self.assertGreaterEqual(delivery.next_attempt_at, before + timedelta(seconds=119))
        self.assertLessEqual(delivery.next_attempt_at, before + timedelta(seconds=125))
        self.receiver.answers = [(410, {})]
        self.due_now(made["id"])
        self.run_cron()
        webhook = self.assertOk(self.get(f"/webhooks/{made['id']}"))
        self.assertEqual((webhook["state"], webhook["active"]), ("disabled", False))
        self.assertIn("410", webhook["reason"])
        self.change("POST", "", data={"name": "not sent, disabled"})
        self.run_cron()
        self.assertEqual(len(self.receiver.received), 2)

    def test_a_dead_event_is_retried_by_hand_and_a_day_of_failures_disables(self):
        made = self.subscribe(events=["created"])
        self.receiver.answers = [(500, {})] * 3
        self.change("POST", "", data={"name": "doomed"})
        self.run_cron()
        self.env.cr.execute("UPDATE rest_api_webhook_delivery SET first_attempt_at = first_attempt_at"
                            " - interval '3 day' WHERE webhook_id = %s", (made["id"],))
        self.due_now(made["id"])
        self.run_cron()
        delivery = self.delivery(made["id"])
        self.assertEqual(delivery.state, "dead")
        self.assertOk(self.api("POST", f"/webhooks/{made['id']}/deliveries/{delivery.id}/retry"), 202)
        self.env.cr.execute("UPDATE rest_api_webhook SET failing_since = failing_since - interval '25 hour'"
                            " WHERE id = %s", (made["id"],))
        self.run_cron()
        webhook = self.assertOk(self.get(f"/webhooks/{made['id']}"))
        self.assertEqual(webhook["state"], "disabled")
        self.assertIn("a day", webhook["reason"])
        if "mail.activity" in self.env:  # the owner is told (mail is optional)
            activity = self.env["mail.activity"].search([("summary", "=", f"Webhook {made['id']} disabled")])
            self.assertEqual(activity.user_id, self.admin)

    def test_the_owner_s_rights_and_restrictions_shape_the_payload(self):
        keys = self.env["res.users.apikeys"].sudo()
        restricted = self.make_key(self.admin)
        key_id = keys.search([("user_id", "=", self.admin.id)], order="id desc", limit=1).id
        model = self.env["ir.model"]._get(MODEL)
        self.env["rest_api.key.rule"].create({"key_id": key_id, "model_id": model.id, "perm_read": True,
                                              "field_ids": [(6, 0, model.field_id.filtered(
                                                  lambda f: f.name in ("name", "code")).ids)]})
        by_rule = self.subscribe(key=restricted, events=["created"])
        by_alice = self.subscribe(key=self.key_alice, events=["created"], query="{id, name}")
        for key, query in ((self.key_alice, "{id, secret}"), (restricted, "{id, counter}")):
            refused = self.api("POST", "/webhooks", key=key, json={
                "url": self.receiver.url, "model": MODEL, "events": ["created"], "query": query})
            listed = self.get(f"/{MODEL}", key=key, query=query)  # refused as the list endpoint refuses it
            self.assertEqual((refused.status_code, refused.json()["error"]["type"]),
                             (listed.status_code, listed.json()["error"]["type"]))
            self.assertIn(refused.status_code, (400, 403))
        self.change("POST", "", data={"name": "shaped", "code": "C", "secret": "s3cret", "counter": 7})
        self.run_cron()
        by_webhook = {}
        for headers, body in self.receiver.received:
            for made in (by_rule, by_alice):
                try:
                    by_webhook[made["id"]] = verify(made["secret"], headers, body)["data"]["record"]
                except Exception:  # noqa: BLE001 - signed by the other subscription's secret
                    continue
        self.assertEqual(set(by_webhook[by_rule["id"]]), {"id", "name", "code"})
        self.assertEqual(by_webhook[by_alice["id"]], {"id": by_webhook[by_rule["id"]]["id"], "name": "shaped"})
        self.assertNotIn(b"s3cret", b"".join(body for _h, body in self.receiver.received))

    def test_a_revoked_key_stops_its_subscriptions_and_says_why(self):
        key = self.make_key(self.admin)
        made = self.subscribe(key=key, events=["created"])
        self.env["rest_api.webhook"].browse(made["id"]).key_id.sudo().unlink()
        self.change("POST", "", data={"name": "after revocation"})
        self.run_cron()
        webhook = self.env["rest_api.webhook"].browse(made["id"])
        self.assertEqual((webhook.state, webhook.reason), ("stopped", "The API key was revoked"))
        self.assertEqual(self.receiver.received, [])

    def test_rotation_signs_with_both_secrets_for_a_day(self):
        made = self.subscribe(events=["created"])
        rotated = self.assertOk(self.api("POST", f"/webhooks/{made['id']}/rotate-secret"))
        self.assertNotEqual(rotated["secret"], made["secret"])
        self.assertTrue(rotated["previous_secret_until"])
        self.assertOk(self.api("POST", f"/webhooks/{made['id']}/test"), 202)
        self.run_cron()
        [(headers, body)] = self.receiver.received
        self.assertEqual(len(headers["webhook-signature"].split(" ")), 2)
        self.assertEqual(verify(made["secret"], headers, body)["type"], "webhook.ping")
        self.assertEqual(verify(rotated["secret"], headers, body)["type"], "webhook.ping")

    def test_a_quiet_server_spends_at_most_two_queries_per_run(self):
        self.subscribe()
        self.change("POST", "", data={"name": "once"})
        self.run_cron()
        self.assertEqual(len(self.receiver.received), 1)
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            self.run_cron()

    def test_the_cron_is_triggered_by_a_change_of_a_watched_model(self):
        cron = self.env.ref("rest_api.ir_cron_webhooks")
        self.subscribe()
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.change("POST", "", data={"name": "wakes the runner"})
        self.assertEqual(self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers + 1)


@tagged("post_install", "-at_install")
class TestWebhookWorkers(RestApiCase):
    """Two runners on two real connections claim the same due deliveries: each event is sent once.

    The rows are committed for real (the test transaction cannot be seen by other connections),
    and removed at the end."""

    def test_two_workers_never_send_an_event_twice(self):
        receiver = Receiver()
        self.addCleanup(receiver.stop)
        db = odoo.sql_db.db_connect(self.env.cr.dbname)
        with db.cursor() as cr:
            cr.execute("INSERT INTO rest_api_webhook (user_id, url, model, events, state, secret, cursor_at,"
                       " cursor_id, deletion_at, deletion_id) VALUES (%s, %s, %s, 'created', 'active',"
                       " 'whsec_dGVzdHRlc3R0ZXN0dGVzdA==', now(), 0, now(), 0) RETURNING id",
                       (self.admin.id, receiver.url, MODEL))
            [webhook_id] = cr.fetchone()
            cr.execute("INSERT INTO rest_api_webhook_delivery (webhook_id, event_id, event_type, res_id, payload,"
                       " state, attempt_count, next_attempt_at) SELECT %s, 'msg_' || n, 'x.created', n, '{}',"
                       " 'pending', 0, now() AT TIME ZONE 'UTC' - interval '1 minute' FROM generate_series(1, 300) n",
                       (webhook_id,))
            cr.commit()

        def cleanup():
            with db.cursor() as cr:
                cr.execute("DELETE FROM rest_api_webhook WHERE id = %s", (webhook_id,))
                cr.commit()
        self.addCleanup(cleanup)
        counts = []

        def worker():
            sender = RequestsSender(allow_private=True)
            with db.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                counts.append(webhook_runner.send_due(env, sender, cr.commit))
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        ids = [headers["webhook-id"] for headers, _body in receiver.received]
        self.assertEqual(len(ids), 300)
        self.assertEqual(len(set(ids)), 300)
        self.assertEqual(sum(counts), 300)
        self.assertTrue(all(counts), counts)  # both workers took a share
