"""Several databases (spec §13): ``X-Odoo-Database`` chooses one; no choice is a JSON 404."""
from unittest.mock import patch

import werkzeug.routing

from odoo import http
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tools import config

from ..controllers.database_list import served_databases
from .common import RestApiCase

EXISTING = "odoo.addons.rest_api.controllers.database_list._existing_databases"
ODOO_LIST = "odoo.service.db.list_dbs"  # what http.db_list asks, over a new connection to "postgres"
# Tests run with -d: without a filter, Odoo would serve that database alone and ask PostgreSQL nothing.
ANY_DATABASE = {"dbfilter": ".*"}


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
        with patch(EXISTING, return_value=[self.env.cr.dbname, "another_database"]), \
                patch.dict(config.options, ANY_DATABASE):
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


@tagged("post_install", "-at_install")
class TestServedDatabases(RestApiCase):
    """The API lists databases as ``http.db_list`` does, over a pooled connection."""

    def assertSameAsOdoo(self, host="localhost:8069"):
        listed = served_databases(host)
        self.assertEqual(listed, http.db_list(force=True, host=host))
        return listed

    def test_every_filter_gives_odoo_s_answer(self):
        this = self.env.cr.dbname
        self.assertIn(this, self.assertSameAsOdoo())
        for options in (ANY_DATABASE, {"dbfilter": f"^{this}$"}, {"dbfilter": "^no_such_prefix_"}, {"dbfilter": "^%d$"},
                        {"dbfilter": "", "db_name": f"{this},not_a_database"}):
            with self.subTest(**options), patch.dict(config.options, options):
                self.assertSameAsOdoo(host=f"{this}.example.com")
        with patch.dict(config.options, {"dbfilter": f"^{this}$"}):
            self.assertEqual(served_databases("localhost"), [this])

    def test_a_loaded_database_answers_without_a_connection_to_postgres(self):
        with patch(ODOO_LIST, side_effect=AssertionError("asked over a new connection")), \
                patch.dict(config.options, ANY_DATABASE):
            self.assertIn(self.env.cr.dbname, served_databases("localhost"))

    def test_without_a_loaded_database_odoo_lists_them(self):
        with patch.object(Registry, "registries", {}), patch.dict(config.options, ANY_DATABASE), \
                patch(ODOO_LIST, return_value=["x_db", "y_db"]) as odoo_list:
            self.assertEqual(served_databases("localhost"), ["x_db", "y_db"])
        odoo_list.assert_called_once_with(force=True)

    def test_a_database_dropped_since_it_was_loaded_is_passed_over(self):
        loaded = {"rest_api_dropped_database": None, self.env.cr.dbname: None}
        with patch.dict(config.options, ANY_DATABASE):
            expected = http.db_list(force=True, host="localhost")
            with patch.object(Registry, "registries", loaded), \
                    patch(ODOO_LIST, side_effect=AssertionError("asked over a new connection")):
                self.assertEqual(served_databases("localhost"), expected)
        self.assertIn(self.env.cr.dbname, expected)

    def test_a_registry_map_reordered_mid_copy_leaves_the_answer_to_odoo(self):
        class Reordering:
            def __iter__(self):
                raise RuntimeError("OrderedDict mutated during iteration")

        with patch.object(Registry, "registries", Reordering()), patch.dict(config.options, ANY_DATABASE), \
                patch(ODOO_LIST, return_value=[self.env.cr.dbname]) as odoo_list:
            self.assertEqual(served_databases("localhost"), [self.env.cr.dbname])
        odoo_list.assert_called_once_with(force=True)
