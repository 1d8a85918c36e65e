"""Optimistic concurrency (spec §16): ETag on single-record answers, If-None-Match 304, If-Match 412, 428."""
from odoo.tests import tagged

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestPreconditions(RestApiCase):

    def etag_of(self, record, key=None):
        response = self.get(f"/x.api.test/{record.id}", **({"key": key} if key else {}))
        self.assertOk(response)
        return response.headers["ETag"]

    def put(self, record, data, if_match=None, key=None, **headers):
        if if_match is not None:
            headers["If-Match"] = if_match
        kwargs = {"key": key} if key else {}
        return self.api("PUT", f"/x.api.test/{record.id}", json={"data": data}, headers=headers, **kwargs)

    def test_read_answers_a_strong_etag_that_ignores_the_selection(self):
        record = self.make_test_record()
        etag = self.etag_of(record)
        self.assertRegex(etag, r'\A"[0-9a-f]{32}"\Z')
        other = self.get(f"/x.api.test/{record.id}", query="{id}")
        self.assertEqual(self.assertOk(other), {"id": record.id})
        self.assertEqual(other.headers["ETag"], etag)

    def test_if_none_match_with_the_current_etag_answers_304_without_a_body(self):
        record = self.make_test_record()
        etag = self.etag_of(record)
        response = self.api("GET", f"/x.api.test/{record.id}", headers={"If-None-Match": f'W/"x", {etag}'})
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response.content, b"")
        self.assertEqual(response.headers["ETag"], etag)
        stale = self.api("GET", f"/x.api.test/{record.id}", headers={"If-None-Match": '"0000"'})
        self.assertOk(stale)

    def test_every_write_changes_the_etag_and_answers_the_new_one(self):
        created = self.api("POST", "/x.api.test", json={"data": {"name": "v0"}})
        record = self.env["x.api.test"].browse(self.assertOk(created, 201)["id"])
        self.assertEqual(created.headers["ETag"], self.etag_of(record))
        first = self.put(record, {"name": "v1"}, if_match=created.headers["ETag"])
        self.assertOk(first)
        self.assertNotEqual(first.headers["ETag"], created.headers["ETag"])
        self.assertEqual(first.headers["ETag"], self.etag_of(record))
        second = self.put(record, {"name": "v2"}, if_match=first.headers["ETag"])
        self.assertEqual(self.assertOk(second)["name"], "v2")

    def test_a_stale_if_match_is_412_and_writes_nothing(self):
        record = self.make_test_record(name="before")
        stale = self.etag_of(record)
        self.assertOk(self.put(record, {"name": "someone else"}))
        error = self.assertError(self.put(record, {"name": "lost update", "code": "LOST"}, if_match=stale),
                                 412, "PreconditionFailed")
        self.assertEqual(error["details"]["current_etag"], self.etag_of(record))
        self.env.invalidate_all()
        self.assertEqual((record.name, record.code), ("someone else", False))

    def test_if_match_star_or_a_list_holding_the_current_tag_passes(self):
        record = self.make_test_record()
        self.assertOk(self.put(record, {"name": "star"}, if_match="*"))
        current = self.etag_of(record)
        self.assertOk(self.put(record, {"name": "listed"}, if_match=f'"old", {current}'))

    def test_a_weak_tag_never_passes_if_match(self):
        record = self.make_test_record()
        weak = "W/" + self.etag_of(record)
        self.assertError(self.put(record, {"name": "weak"}, if_match=weak), 412, "PreconditionFailed")

    def test_a_malformed_if_match_is_400(self):
        record = self.make_test_record()
        unquoted = self.etag_of(record).strip('"')
        error = self.assertError(self.put(record, {"name": "x"}, if_match=unquoted), 400, "ValidationError")
        self.assertEqual(error["details"], {"header": "If-Match"})

    def test_delete_with_a_stale_if_match_is_412_and_deletes_nothing(self):
        record = self.make_test_record()
        stale = self.etag_of(record)
        self.assertOk(self.put(record, {"name": "changed"}))
        response = self.api("DELETE", f"/x.api.test/{record.id}", headers={"If-Match": stale})
        self.assertError(response, 412, "PreconditionFailed")
        self.assertTrue(record.exists())
        current = self.api("DELETE", f"/x.api.test/{record.id}", headers={"If-Match": self.etag_of(record)})
        self.assertOk(current)
        self.assertFalse(record.exists())

    def test_if_match_on_a_record_the_user_cannot_see_is_404(self):
        record = self.make_test_record(user=self.alice)
        self.env["ir.rule"].create({"name": "alice sees her own", "model_id": self.env.ref(
            "rest_api_test.model_x_api_test").id, "domain_force": "[('create_uid', '=', user.id)]"})
        response = self.api("PUT", f"/x.api.test/{record.id}", key=self.key_bob, json={"data": {"name": "x"}},
                            headers={"If-Match": "*"})
        self.assertError(response, 404, "NotFound")

    def test_required_if_match_answers_428_without_it_and_writes_nothing(self):
        record = self.make_test_record(name="kept")
        self.set_param("rest_api.require_if_match", "1")
        self.assertError(self.put(record, {"name": "no precondition"}), 428, "PreconditionRequired")
        self.assertError(self.api("DELETE", f"/x.api.test/{record.id}"), 428, "PreconditionRequired")
        self.env.invalidate_all()
        self.assertEqual(record.name, "kept")
        self.assertOk(self.put(record, {"name": "with it"}, if_match=self.etag_of(record)))
        # Writes of many records by filter or ids are not single-record writes.
        self.assertOk(self.api("PUT", "/x.api.test", params={"id": f"[{record.id}]"}, json={"data": {"code": "M"}}))
