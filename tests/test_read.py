"""Reading: lists with query/filter/order/pagination, one record, /search, /fields, binary, health, info."""
import base64
import math

from odoo.tests import tagged

from .common import RestApiCase

SENSITIVE = {"password", "new_password", "api_key_ids", "totp_secret", "totp_trusted_device_ids",
             "signup_token", "oauth_access_token", "smtp_pass"}


def m2o_id(value):
    """A many2one as ``read()`` gives it, as the API gives it: the id or None."""
    return value[0] if value else None


@tagged("post_install", "-at_install")
class TestRead(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_env = cls.env(user=cls.admin)

    def test_list_users_default_selection_is_star_without_secrets(self):
        data = self.assertOk(self.api("GET", "/res.users"), message="Records retrieved successfully")
        users = self.admin_env["res.users"].search([])
        self.assertEqual([r["id"] for r in data["records"]], users.ids)
        model = self.admin_env["res.users"]
        expected_keys = {name for name, f in model._fields.items()
                         if f.is_accessible(self.admin_env) and f.type != "binary" and name not in SENSITIVE}
        self.assertEqual(set(data["records"][0]), expected_keys)
        self.assertTrue(set(data["records"][0]).isdisjoint(SENSITIVE | {"image_1920", "totp_secret"}))
        self.assertEqual(next(iter(data["records"][0])), "id")
        self.assertEqual(data["pagination"], {
            "count": len(users), "total_count": len(users), "current_page": 1, "total_pages": 1,
            "page_size": None, "prev_page": None, "next_page": None})

    def test_list_users_id_name(self):
        data = self.assertOk(self.get("/res.users", query="{id, name}"))
        expected = [{"id": u["id"], "name": u["name"]}
                    for u in self.admin_env["res.users"].search_read([], ["name"])]
        self.assertEqual(data["records"], expected)
        self.assertEqual([list(r) for r in data["records"][:1]], [["id", "name"]])

    def test_list_users_nested_company(self):
        data = self.assertOk(self.get("/res.users", query="{id, name, company_id{name}}"))
        expected = [{"id": u.id, "name": u.name, "company_id": {"id": u.company_id.id, "name": u.company_id.name}}
                    for u in self.admin_env["res.users"].search([])]
        self.assertEqual(data["records"], expected)

    def test_list_products_filter_over_100(self):
        response = self.get("/product.template", filter=[["list_price", ">", 100]],
                            query="{id, name, list_price}")
        data = self.assertOk(response)
        expected = self.admin_env["product.template"].search_read([("list_price", ">", 100)],
                                                                 ["name", "list_price"])
        self.assertTrue(expected, "demo data should have products over 100")
        self.assertEqual(data["records"], [{"id": p["id"], "name": p["name"], "list_price": p["list_price"]}
                                           for p in expected])
        self.assertTrue(all(r["list_price"] > 100 for r in data["records"]))
        self.assertEqual(data["pagination"]["total_count"], len(expected))

    def test_list_products_page_two(self):
        data = self.assertOk(self.get("/product.template", page_size=10, page=2, query="{id}"))
        products = self.admin_env["product.template"].search([])
        total = len(products)
        self.assertGreater(total, 10)
        self.assertEqual([r["id"] for r in data["records"]], products[10:20].ids)
        pages = math.ceil(total / 10)
        self.assertEqual(data["pagination"], {
            "count": len(products[10:20]), "total_count": total, "current_page": 2, "total_pages": pages,
            "page_size": 10, "prev_page": 1, "next_page": 3 if pages > 2 else None})

    def test_page_past_the_end_is_empty_not_an_error(self):
        total = self.admin_env["product.template"].search_count([])
        data = self.assertOk(self.get("/product.template", page_size=10, page=1000))
        self.assertEqual(data["records"], [])
        self.assertEqual(data["pagination"]["count"], 0)
        self.assertEqual(data["pagination"]["total_count"], total)
        self.assertEqual(data["pagination"]["current_page"], 1000)

    def test_limit_and_order(self):
        data = self.assertOk(self.get("/res.partner", query="{id}", order="name desc, id", limit=5))
        expected = self.admin_env["res.partner"].search([], order="name desc, id", limit=5).ids
        self.assertEqual([r["id"] for r in data["records"]], expected)
        data = self.assertOk(self.get("/res.partner", query="{id}", order=["name desc", "id"], limit=5))
        self.assertEqual([r["id"] for r in data["records"]], expected)

    def test_filter_with_prefix_operators_and_dotted_path(self):
        domain = ["|", ["name", "ilike", "a"], "!", ["company_id.name", "=", "Nope"]]
        data = self.assertOk(self.get("/res.partner", query="{id}", filter=domain))
        expected = self.admin_env["res.partner"].search(
            ["|", ("name", "ilike", "a"), "!", ("company_id.name", "=", "Nope")]).ids
        self.assertEqual([r["id"] for r in data["records"]], expected)

    def test_read_one_product(self):
        product = self.admin_env["product.template"].search([], limit=1)
        data = self.assertOk(self.get(f"/product.template/{product.id}", query="{id, name, list_price, categ_id}"),
                             message="Record retrieved successfully")
        self.assertEqual(data, {"id": product.id, "name": product.name, "list_price": product.list_price,
                                "categ_id": product.categ_id.id})
        # Default selection: every readable field; trailing slash answers the same.
        full = self.assertOk(self.api("GET", f"/product.template/{product.id}/"))
        self.assertEqual(full["id"], product.id)
        self.assertEqual(full["name"], product.name)
        self.assertNotIn("image_1920", full)

    def test_values_in_json(self):
        partner = self.admin_env["res.partner"].create({"name": "Val"})
        tag = self.admin_env["res.partner.category"].create({"name": "T"})
        record = self.make_test_record(name="vals", day="2024-02-29", moment="2024-03-01 10:11:12",
                                       amount=2.5, partner_id=partner.id, tag_ids=[(6, 0, tag.ids)])
        data = self.assertOk(self.get(f"/x.api.test/{record.id}",
                                      query="{id,name,day,moment,amount,partner_id,tag_ids,code,active,state,name_upper}"))
        self.assertEqual(data, {"id": record.id, "name": "vals", "day": "2024-02-29",
                                "moment": "2024-03-01T10:11:12Z", "amount": 2.5, "partner_id": partner.id,
                                "tag_ids": tag.ids, "code": None, "active": True, "state": "draft",
                                "name_upper": "VALS"})
        nested = self.assertOk(self.get(f"/x.api.test/{record.id}", query="{partner_id{name}, tag_ids{name}}"))
        self.assertEqual(nested, {"id": record.id, "partner_id": {"id": partner.id, "name": "Val"},
                                  "tag_ids": [{"id": tag.id, "name": "T"}]})

    def test_search_endpoint(self):
        body = {"domain": [["list_price", ">", 100]], "fields": ["name", "list_price"],
                "limit": 3, "offset": 1, "order": "list_price desc, id"}
        data = self.assertOk(self.api("POST", "/product.template/search", json=body))
        orm = self.admin_env["product.template"]
        expected = orm.search_read([("list_price", ">", 100)], ["name", "list_price"], offset=1, limit=3,
                                   order="list_price desc, id")
        self.assertEqual(data, {
            "records": [{"id": p["id"], "name": p["name"], "list_price": p["list_price"]} for p in expected],
            "count": len(expected), "total_count": orm.search_count([("list_price", ">", 100)]),
            "offset": 1, "limit": 3})
        with_query = self.assertOk(self.api("POST", "/product.template/search",
                                            json={"query": "{id}", "limit": 2}))
        self.assertEqual(with_query["records"], [{"id": i} for i in orm.search([], limit=2).ids])
        self.assertEqual(with_query["limit"], 2)

    def test_fields_metadata(self):
        data = self.assertOk(self.api("GET", "/x.api.test/fields"), message="Fields retrieved successfully")
        fields_ = data["fields"]
        self.assertEqual(fields_["state"]["selection"], [["draft", "Draft"], ["done", "Done"]])
        self.assertEqual(fields_["state"]["type"], "selection")
        self.assertEqual(fields_["partner_id"]["relation"], "res.partner")
        self.assertIs(fields_["name"]["required"], True)
        self.assertIs(fields_["name_upper"]["readonly"], True)
        self.assertNotIn("nope", fields_)
        narrowed = self.assertOk(self.get("/x.api.test/fields", attributes="type,string"))
        self.assertEqual(narrowed["fields"]["name"], {"type": "char", "string": "Name"})
        alice = self.assertOk(self.get("/x.api.test/fields", key=self.key_alice))
        self.assertNotIn("secret", alice["fields"])
        self.assertNotIn("nope", alice["fields"])
        users = self.assertOk(self.api("GET", "/res.users/fields"))
        self.assertTrue(set(users["fields"]).isdisjoint(SENSITIVE))

    def test_binary_download_raw_and_base64(self):
        content = b"%PDF-1.4 hello binary"
        record = self.make_test_record(name="bin", data=base64.b64encode(content), data_filename="doc.pdf")
        response = self.api("GET", f"/x.api.test/{record.id}/data")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, content)
        self.assertEqual(response.headers["Content-Length"], str(len(content)))
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.headers["Content-Disposition"].startswith("attachment;"))
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response.headers["Content-Security-Policy"], "default-src 'none'")
        self.assertNotIn("Set-Cookie", response.headers)
        data = self.assertOk(self.get(f"/x.api.test/{record.id}/data", encoding="base64"))
        self.assertEqual(data["field"], "data")
        self.assertEqual(data["mimetype"], "application/pdf")
        self.assertEqual(base64.b64decode(data["content"]), content)
        self.assertTrue(data["filename"])

    def test_binary_not_in_star_but_named(self):
        record = self.make_test_record(name="bin2", data=base64.b64encode(b"abc"))
        star = self.assertOk(self.get(f"/x.api.test/{record.id}"))
        self.assertNotIn("data", star)
        named = self.assertOk(self.get(f"/x.api.test/{record.id}", query="{data}"))
        self.assertEqual(base64.b64decode(named["data"]), b"abc")

    def test_reads_write_nothing(self):
        record = self.make_test_record(name="still")
        self.env.cr.execute("UPDATE x_api_test SET write_date = '2001-01-01 00:00:00' WHERE id = %s", [record.id])
        self.assertOk(self.get(f"/x.api.test/{record.id}"))
        self.assertOk(self.get("/x.api.test", filter=[["id", "=", record.id]]))
        self.env.cr.execute("SELECT write_date FROM x_api_test WHERE id = %s", [record.id])
        self.assertEqual(str(self.env.cr.fetchone()[0]), "2001-01-01 00:00:00")

    def test_health_needs_no_key(self):
        data = self.assertOk(self.api("GET", "/health", key=None), message="API is healthy")
        self.assertEqual(data, {"status": "ok"})

    def test_info(self):
        data = self.assertOk(self.api("GET", "/info", key=self.key_alice))
        self.assertEqual(data["api_version"], "v1")
        self.assertEqual(data["module_version"], "18.0.1.0.0")
        self.assertTrue(data["odoo_version"])
        self.assertEqual(data["user"], {"id": self.alice.id, "name": "Alice Api"})
        self.assertIn({"method": "GET", "path": "/api/v1/health", "description": "Health check (no API key needed)"},
                      data["endpoints"])
        self.assertIn(("POST", "/api/v1/object/{model}/{id}/{function}"),
                      {(e["method"], e["path"]) for e in data["endpoints"]})

    def test_context_lang_and_active_test(self):
        archived = self.admin_env["res.partner"].create({"name": "Archived One", "active": False})
        data = self.assertOk(self.get("/res.partner", query="{id}", filter=[["id", "=", archived.id]]))
        self.assertEqual(data["records"], [])
        data = self.assertOk(self.get("/res.partner", query="{id}", filter=[["id", "=", archived.id]],
                                      context={"active_test": False, "lang": "en_US"}))
        self.assertEqual(data["records"], [{"id": archived.id}])
