"""``GET /{model}?format=csv|xlsx`` on Odoo: the JSON list's records as a file, as the user."""
import csv
import io
import zipfile

from odoo.tests import tagged

from .common import RestApiCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestTableExport(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tags = cls.env["res.partner.category"].create([{"name": "Export T1"}, {"name": "Export T2"}])
        cls.tags = tags
        parent = cls.env["res.partner"].create({"name": "Export Parent", "is_company": True})
        cls.env["res.partner"].create([
            {"name": "Export A", "parent_id": parent.id, "category_id": [(6, 0, tags.ids)], "phone": "+32 1"},
            {"name": "=HYPERLINK(\"http://evil\")", "parent_id": parent.id},
            {"name": "Export C", "category_id": [(6, 0, tags[:1].ids)]},
        ])
        cls.make_test_record(cls, secret="s3", name="Export secret")

    def rows(self, response):
        return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))

    def test_csv_equals_the_json_list(self):
        params = {"query": "{id, name, phone, parent_id{name}, category_id, category_id{name}}",
                  "filter": [["name", "ilike", "export"]], "order": "name desc", "page_size": 2, "page": 1}
        listed = self.assertOk(self.get("/res.partner", **params))
        response = self.get("/res.partner", format="csv", **{k: v for k, v in params.items()
                                                              if k != "query"},
                            query="{id, name, phone, parent_id{name}, category_id{name}}")
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(response.headers["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('filename="res.partner.csv"', response.headers["Content-Disposition"])
        self.assertEqual(response.headers["X-Total-Count"], str(listed["pagination"]["total_count"]))
        self.assertEqual(int(response.headers["X-Total-Count"]),
                         self.env["res.partner"].search_count([("name", "ilike", "export")]))
        table = self.rows(response)
        self.assertEqual(table[0], ["id", "name", "phone", "parent_id.id", "parent_id.name",
                                    "category_id.id", "category_id.name"])
        self.assertEqual([int(row[0]) for row in table[1:]], [r["id"] for r in listed["records"]])
        for row, record in zip(table[1:], listed["records"], strict=True):
            self.assertEqual(row[1], record["name"])
            self.assertEqual(row[5], ",".join(str(tag["id"]) for tag in record["category_id"]))
            self.assertEqual(row[6], ", ".join(tag["name"] for tag in record["category_id"]))

    def test_x2many_without_nesting_is_comma_separated_ids_and_formulas_are_guarded(self):
        response = self.get("/res.partner", format="csv", query="{name, phone, category_id}",
                            filter=[["name", "in", ["Export A", "=HYPERLINK(\"http://evil\")"]]], order="id")
        table = self.rows(response)
        self.assertEqual(table[1][1:], ["Export A", "'+32 1", ",".join(map(str, sorted(self.tags.ids)))])
        self.assertEqual(table[2][1], "'=HYPERLINK(\"http://evil\")")

    def test_accept_header_and_xlsx(self):
        response = self.api("GET", "/product.template", params={"query": "{name, list_price, categ_id{name}}",
                                                                "limit": "3"}, headers={"Accept": XLSX})
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(response.headers["Content-Type"], XLSX)
        self.assertIn('filename="product.template.xlsx"', response.headers["Content-Disposition"])
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
        self.assertIn("categ_id.name", strings)
        response = self.api("GET", "/res.partner", params={"query": "{id}", "limit": "1"},
                            headers={"Accept": "text/csv"})
        self.assertEqual(self.rows(response)[0], ["id"])

    def test_the_users_rights_apply_and_errors_stay_json(self):
        self.assertError(self.get("/x.api.test", key=self.key_alice, format="csv", query="{secret}"),
                         403, "AccessError")
        self.assertError(self.get("/x.api.test", key=self.key_alice, format="csv",
                                  filter=[["secret", "=", "s3"]]), 403, "AccessError")
        self.assertError(self.get("/res.partner", format="pdf"), 400, "ValidationError")
        self.assertError(self.get("/ir.config_parameter", key=self.key_alice, format="csv"), 403, "AccessError")
        response = self.get("/x.api.test", key=self.key_alice, format="csv", query="{name}")
        self.assertNotIn("s3", response.text)
