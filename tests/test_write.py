"""Writing: create, batch, the three updates, every x2many operation, deletes, and all-or-nothing."""
from odoo.tests import mute_logger, tagged

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestWrite(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(user=cls.admin)
        cls.Tests = env["x.api.test"]
        cls.tags = env["res.partner.category"].create([{"name": f"Tag {i}"} for i in range(6)])

    def count(self, domain=()):
        return self.Tests.search_count(list(domain))

    def fresh(self, record):
        """``record`` read back from the database, not from this transaction's cache."""
        self.env.invalidate_all()
        return record

    # --- create ------------------------------------------------------------------------------

    def test_create_one(self):
        response = self.api("POST", "/x.api.test", json={"data": {"name": "Created", "code": "C1", "amount": 3.5}})
        data = self.assertOk(response, 201, "Record created successfully")
        created = self.Tests.search([("code", "=", "C1")])
        self.assertEqual(len(created), 1)
        self.assertEqual(data, {"id": created.id, "name": "Created", "code": "C1", "amount": 3.5})
        self.assertEqual(response.headers["Location"], f"/api/v1/x.api.test/{created.id}")
        self.assertEqual(created.create_uid, self.admin)

    def test_create_with_query_and_trailing_slash(self):
        response = self.api("POST", "/x.api.test/", params={"query": "{id, name_upper, state}"},
                            json={"data": {"name": "abc"}})
        data = self.assertOk(response, 201)
        self.assertEqual(data, {"id": data["id"], "name_upper": "ABC", "state": "draft"})

    def test_create_as_alice_records_alice(self):
        data = self.assertOk(self.api("POST", "/x.api.test", key=self.key_alice, json={"data": {"name": "A"}}), 201)
        self.assertEqual(self.Tests.browse(data["id"]).create_uid, self.alice)

    def test_batch_create(self):
        body = {"data": [{"name": "B1", "code": "B1"}, {"name": "B2", "code": "B2"}, {"name": "B3"}]}
        data = self.assertOk(self.api("POST", "/x.api.test/batch", json=body), 201, "Records created successfully")
        self.assertEqual(data["count"], 3)
        self.assertEqual([r["name"] for r in data["records"]], ["B1", "B2", "B3"])
        self.assertEqual([r["code"] for r in data["records"]], ["B1", "B2", None])
        self.assertEqual(self.Tests.browse([r["id"] for r in data["records"]]).mapped("name"), ["B1", "B2", "B3"])

    @mute_logger("odoo.sql_db")
    def test_batch_whose_third_fails_at_the_database_creates_nothing(self):
        self.make_test_record(code="TAKEN")
        before = self.count()
        body = {"data": [{"name": "ok1", "code": "N1"}, {"name": "ok2", "code": "N2"},
                         {"name": "dup", "code": "TAKEN"}]}
        self.assertError(self.api("POST", "/x.api.test/batch", json=body), 409, "Conflict")
        self.assertEqual(self.count(), before)
        self.assertFalse(self.Tests.search([("code", "in", ["N1", "N2"])]))

    def test_batch_whose_third_is_invalid_creates_nothing(self):
        before = self.count()
        body = {"data": [{"name": "ok1"}, {"name": "ok2"}, {"name": "bad", "counter": "x"}]}
        error = self.assertError(self.api("POST", "/x.api.test/batch", json=body), 400, "ValidationError")
        self.assertEqual(error["details"]["index"], 2)
        self.assertEqual(self.count(), before)

    # --- update ------------------------------------------------------------------------------

    def test_update_one(self):
        record = self.make_test_record(name="Before")
        data = self.assertOk(self.api("PUT", f"/x.api.test/{record.id}",
                                      json={"data": {"name": "After", "state": "done", "day": "2024-05-06"}}),
                             message="Record updated successfully")
        self.assertEqual(data, {"id": record.id, "name": "After", "state": "done", "day": "2024-05-06"})
        self.fresh(record)
        self.assertEqual((record.name, record.state, str(record.day)), ("After", "done", "2024-05-06"))

    def test_update_by_ids(self):
        records = self.Tests.create([{"name": "u1"}, {"name": "u2"}, {"name": "u3"}])
        ids = records[:2].ids
        data = self.assertOk(self.api("PUT", "/x.api.test", params={"id": str(ids)}, json={"data": {"counter": 7}}))
        self.assertEqual(data, {"ids": ids, "count": 2})
        self.fresh(records)
        self.assertEqual(records.mapped("counter"), [7, 7, 0])

    def test_update_by_filter(self):
        records = self.Tests.create([{"name": "flt", "code": "F1"}, {"name": "flt", "code": "F2"}, {"name": "other"}])
        data = self.assertOk(self.api("PUT", "/x.api.test", json={"filter": [["name", "=", "flt"]],
                                                                 "data": {"state": "done"}}))
        self.assertEqual(data, {"ids": records[:2].ids, "count": 2})
        self.fresh(records)
        self.assertEqual(records.mapped("state"), ["done", "done", "draft"])

    def test_update_without_ids_or_filter_is_refused(self):
        record = self.make_test_record(name="keep")
        self.assertError(self.api("PUT", "/x.api.test", json={"data": {"name": "all"}}), 400, "ValidationError")
        self.assertEqual(self.fresh(record).name, "keep")

    def test_bulk_update_with_an_unknown_id_writes_nothing(self):
        record = self.make_test_record(name="untouched")
        missing = record.id + 100000
        error = self.assertError(self.api("PUT", "/x.api.test", params={"id": f"[{record.id},{missing}]"},
                                          json={"data": {"name": "changed"}}), 404, "NotFound")
        self.assertEqual(error["details"]["ids"], [missing])
        self.assertEqual(self.fresh(record).name, "untouched")

    def test_update_readonly_fields_is_refused(self):
        record = self.make_test_record(name="ro")
        for values in ({"name_upper": "X"}, {"create_date": "2020-01-01T00:00:00Z"}, {"id": 5},
                       {"display_name": "x"}):
            with self.subTest(values=values):
                error = self.assertError(self.api("PUT", f"/x.api.test/{record.id}", json={"data": values}),
                                         400, "ValidationError")
                self.assertIn(next(iter(values)), error["details"]["fields"])
        self.assertEqual(self.fresh(record).name, "ro")

    @mute_logger("odoo.sql_db")
    def test_unique_violation_on_update_is_409_and_nothing_written(self):
        self.make_test_record(code="U1")
        other = self.make_test_record(name="second", code="U2")
        error = self.assertError(self.api("PUT", f"/x.api.test/{other.id}",
                                          json={"data": {"name": "renamed", "code": "U1"}}), 409, "Conflict")
        self.assertEqual(error["details"], {"constraint": "x_api_test_code_unique"})
        self.fresh(other)
        self.assertEqual((other.name, other.code), ("second", "U2"))

    # --- x2many ------------------------------------------------------------------------------

    def put_tags(self, record, value):
        return self.assertOk(self.api("PUT", f"/x.api.test/{record.id}", json={"data": {"tag_ids": value}}))

    def tag_ids(self, record):
        self.env.invalidate_all()
        return sorted(record.tag_ids.ids)

    def test_x2many_link_unlink_set_clear(self):
        t = self.tags
        record = self.make_test_record(tag_ids=[(6, 0, t[:2].ids)])
        self.put_tags(record, {"link": [t[2].id]})
        self.assertEqual(self.tag_ids(record), sorted(t[:3].ids))
        self.put_tags(record, {"unlink": [t[0].id]})
        self.assertEqual(self.tag_ids(record), sorted(t[1:3].ids))
        self.assertTrue(t[0].exists())
        data = self.put_tags(record, {"set": [t[4].id, t[5].id]})
        self.assertEqual(sorted(data["tag_ids"]), sorted(t[4:6].ids))
        self.assertEqual(self.tag_ids(record), sorted(t[4:6].ids))
        self.put_tags(record, {"clear": True})
        self.assertEqual(self.tag_ids(record), [])

    def test_x2many_plain_list_and_raw_commands_and_null(self):
        t = self.tags
        record = self.make_test_record()
        self.put_tags(record, [t[0].id, t[1].id])
        self.assertEqual(self.tag_ids(record), sorted(t[:2].ids))
        self.put_tags(record, [[3, t[0].id], [4, t[3].id, 0], [0, 0, {"name": "Raw new"}]])
        names = sorted(self.env["res.partner.category"].browse(self.tag_ids(record)).mapped("name"))
        self.assertEqual(names, sorted(["Tag 1", "Tag 3", "Raw new"]))
        self.put_tags(record, [[6, 0, [t[2].id]]])
        self.assertEqual(self.tag_ids(record), [t[2].id])
        self.put_tags(record, None)
        self.assertEqual(self.tag_ids(record), [])
        self.put_tags(record, [[4, t[1].id]])
        self.put_tags(record, [[5]])
        self.assertEqual(self.tag_ids(record), [])

    def test_one2many_create_update_delete(self):
        record = self.make_test_record(line_ids=[(0, 0, {"name": "l1"}), (0, 0, {"name": "l2"})])
        l1, l2 = record.line_ids
        body = {"line_ids": {"create": [{"name": "l3"}], "update": [{"id": l1.id, "name": "l1 renamed"}],
                             "delete": [l2.id]}}
        data = self.assertOk(self.api("PUT", f"/x.api.test/{record.id}", json={"data": body},
                                      params={"query": "{id, line_ids{name}}"}))
        self.assertEqual(sorted(line["name"] for line in data["line_ids"]), ["l1 renamed", "l3"])
        self.env.invalidate_all()
        self.assertFalse(l2.exists())
        self.assertEqual(sorted(record.line_ids.mapped("name")), ["l1 renamed", "l3"])

    def test_link_to_a_missing_record_is_404(self):
        record = self.make_test_record()
        for value in ({"link": [2**31 - 1]}, [[4, 2**31 - 1]], [2**31 - 1],
                      {"update": [{"id": 2**31 - 1, "name": "x"}]}):
            with self.subTest(value=value):
                error = self.assertError(self.api("PUT", f"/x.api.test/{record.id}", json={"data": {"tag_ids": value}}),
                                         404, "NotFound")
                self.assertEqual(error["details"]["model"], "res.partner.category")
        self.assertError(self.api("POST", "/x.api.test", json={"data": {"name": "l", "tag_ids": [2**31 - 1]}}),
                         404, "NotFound")

    def test_m2m_delete_operation_deletes_the_record(self):
        tag = self.env(user=self.admin)["res.partner.category"].create({"name": "to delete"})
        record = self.make_test_record(tag_ids=[(6, 0, tag.ids)])
        self.put_tags(record, {"delete": [tag.id]})
        self.env.invalidate_all()
        self.assertFalse(tag.exists())

    @mute_logger("odoo.sql_db")
    def test_x2many_failing_midway_writes_nothing(self):
        record = self.make_test_record(name="keep", line_ids=[(0, 0, {"name": "l1"})])
        line = record.line_ids
        body = {"name": "changed", "line_ids": {"update": [{"id": line.id, "name": "renamed"}],
                                                "create": [{"name": "new"}, {"name": None}]}}
        self.assertError(self.api("PUT", f"/x.api.test/{record.id}", json={"data": body}), 400, "ValidationError")
        body = {"name": "changed", "line_ids": [[1, line.id, {"name": "renamed"}], [0, 0, {"name": "n"}],
                                                [1, 2**31 - 2, {"name": "missing"}]]}
        error = self.assertError(self.api("PUT", f"/x.api.test/{record.id}", json={"data": body}), 404, "NotFound")
        self.assertEqual(error["details"], {"model": "x.api.test.line", "ids": [2**31 - 2]})
        self.env.invalidate_all()
        self.assertEqual(record.name, "keep")
        self.assertEqual(record.line_ids.mapped("name"), ["l1"])

    def test_x2many_bad_operation_names_the_field_and_operation(self):
        record = self.make_test_record()
        error = self.assertError(self.api("PUT", f"/x.api.test/{record.id}",
                                          json={"data": {"tag_ids": {"add": [1]}}}), 400, "ValidationError")
        self.assertIn("tag_ids", error["message"])
        self.assertEqual(list(error["details"]["fields"]), ["tag_ids"])
        self.assertIn("operation 'add'", error["details"]["fields"]["tag_ids"])

    # --- delete ------------------------------------------------------------------------------

    def test_delete_one(self):
        record = self.make_test_record()
        data = self.assertOk(self.api("DELETE", f"/x.api.test/{record.id}"), message="Record deleted successfully")
        self.assertEqual(data, {"success": True, "message": "Record deleted successfully"})
        self.env.invalidate_all()
        self.assertFalse(record.exists())

    def test_delete_many(self):
        records = self.Tests.create([{"name": "d1"}, {"name": "d2"}, {"name": "keep"}])
        ids = records[:2].ids
        data = self.assertOk(self.api("DELETE", "/x.api.test", params={"id": ",".join(map(str, ids))}))
        self.assertEqual(data, {"success": True, "message": "Records deleted successfully", "ids": ids, "count": 2})
        self.env.invalidate_all()
        self.assertEqual(records.exists(), records[2])

    def test_delete_many_with_an_unknown_id_deletes_nothing(self):
        records = self.Tests.create([{"name": "d1"}, {"name": "d2"}])
        before = self.count()
        self.assertError(self.api("DELETE", "/x.api.test", params={"id": f"[{records[0].id},{2**31 - 1}]"}),
                         404, "NotFound")
        self.assertEqual(self.count(), before)

    def test_delete_without_ids_is_refused(self):
        before = self.count()
        self.assertError(self.api("DELETE", "/x.api.test"), 400, "ValidationError")
        self.assertEqual(self.count(), before)
