"""Filter values read by the field's type on a real Odoo (issue 20, item 5): an offset is converted
to UTC, other forms are a 400 of ours before PostgreSQL sees them. Pure side: unit/test_api_filter_values.py."""
from odoo.tests import tagged

from .common import RestApiCase

INSTANT = "2026-12-05 16:04:00"  # UTC, as Odoo stores it


@tagged("post_install", "-at_install")
class TestFilterValues(RestApiCase):

    def ids(self, term):
        data = self.assertOk(self.get("/x.api.test", filter=[["name", "=", "Timed"], term], query="{id}"))
        return [record["id"] for record in data["records"]]

    def test_an_offset_finds_what_the_same_utc_instant_finds(self):
        record = self.make_test_record(name="Timed", moment=INSTANT)
        for value in ("2026-12-05T16:04:00Z", "2026-12-05T17:04:00+01:00", "2026-12-05T15:04:00-01:00",
                      "2026-12-05 16:04:00"):
            with self.subTest(value=value):
                self.assertEqual([record.id], self.ids(["moment", ">=", value]))
                self.assertEqual([], self.ids(["moment", "<", value]))

    def test_a_day_on_a_datetime_field_is_odoo_s_day(self):
        record = self.make_test_record(name="Timed", moment=INSTANT)
        self.assertEqual([record.id], self.ids(["moment", "<=", "2026-12-05"]))
        self.assertEqual([], self.ids(["moment", ">", "2026-12-05"]))

    def test_values_of_the_wrong_form_are_our_400_not_postgresql_s(self):
        self.make_test_record(name="Timed", moment=INSTANT, day="2026-12-05")
        for term, expected in ((["day", "=", "05/12/2026"], 'a date "YYYY-MM-DD"'),
                               (["counter", "=", "abc"], "a finite number"),
                               (["state", "=", "bogus"], 'one of "draft", "done"'),
                               (["moment", ">=", "2026-12-05T17:04:00 01:00"], "a datetime")):
            with self.subTest(term=term):
                error = self.assertError(self.get("/x.api.test", filter=[term]), 400, "ValidationError")
                self.assertIn(expected, error["details"]["expected"])
                self.assertEqual(term[0], error["details"]["field"])
                self.assertNotIn("invalid input syntax", error["message"])

    def test_an_unencoded_plus_is_a_clear_400(self):
        raw = '[["moment",">=","2026-12-05T17:04:00+01:00"]]'  # "+" reaches the server as a space
        error = self.assertError(self.api("GET", f"/x.api.test?filter={raw}"), 400, "ValidationError")
        self.assertEqual('"2026-12-05T17:04:00 01:00"', error["details"]["got"])
