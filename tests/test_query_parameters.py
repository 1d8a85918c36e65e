"""Unknown query parameters on a real Odoo (issue 20, item 5): a 400 naming them, ``debug`` ignored.
Pure side: unit/test_api_query_parameters.py."""
from odoo.tests import tagged

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestQueryParameters(RestApiCase):

    def test_a_typo_is_a_400_suggesting_the_near_name(self):
        error = self.assertError(self.get("/res.partner", limti="2"), 400, "ValidationError")
        self.assertEqual("limti", error["details"]["parameter"])
        self.assertIn("did you mean `limit`?", error["message"])

    def test_offset_and_fields_point_to_page_and_query(self):
        for name, words in (("offset", "`page_size`"), ("fields", "`query`")):
            with self.subTest(name=name):
                error = self.assertError(self.get("/res.partner", **{name: "1"}), 400, "ValidationError")
                self.assertIn(words, error["message"])

    def test_debug_changes_nothing(self):
        plain = self.assertOk(self.get("/res.partner", query="{id}", limit=3))
        self.assertEqual(plain, self.assertOk(self.get("/res.partner", query="{id}", limit=3, debug="1")))
