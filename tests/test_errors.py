"""Every error status of the contract, as a JSON envelope that leaks nothing."""
from odoo.tests import mute_logger, tagged

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestBadRequests(RestApiCase):

    def test_query_syntax_error_gives_the_column(self):
        error = self.assertError(self.get("/res.partner", query="{id, name"), 400, "QuerySyntaxError")
        self.assertIsInstance(error["details"], dict)
        self.assertEqual(error["details"]["column"], 10)
        for query in ("{name,", "{{}}", "{", "id,name}", "{-name{id}}", "{name, -name}", "{na me}"):
            with self.subTest(query=query):
                error = self.assertError(self.get("/res.partner", query=query), 400, "QuerySyntaxError")
                self.assertIn("column", error["details"])

    def test_top_level_without_braces_is_accepted(self):
        # Decided in the core: curl eats unescaped braces, so ``id,name`` means ``{id,name}``.
        bare = self.assertOk(self.get("/res.partner", query="id,name", limit=3))
        braced = self.assertOk(self.get("/res.partner", query="{id,name}", limit=3))
        self.assertEqual(bare, braced)
        self.assertEqual(set(bare["records"][0]), {"id", "name"})

    def test_unknown_field_names_field_and_model(self):
        for query in ("{id, nonexistent}", "{*, -nonexistent}", "{company_id{nonexistent}}"):
            with self.subTest(query=query):
                error = self.assertError(self.get("/res.partner", query=query), 400, "ValidationError")
                self.assertIn("nonexistent", error["message"])
                self.assertEqual(error["details"]["fields"], ["nonexistent"])

    def test_nesting_a_scalar_field(self):
        error = self.assertError(self.get("/res.partner", query="{name{id}}"), 400, "ValidationError")
        self.assertEqual(error["details"]["fields"], ["name"])

    def test_query_too_deep(self):
        query = "{parent_id" * 8 + "{id}" + "}" * 8
        error = self.assertError(self.get("/res.partner", query=query), 400, "ValidationError")
        self.assertEqual(error["details"]["limit"], "max_query_depth")
        self.assertEqual(error["details"]["column"], 61)
        self.assertOk(self.get("/res.partner", query="{parent_id" * 5 + "{id}" + "}" * 5, limit=1))

    def test_bad_filters(self):
        for text in ('[["name","=",]', '{"a":1}', '[["name"]]', '[["name","bogus","x"]]', '["&"]',
                     '[["name","=","x"],"|"]', '[["nope","=",1]]', '[["name","=","a\\u0000b"]]',
                     "[('name','=',__import__('os').getcwd())]", '[["name","=",NaN]]', "[" * 1000 + "]" * 1000):
            with self.subTest(filter=text[:40]):
                self.assertError(self.get("/res.partner", filter=text), 400, "ValidationError")

    def test_bad_orders(self):
        for order in ("nope", "name sideways", "name desc; drop table", "name, name", '["name", 1]',
                      "name desc nulls middle", "id desc,"):
            with self.subTest(order=order):
                self.assertError(self.get("/res.partner", order=order), 400, "ValidationError")

    def test_bad_limits_and_pages(self):
        for params in ({"limit": "0"}, {"limit": "-1"}, {"limit": "abc"}, {"limit": "1e9"}, {"limit": "1001"},
                       {"limit": str(10**30)}, {"page_size": "0"}, {"page_size": "x"}, {"page": "0", "page_size": "5"},
                       {"page": "-2", "page_size": "5"}, {"page": "2"}):
            with self.subTest(params=params):
                self.assertError(self.get("/res.partner", **params), 400, "ValidationError")

    def test_bad_json_body(self):
        for raw in (b'{"data": {"name": "x"', b"[]", b'"text"', b"", b'{"data": {"name": NaN}}',
                    b'{"data": {"counter": 123456789012345678901234567890}}', b"[" * 100000):
            with self.subTest(body=raw[:30]):
                response = self.api("POST", "/x.api.test", data=raw, headers={"Content-Type": "application/json"})
                self.assertError(response, 400, "ValidationError")

    def test_invalid_utf8_body(self):
        response = self.api("POST", "/x.api.test", data=b'{"data": {"name": "\xff\xfe"}}',
                            headers={"Content-Type": "application/json"})
        error = self.assertError(response, 400, "ValidationError")
        self.assertIn("UTF-8", error["message"])
        self.assertFalse(self.env["x.api.test"].search([]).filtered(lambda r: "\ufffd" in r.name))

    def test_wrong_value_types(self):
        for values in ({"name": 5}, {"counter": "7"}, {"counter": True}, {"counter": 2**40}, {"amount": "1.5"},
                       {"day": "2024-13-01"}, {"moment": "yesterday"}, {"state": "nope"}, {"partner_id": "x"},
                       {"partner_id": -1}, {"active": "yes"}, {"data": "not base64!"}, {"name": "a\u0000b"},
                       {"unknown_field": 1}, {"tag_ids": "1,2"}):
            with self.subTest(values=values):
                error = self.assertError(self.api("POST", "/x.api.test", json={"data": {"name": "ok", **values}}),
                                         400, "ValidationError")
                self.assertIn(next(iter(values)), str(error))
        self.assertFalse(self.env["x.api.test"].search([("name", "=", "ok")]))

    def test_bad_body_keys(self):
        for body in ({}, {"data": []}, {"data": {"name": "x"}, "extra": 1}, {"data": {"name": "x"}, "context": []}):
            with self.subTest(body=body):
                self.assertError(self.api("POST", "/x.api.test", json=body), 400, "ValidationError")

    def test_bad_context(self):
        for context in ({"uid": 1}, {"lang": "xx_XX"}, {"active_test": "no"}, {"tracking_disable": True}):
            with self.subTest(context=context):
                self.assertError(self.get("/res.partner", context=context), 400, "ValidationError")

    def test_binary_of_a_non_binary_field(self):
        record = self.make_test_record()
        self.assertError(self.api("GET", f"/x.api.test/{record.id}/name"), 400, "ValidationError")
        self.assertError(self.api("GET", f"/x.api.test/{record.id}/data", params={"encoding": "hex"}),
                         400, "ValidationError")


