"""Paging reaches every matching record on a real Odoo (issue 20, item 1): 2,345 partners, pages of 1,000."""
import csv
import io

from odoo.tests import tagged

from .common import RestApiCase

TAG = "Paging sweep"
MATCHING = 2_345
FILTER = f'[["name", "=like", "{TAG} %"]]'


@tagged("post_install", "-at_install")
class TestPaging(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner"].create([{"name": f"{TAG} {n:05d}"} for n in range(MATCHING)])
        cls.env.flush_all()

    def page(self, **params):
        return self.assertOk(self.get("/res.partner", filter=FILTER, query="{id, name}", order="name", **params))

    def test_following_next_page_sees_every_record_once(self):
        seen, number, pages = [], 1, []
        while number is not None:
            data = self.page(page_size=1000, page=number)
            seen += [record["name"] for record in data["records"]]
            pages.append(data["pagination"])
            number = data["pagination"]["next_page"]
        self.assertEqual(seen, [f"{TAG} {n:05d}" for n in range(MATCHING)])
        self.assertEqual([p["count"] for p in pages], [1000, 1000, 345])
        self.assertEqual({(p["total_count"], p["total_pages"]) for p in pages}, {(MATCHING, 3)})

    def test_pages_of_a_hundred_and_a_client_limit(self):
        last = self.page(page_size=100, page=24)["pagination"]
        self.assertEqual((last["count"], last["total_pages"], last["next_page"]), (45, 24, None))
        capped = self.page(page_size=1000, page=2, limit=1500)["pagination"]
        self.assertEqual((capped["count"], capped["total_pages"], capped["next_page"]), (500, 2, None))
        single = self.page()["pagination"]
        self.assertEqual((single["count"], single["total_pages"], single["total_count"]), (1000, 1, MATCHING))

    def test_csv_export_of_page_three(self):
        response = self.get("/res.partner", filter=FILTER, query="{name}", order="name", page_size=1000, page=3,
                            format="csv")
        self.assertEqual(response.status_code, 200, response.text[:500])
        table = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
        self.assertEqual(table[0], ["id", "name"])
        self.assertEqual([row[1] for row in table[1:]], [f"{TAG} {n:05d}" for n in range(2000, MATCHING)])
        self.assertEqual(response.headers["X-Total-Count"], str(MATCHING))
