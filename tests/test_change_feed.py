"""``GET /api/v1/{model}/changes`` on a real Odoo (spec §19).

The late-commit guarantee needs two connections at once: ``tests/live/change_feed_check.py``
checks it on a multi-worker server (run by ``tests/run_odoo_tests.sh``).
"""
import hashlib
import hmac
import logging
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from ..adapters.odoo.store import OdooRecordStore
from ..domain.change_feed import ChangeKey, FeedCursor, decode_cursor, encode_cursor
from ..domain.resolution import resolve
from ..domain.selection import parse_selection
from .common import RestApiCase

MODEL = "x.api.test"
_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestChangeFeed(RestApiCase):
    """Changes are made through the API: each request's cursor stamps the time it starts, where
    ``self.env`` would stamp the start of the whole test transaction (long before the cursors)."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("rest_api.change_feed_models", MODEL)

    def drain(self, cursor=None, key=None, limit=50, query="{id, name, active}"):
        """Every page from ``cursor``: (records, deleted, next cursor, pages)."""
        records, deleted, pages = [], [], 0
        while True:
            params = {"limit": str(limit), "query": query, **({"cursor": cursor} if cursor else {})}
            data = self.assertOk(self.get(f"/{MODEL}/changes", key=key or self.key_admin, **params))
            records += data["records"]
            deleted += data["deleted"] or []
            cursor, pages = data["next_cursor"], pages + 1
            if not data["has_more"]:
                return records, deleted, cursor, pages

    def test_from_the_start_then_only_what_changed_archived_included(self):
        first = self.env[MODEL].create([{"name": f"feed {n}"} for n in range(5)])
        records, deleted, cursor, pages = self.drain(limit=2)
        names = [r["name"] for r in records]
        self.assertEqual(names[-5:], [f"feed {n}" for n in range(5)])  # oldest change first
        self.assertEqual(len(names), self.env[MODEL].with_context(active_test=False).search_count([]))
        self.assertGreaterEqual(pages, 3)
        self.assertEqual(deleted, [])  # the first poll reports no deletions
        self.assertOk(self.api("PUT", f"/{MODEL}/{first[1].id}", json={"data": {"name": "feed 1 renamed"}}))
        self.assertOk(self.api("PUT", f"/{MODEL}/{first[3].id}", json={"data": {"active": False}}))
        records, deleted, cursor, _ = self.drain(cursor)
        self.assertEqual([(r["name"], r["active"]) for r in records],
                         [("feed 1 renamed", True), ("feed 3", False)])
        records, deleted, _, _ = self.drain(cursor)
        self.assertEqual((records, deleted), ([], []))

    def test_deletions_of_tracked_models_are_served(self):
        doomed = self.env[MODEL].create([{"name": "doomed 1"}, {"name": "doomed 2"}])
        _, _, cursor, _ = self.drain()
        ids = doomed.ids
        self.assertOk(self.api("DELETE", f"/{MODEL}/{ids[0]}"))
        self.assertOk(self.api("DELETE", f"/{MODEL}", params={"id": f"[{ids[1]}]"}))
        records, deleted, cursor, _ = self.drain(cursor)
        self.assertEqual(deleted, ids)
        self.assertEqual(records, [])
        self.assertEqual(self.drain(cursor)[1], [])

    def test_untracked_models_say_so(self):
        self.env["ir.config_parameter"].set_param("rest_api.change_feed_models", "res.partner")
        data = self.assertOk(self.get(f"/{MODEL}/changes", limit="1"))
        self.assertIsNone(data["deleted"])
        self.assertIs(data["deletions_tracked"], False)
        record = self.env[MODEL].create({"name": "not logged"})
        count = self.env["rest_api.change.deletion"].sudo().search_count([])
        record.unlink()
        self.assertEqual(self.env["rest_api.change.deletion"].sudo().search_count([]), count)

    def test_a_quiet_poll_costs_two_queries(self):
        _, _, cursor, _ = self.drain()
        store = OdooRecordStore(self.env(user=self.admin))
        selection = resolve(parse_selection("{id, name}"), self.catalog_model(), None, frozenset())
        position = decode_cursor(cursor, MODEL, self.secret())
        with self.assertQueryCount(2):  # the horizon, then records and deletions in one statement
            page = store.changes(MODEL, position, 100, selection, True)
        self.assertEqual((page.records, page.deleted_ids, page.more_records), ([], (), False))
        self.assertOk(self.api("POST", f"/{MODEL}", json={"data": {"name": "one more"}}), 201)
        with self.assertQueryCount(3):  # + reading the changed record
            page = store.changes(MODEL, position, 100, selection, True)
        self.assertEqual([r["name"] for r in page.records], ["one more"])
        # The whole HTTP request of a quiet poll, for the record (key check, settings, feed):
        _, _, cursor, _ = self.drain()
        before = self.cr.sql_log_count
        self.assertOk(self.get(f"/{MODEL}/changes", cursor=cursor))
        _logger.info("a quiet poll over HTTP took %s queries", self.cr.sql_log_count - before)

    def test_record_rules_apply(self):
        portal_partners = self.assertOk(self.get("/res.partner", key=self.key_portal, query="{id}",
                                                 context={"active_test": False}))["records"]
        cursor, seen = None, []
        while True:
            params = {"query": "{id}", **({"cursor": cursor} if cursor else {})}
            data = self.assertOk(self.get("/res.partner/changes", key=self.key_portal, **params))
            seen += [r["id"] for r in data["records"]]
            cursor = data["next_cursor"]
            if not data["has_more"]:
                break
        self.assertTrue(seen)
        self.assertEqual(sorted(seen), sorted(r["id"] for r in portal_partners))

    def catalog_model(self):
        from ..adapters.odoo.catalog import OdooCatalog
        return OdooCatalog(self.env(user=self.admin)).model(MODEL)

    def secret(self):
        database_secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hmac.new(database_secret.encode(), b"rest_api.change_feed", hashlib.sha256).digest()

    def test_a_cursor_older_than_the_retention_is_gone(self):
        self.env["ir.config_parameter"].set_param("rest_api.change_feed_days", "2")
        now = fields.Datetime.now()
        recent = encode_cursor(FeedCursor(ChangeKey(now, 0), ChangeKey(now - timedelta(days=1), 0)),
                               MODEL, self.secret())
        self.assertOk(self.get(f"/{MODEL}/changes", cursor=recent))
        old = encode_cursor(FeedCursor(ChangeKey(now, 0), ChangeKey(now - timedelta(days=3), 0)), MODEL, self.secret())
        error = self.assertError(self.get(f"/{MODEL}/changes", cursor=old), 410, "Gone")
        self.assertEqual(error["details"], {"retention_days": 2})

    def test_bad_cursors_and_limits_are_400(self):
        _, _, cursor, _ = self.drain()
        payload, mac = cursor.split(".")
        for bad in ("garbage", cursor + "x", payload[:-2] + "AA." + mac, "a.b.c"):
            with self.subTest(bad):
                self.assertError(self.get(f"/{MODEL}/changes", cursor=bad), 400, "ValidationError")
        # an empty cursor is no cursor: the feed from the start (issue 22, docs/api.md)
        self.assertEqual(self.assertOk(self.get(f"/{MODEL}/changes", cursor=""))["records"],
                         self.assertOk(self.get(f"/{MODEL}/changes"))["records"])
        other = self.assertOk(self.get("/res.partner/changes", limit="1"))["next_cursor"]
        error = self.assertError(self.get(f"/{MODEL}/changes", cursor=other), 400, "ValidationError")
        self.assertIn("res.partner", error["message"])
        for limit in ("0", "-1", "abc", "100000"):
            self.assertError(self.get(f"/{MODEL}/changes", limit=limit), 400, "ValidationError")

    def test_the_users_rights_apply(self):
        self.assertError(self.get(f"/{MODEL}/changes", key=self.key_alice, query="{secret}"), 403, "AccessError")
        self.assertError(self.get("/ir.config_parameter/changes", key=self.key_alice), 403, "AccessError")
        self.assertError(self.get("/rest_api.change.deletion/changes"), 404, "NotFound")
        # a model without write_date (Odoo keeps none for API keys) has no feed
        self.assertError(self.get("/res.users.apikeys/changes", key=self.key_alice), 400, "ValidationError")

    def test_changes_takes_precedence_over_a_record_id(self):
        record = self.env[MODEL].create({"name": "by id"})
        self.assertEqual(self.assertOk(self.get(f"/{MODEL}/{record.id}", query="{name}"))["name"], "by id")
        self.assertIn("next_cursor", self.assertOk(self.get(f"/{MODEL}/changes", limit="1")))
        self.assertError(self.api("PUT", f"/{MODEL}/changes", json={"data": {}}), 405, "MethodNotAllowed")

    def test_the_deletion_log_is_pruned_after_the_retention(self):
        log = self.env["rest_api.change.deletion"].sudo()
        old = log.create({"model": MODEL, "res_id": 1, "deleted_at": fields.Datetime.now() - timedelta(days=31)})
        recent = log.create({"model": MODEL, "res_id": 2, "deleted_at": fields.Datetime.now() - timedelta(days=29)})
        log._gc_deletions()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