@tagged("post_install", "-at_install")
class TestOtherStatuses(RestApiCase):

    def test_not_found(self):
        record = self.make_test_record()
        cases = [
            ("GET", "/no.such.model"),
            ("GET", "/no.such.model/1"),
            ("GET", f"/x.api.test/{2**31 - 1}"),
            ("PUT", f"/x.api.test/{2**31 - 1}"),
            ("DELETE", f"/x.api.test/{2**31 - 1}"),
            ("GET", "/a/b/c/d/e"),
            ("GET", "/res.partner/abc"),
            ("GET", "/res.partner/0"),
            ("GET", f"/x.api.test/{record.id}/data"),  # empty binary
            ("GET", "/" + "a" * 10000),
            ("GET", "/res.partner%00"),
        ]
        for method, path in cases:
            with self.subTest(method=method, path=path[:40]):
                self.assertError(self.api(method, path, json={"data": {"name": "x"}}), 404, "NotFound")

    def test_abstract_model_is_not_found(self):
        self.assertError(self.api("GET", "/ir.qweb"), 404, "NotFound")

    def test_method_not_allowed_has_allow(self):
        cases = {("POST", "/res.partner/1"): "DELETE, GET, PATCH, PUT", ("DELETE", "/res.partner/search"): "POST",
                 ("POST", "/health"): "GET", ("GET", "/object/res.partner/search"): "POST",
                 ("PUT", "/res.partner/fields"): "GET"}
        for (method, path), allowed in cases.items():
            with self.subTest(method=method, path=path):
                response = self.api(method, path)
                self.assertError(response, 405, "MethodNotAllowed")
                self.assertEqual(response.headers["Allow"], allowed)

    @mute_logger("odoo.sql_db")
    def test_conflict_on_duplicate_code(self):
        self.make_test_record(code="DUP")
        before = self.env["x.api.test"].search_count([])
        error = self.assertError(self.api("POST", "/x.api.test", json={"data": {"name": "d", "code": "DUP"}}),
                                 409, "Conflict")
        self.assertEqual(error["details"], {"constraint": "x_api_test_code_unique"})
        self.assertEqual(self.env["x.api.test"].search_count([]), before)

    def test_payload_too_large(self):
        self.set_param("rest_api.max_body_bytes", "100")
        response = self.api("POST", "/x.api.test", json={"data": {"name": "x" * 200}})
        self.assertError(response, 413, "PayloadTooLarge")
        self.assertFalse(self.env["x.api.test"].search([("name", "=", "x" * 200)]))
        self.assertOk(self.api("POST", "/x.api.test", json={"data": {"name": "small"}}), 201)

    def test_unsupported_media_type(self):
        for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
            with self.subTest(content_type=content_type):
                headers = {"Content-Type": content_type} if content_type else {}
                response = self.api("POST", "/x.api.test", data=b'{"data": {"name": "x"}}', headers=headers)
                self.assertError(response, 415, "UnsupportedMediaType")
        self.assertOk(self.api("POST", "/x.api.test", data=b'{"data": {"name": "x"}}',
                               headers={"Content-Type": "application/json; charset=utf-8"}), 201)
