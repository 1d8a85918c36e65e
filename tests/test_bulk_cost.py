"""Bulk writes cost a number of SQL queries that does not grow with the records, and say which id is wrong."""
from odoo.tests import mute_logger, tagged

from .common import RestApiCase


@tagged("post_install", "-at_install")
class TestBulkCost(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(user=cls.admin)
        cls.Tests = env["x.api.test"]
        cls.tags = env["res.partner.category"].create([{"name": f"Cost tag {i}"} for i in range(3)])
        cls.partners = env["res.partner"].create([{"name": f"Cost partner {i}"} for i in range(3)])

    def counting(self, method, path, **kwargs):
        """The answer's data and the number of SQL queries the server ran for it."""
        self.env.flush_all()
        before = self.cr.sql_log_count
        response = self.api(method, path, **kwargs)
        count = self.cr.sql_log_count - before
        return self.assertOk(response, 201 if method == "POST" else 200), count

    def rows(self, n, prefix):
        return [{"name": f"{prefix} {i}", "partner_id": self.partners[i % 3].id,
                 "tag_ids": [self.tags[i % 3].id]} for i in range(n)]

    def costs(self, operation, sizes=(5, 60)):
        operation(sizes[0], "warm")  # registry caches (ACLs, rules, field metadata)
        return [operation(n, f"n{n}")[1] for n in sizes]

    def test_batch_create_checks_related_ids_once_per_model(self):
        def create(n, prefix):
            return self.counting("POST", "/x.api.test/batch", params={"query": "{id}"},
                                 json={"data": self.rows(n, prefix)})
        few, many = self.costs(create)
        self.assertEqual(few, many)
        self.assertEqual(self.Tests.search_count([("name", "=like", "n60 %")]), 60)

    def test_update_by_ids_and_by_filter_cost_the_same_for_more_records(self):
        records = self.Tests.create([{"name": f"upd {i}"} for i in range(60)])
        new_tag = iter(self.tags)  # a tag no record has yet, so every call inserts links

        def by_ids(n, label):
            return self.counting("PUT", "/x.api.test", params={"id": str(records[:n].ids)},
                                 json={"data": {"counter": n, "partner_id": self.partners[0].id}})

        def by_filter(n, label):
            return self.counting("PUT", "/x.api.test", json={
                "filter": [["id", "in", records[:n].ids]],
                "data": {"counter": n, "tag_ids": {"link": [next(new_tag).id]}}})

        for operation in (by_ids, by_filter):
            with self.subTest(operation=operation.__name__):
                few, many = self.costs(operation)
                self.assertEqual(few, many)
        self.env.invalidate_all()
        self.assertEqual(set(records.mapped("counter")), {60})

    def test_update_by_filter_searches_once(self):
        records = self.Tests.create(self.rows(4, "once"))
        search_ids = type(self.Tests).search
        searched = []

        def counting_search(model, domain, *args, **kwargs):
            if model._name == "x.api.test":
                searched.append(domain)
            return search_ids(model, domain, *args, **kwargs)

        self.patch(type(self.Tests), "search", counting_search)
        data = self.assertOk(self.api("PUT", "/x.api.test", json={"filter": [["name", "=like", "once %"]],
                                                                 "data": {"counter": 1}}))
        self.assertEqual(data, {"ids": records.ids, "count": 4})
        self.assertEqual(len(searched), 1)

    def test_update_by_filter_matching_nothing_writes_nothing(self):
        data = self.assertOk(self.api("PUT", "/x.api.test", json={"filter": [["name", "=", "no such name"]],
                                                                 "data": {"partner_id": 2**31 - 1}}))
        self.assertEqual(data, {"ids": [], "count": 0})

    @mute_logger("odoo.http")
    def test_batch_names_the_missing_many2one_and_creates_nothing(self):
        rows = self.rows(4, "m2o")
        rows[2]["partner_id"] = 2**31 - 1
        error = self.assertError(self.api("POST", "/x.api.test/batch", json={"data": rows}), 400, "ValidationError")
        self.assertEqual(error["details"], {"field": "partner_id", "model": "res.partner", "id": 2**31 - 1})
        self.assertIn(str(2**31 - 1), error["message"])
        self.assertEqual(self.Tests.search_count([("name", "=like", "m2o %")]), 0)

    @mute_logger("odoo.http")
    def test_batch_names_every_missing_related_id_and_creates_nothing(self):
        rows = self.rows(4, "x2m")
        rows[1]["tag_ids"] = [2**31 - 1]
        rows[3]["tag_ids"] = [self.tags[0].id, 2**31 - 2]
        error = self.assertError(self.api("POST", "/x.api.test/batch", json={"data": rows}), 404, "NotFound")
        self.assertEqual(error["details"], {"model": "res.partner.category", "ids": [2**31 - 1, 2**31 - 2]})
        self.assertEqual(self.Tests.search_count([("name", "=like", "x2m %")]), 0)

    @mute_logger("odoo.http")
    def test_update_by_filter_to_a_missing_many2one_writes_nothing(self):
        records = self.Tests.create(self.rows(2, "keep"))
        error = self.assertError(self.api("PUT", "/x.api.test", json={"filter": [["id", "in", records.ids]],
                                                                     "data": {"partner_id": 2**31 - 1}}),
                                 400, "ValidationError")
        self.assertEqual(error["details"]["id"], 2**31 - 1)
        self.env.invalidate_all()
        self.assertEqual(records.mapped("partner_id"), self.partners[:2])

    def test_list_total_is_counted_only_when_the_page_cannot_tell(self):
        self.Tests.create(self.rows(6, "page"))
        domain = '[["name", "=like", "page %"]]'

        def listing(**params):
            self.counting("GET", "/x.api.test", params={"filter": domain, **params})  # warm
            return self.counting("GET", "/x.api.test", params={"filter": domain, **params})

        cases = {"full first page": ({"limit": "6"}, 6), "short first page": ({"limit": "10"}, 6),
                 "cut by the limit": ({"limit": "4"}, 4), "second page": ({"page_size": "4", "page": "2"}, 2),
                 "past the end": ({"page_size": "4", "page": "3"}, 0)}
        costs = {}
        for name, (params, count) in cases.items():
            with self.subTest(name):
                data, costs[name] = listing(**params)
                self.assertEqual((data["pagination"]["count"], data["pagination"]["total_count"]), (count, 6))
        # A page that shows the end of the records (short, with rows) needs no count query.
        self.assertEqual(costs["short first page"], costs["full first page"] - 1)
        self.assertEqual(costs["cut by the limit"], costs["full first page"])

    def test_list_total_obeys_record_rules_and_active_test(self):
        Partner = self.env["res.partner"]  # the superuser's, to set the scene
        other = self.env["res.company"].create({"name": "Cost other company"})
        hidden = Partner.create([{"name": f"Cost hidden {i}", "company_id": other.id} for i in range(3)])
        Partner.create([{"name": f"Cost hidden {i}", "company_id": self.company.id} for i in range(2)])
        hidden[0].active = False
        domain = [["name", "=like", "Cost hidden %"]]
        for user, key in ((self.admin, self.key_admin), (self.alice, self.key_alice)):
            with self.subTest(user=user.login):
                expected = Partner.with_user(user).search_count([("name", "=like", "Cost hidden %")])
                for limit in (1, 100):
                    data = self.assertOk(self.get("/res.partner", key=key, filter=domain, limit=limit))
                    self.assertEqual(data["pagination"]["total_count"], expected)
                    self.assertEqual(data["pagination"]["count"], min(limit, expected))
        self.assertNotEqual(Partner.with_user(self.alice).search_count([("name", "=like", "Cost hidden %")]),
                            Partner.search_count([("name", "=like", "Cost hidden %")]))
