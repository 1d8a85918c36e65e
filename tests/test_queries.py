"""Cost: a nested list read takes the same number of SQL queries for 10 records as for 200."""
from odoo.tests import tagged

from .common import RestApiCase

QUERY = "{id, name, company_id{name}, category_id{name}, parent_id{name, email}}"


@tagged("post_install", "-at_install")
class TestQueryCount(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(user=cls.admin)
        tags = env["res.partner.category"].create([{"name": f"QC tag {i}"} for i in range(7)])
        parents = env["res.partner"].create([{"name": f"QC parent {i}", "email": f"p{i}@example.com",
                                              "is_company": True} for i in range(13)])
        cls.partners = env["res.partner"].create([{
            "name": f"QC child {i:03d}",
            "company_id": cls.company.id,
            "parent_id": parents[i % len(parents)].id,
            "category_id": [(6, 0, tags[i % 7: i % 7 + 2].ids)],
        } for i in range(200)])
        cls.domain = [["name", "=like", "QC child %"]]

    def read_counting(self, limit):
        """The records and the number of SQL queries the server ran for one list request."""
        self.env.flush_all()
        before = self.cr.sql_log_count
        response = self.get("/res.partner", query=QUERY, filter=self.domain, limit=limit, order="id")
        count = self.cr.sql_log_count - before
        return self.assertOk(response)["records"], count

    def test_nested_read_cost_does_not_grow_with_records(self):
        self.read_counting(10)  # warm the registry caches (ACLs, rules, field metadata)
        records_10, queries_10 = self.read_counting(10)
        records_200, queries_200 = self.read_counting(200)
        _, queries_10_again = self.read_counting(10)
        self.assertEqual(len(records_10), 10)
        self.assertEqual(len(records_200), 200)
        self.assertGreater(queries_10, 0, "the counter must see the server's queries")
        self.assertEqual(queries_10, queries_200)
        self.assertEqual(queries_10, queries_10_again)
        first = self.partners[0]
        self.assertEqual(records_200[0], {
            "id": first.id, "name": first.name,
            "company_id": {"id": self.company.id, "name": self.company.name},
            "category_id": [{"id": t.id, "name": t.name} for t in first.category_id],
            "parent_id": {"id": first.parent_id.id, "name": first.parent_id.name, "email": first.parent_id.email},
        })
        self.assertEqual([r["id"] for r in records_200], self.partners.ids)
