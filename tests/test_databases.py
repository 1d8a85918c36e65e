"""Several databases (spec §13): ``X-Odoo-Database`` chooses one; no choice is a JSON 404."""
from unittest.mock import patch

import werkzeug.routing

from odoo.tests import tagged
from odoo.tools import config

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestDatabaseHeader(RestApiCase):
    """The ``post_load`` hook at work (installed when the registry loaded the addon)."""

    def test_the_header_names_this_database(self):
        data = self.assertOk(self.api("GET", "/info", headers={"X-Odoo-Database": self.env.cr.dbname}))
        self.assertEqual(data["user"]["id"], self.admin.id)

    def test_an_unknown_database_is_a_json_404(self):
        error = self.assertError(self.api("GET", "/health", headers={"X-Odoo-Database": "no_such_database_x"}),
                                 404, "NotFound")
        self.assertEqual(error["message"], "Database not found")

    def test_a_filtered_out_database_gets_the_same_answer(self):
        with patch.dict(config.options, {"dbfilter": "^only_this_one$"}):
            error = self.assertError(self.api("GET", "/health", headers={"X-Odoo-Database": self.env.cr.dbname}),
                                     404, "NotFound")
        self.assertEqual(error["message"], "Database not found")
        self.assertEqual(error["details"], {"header": "X-Odoo-Database", "database": self.env.cr.dbname})

    def test_a_malformed_name_is_not_found(self):
        self.assertError(self.api("GET", "/health", headers={"X-Odoo-Database": "../etc"}), 404, "NotFound")

    def test_without_the_header_a_server_with_several_databases_names_it(self):
        with patch("odoo.http.db_list", return_value=[self.env.cr.dbname, "another_database"]):
            error = self.assertError(self.api("GET", "/info"), 404, "NotFound")
        self.assertIn("X-Odoo-Database", error["message"])
        self.assertEqual(error["details"], {"header": "X-Odoo-Database"})

    def test_without_the_header_the_only_database_answers(self):
        self.assertOk(self.api("GET", "/health"))

    def test_the_database_less_route_map_knows_the_api_converter(self):
        # Loaded server-wide, the API route joins Odoo's database-less map (werkzeug's converters only).
        routes = werkzeug.routing.Map(strict_slashes=False, converters=None)
        routes.add(werkzeug.routing.Rule("/api/v1/<rest_api_path:subpath>", endpoint="api"))
        self.assertEqual(routes.bind("localhost").match("/api/v1/x\ny"), ("api", {"subpath": "x\ny"}))
