"""External ids on Odoo (issue 24): address, relate, read and upsert records by ``module.name``."""
import base64
import csv
import io

from odoo.tests import mute_logger, tagged

from .common import RestApiCase
from .test_files import multipart

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
T = "/x.api.test"


@tagged("post_install", "-at_install")
class TestExternalIds(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(user=cls.admin)
        cls.Tests = env["x.api.test"]
        cls.Data = cls.env["ir.model.data"].sudo()
        cls.main_partner = cls.env.ref("base.main_partner")
        cls.tags = env["res.partner.category"].create([{"name": f"Sync Tag {i}"} for i in range(3)])
        cls.Data.create([{"module": "sync", "name": f"tag_{i}", "model": "res.partner.category",
                          "res_id": tag.id, "noupdate": True} for i, tag in enumerate(cls.tags)])

    def names(self, module="shop"):
        return {row.name: (row.model, row.res_id, row.noupdate) for row in self.Data.search([("module", "=", module)])}

    # --- 1. address by external id ----------------------------------------------------------

    def test_read_by_external_id(self):
        data = self.assertOk(self.api("GET", "/res.partner/base.main_partner", params={"query": "{id, external_id}"}))
        self.assertEqual(data, {"id": self.main_partner.id, "external_id": "base.main_partner"})

    def test_an_unknown_name_or_a_name_of_another_model_is_404(self):
        for name in ("base.no_such_record", "base.main_company", "sync.tag_0"):
            error = self.assertError(self.api("GET", f"/res.partner/{name}"), 404, "NotFound")
            self.assertEqual(error["details"]["external_id"], name)

    def test_a_hidden_record_s_name_answers_like_an_unknown_one(self):
        hidden = self.env["res.company"].create({"name": "Not Alice's"})
        partner = self.env["res.partner"].create({"name": "Hidden", "company_id": hidden.id})
        self.Data.create({"module": "shop", "name": "hidden", "model": "res.partner", "res_id": partner.id})
        self.assertError(self.api("GET", "/res.partner/shop.hidden", key=self.key_alice), 404, "NotFound")

    def test_every_record_path_takes_an_external_id(self):
        record = self.Tests.create({"name": "Addressed"})
        self.Data.create({"module": "shop", "name": "addressed", "model": "x.api.test", "res_id": record.id})
        self.assertOk(self.api("PATCH", f"{T}/shop.addressed", json={"data": {"code": "P"}}))
        self.assertOk(self.api("PUT", f"{T}/shop.addressed/data", data=PNG, headers={"Content-Type": "image/png"}))
        self.assertEqual(self.api("GET", f"{T}/shop.addressed/data").content, PNG)
        self.assertOk(self.api("DELETE", f"{T}/shop.addressed/data"))
        body, headers = multipart(("a.txt", b"hello", "text/plain"))
        attached = self.assertOk(self.api("POST", f"{T}/shop.addressed/attachments", data=body, headers=headers), 201)
        self.assertEqual(self.env["ir.attachment"].browse(attached["records"][0]["id"]).res_id, record.id)
        self.assertOk(self.api("POST", "/object/x.api.test/shop.addressed/increment", json={"args": [2]}))
        self.assertEqual(record.counter, 2)
        module = self.env.ref("base.module_base")
        response = self.api("GET", "/report/base.report_irmodulereference/base.module_base", params={"format": "html"})
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertIn(module.shortdesc.encode(), response.content)
        self.assertOk(self.api("DELETE", f"{T}/shop.addressed"))
        self.assertFalse(record.exists())
        self.assertNotIn("addressed", self.names())  # Odoo deletes the names of deleted records

    # --- 2. PUT upserts, PATCH does not -----------------------------------------------------

    def test_put_on_an_unknown_name_creates_with_it_then_updates(self):
        response = self.api("PUT", f"{T}/shop.t42", json={"data": {"name": "Forty-two"}})
        data = self.assertOk(response, 201)
        record = self.Tests.browse(data["id"])
        self.assertEqual(response.headers["Location"], f"/api/v1/x.api.test/{record.id}")
        self.assertEqual(self.names()["t42"], ("x.api.test", record.id, True))  # noupdate
        self.assertEqual(record.create_uid, self.admin)
        data = self.assertOk(self.api("PUT", f"{T}/shop.t42", json={"data": {"name": "Forty-two bis"}}), 200)
        self.assertEqual((data["id"], record.name), (record.id, "Forty-two bis"))
        self.assertEqual(self.Tests.search_count([("name", "like", "Forty-two")]), 1)

    def test_patch_on_an_unknown_name_is_404_and_creates_nothing(self):
        before = self.Tests.search_count([])
        self.assertError(self.api("PATCH", f"{T}/shop.none", json={"data": {"name": "No"}}), 404, "NotFound")
        self.assertEqual(self.Tests.search_count([]), before)

    # --- 3. relate by external id -----------------------------------------------------------

    def test_many2one_and_x2many_values_take_external_ids(self):
        data = self.assertOk(self.api("POST", T, params={"query": "{partner_id, tag_ids}"}, json={"data": {
            "name": "Related", "partner_id": {"external_id": "base.main_partner"},
            "tag_ids": [[6, 0, [{"external_id": "sync.tag_0"}, {"external_id": "sync.tag_1"}]]]}}), 201)
        self.assertEqual(data["partner_id"], self.main_partner.id)
        self.assertEqual(sorted(data["tag_ids"]), sorted(self.tags[:2].ids))
        data = self.assertOk(self.api("PUT", f"{T}/{data['id']}", params={"query": "{tag_ids}"}, json={"data": {
            "tag_ids": {"unlink": [{"external_id": "sync.tag_0"}], "link": [{"external_id": "sync.tag_2"}]}}}))
        self.assertEqual(sorted(data["tag_ids"]), sorted(self.tags[1:].ids))

    def test_an_unknown_related_name_is_400_naming_it_and_writes_nothing(self):
        before = self.Tests.search_count([])
        error = self.assertError(self.api("POST", T, json={"data": {
            "name": "Orphan", "partner_id": {"external_id": "sync.tag_0"}}}), 400, "ValidationError")
        self.assertEqual((error["details"]["field"], error["details"]["external_id"]), ("partner_id", "sync.tag_0"))
        self.assertEqual(self.Tests.search_count([]), before)

    # --- 4. read it -------------------------------------------------------------------------

    def test_external_id_is_read_at_every_level_exported_and_documented(self):
        record = self.Tests.create({"name": "Read", "partner_id": self.main_partner.id,
                                    "tag_ids": [(6, 0, self.tags[:1].ids)]})
        data = self.assertOk(self.api("GET", f"{T}/{record.id}", params={
            "query": "{external_id, partner_id{external_id}, tag_ids{external_id}}"}))
        self.assertEqual(data, {"id": record.id, "external_id": None,
                                "partner_id": {"id": self.main_partner.id, "external_id": "base.main_partner"},
                                "tag_ids": [{"id": self.tags[0].id, "external_id": "sync.tag_0"}]})
        response = self.api("GET", "/res.partner.category", params={
            "query": "{id, external_id}", "filter": f'[["id", "in", {self.tags.ids}]]', "order": "id", "format": "csv"})
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        expected = [[str(tag.id), f"sync.tag_{i}"] for i, tag in enumerate(self.tags)]
        self.assertEqual(rows, [["id", "external_id"], *expected])
        document = self.api("GET", "/openapi.json", params={"models": "x.api.test"}).json()
        self.assertIn("external_id", document["components"]["schemas"]["x.api.test.Record"]["properties"])
        self.assertIn("/x.api.test/upsert", document["paths"])

    # --- 5. batch upsert --------------------------------------------------------------------

    def upsert(self, rows, key=None, **body):
        return self.api("POST", "/x.api.test/upsert", key=key or self.key_admin, json={"data": rows, **body})

    def test_the_same_upsert_twice_creates_nothing_the_second_time(self):
        rows = [{"external_id": f"shop.row_{i}", "name": f"Row {i}", "tag_ids": [{"external_id": "sync.tag_0"}]}
                for i in range(50)]
        first = self.assertOk(self.upsert(rows))
        self.assertEqual((first["created"], first["updated"]), (50, 0))
        before = self.Tests.search_count([])
        rows[0]["name"] = "Row zero"
        second = self.assertOk(self.upsert(rows))
        self.assertEqual((second["created"], second["updated"]), (0, 50))
        self.assertEqual([r["id"] for r in first["records"]], [r["id"] for r in second["records"]])
        self.assertEqual(self.Tests.search_count([]), before)
        self.assertEqual(self.Tests.browse(first["records"][0]["id"]).name, "Row zero")
        self.assertEqual(len([n for n in self.names() if n.startswith("row_")]), 50)

    @mute_logger("odoo.sql_db")
    def test_a_failing_row_leaves_nothing(self):
        existing = self.Tests.create({"name": "Before"})
        self.Data.create({"module": "shop", "name": "existing", "model": "x.api.test", "res_id": existing.id})
        before, names = self.Tests.search_count([]), self.names()
        error = self.assertError(self.upsert([
            {"external_id": "shop.existing", "name": "After"}, {"external_id": "shop.new", "name": "New"},
            {"external_id": "shop.broken", "name": "Broken", "state": "nonsense"}]), 400, "ValidationError")
        self.assertEqual(error["details"]["index"], 2)
        self.env.invalidate_all()
        self.assertEqual((self.Tests.search_count([]), self.names(), existing.name), (before, names, "Before"))

    @mute_logger("odoo.sql_db")
    def test_a_row_failing_in_odoo_rolls_the_whole_upsert_back(self):
        before, names = self.Tests.search_count([]), self.names()
        response = self.api("POST", "/x.api.test/upsert", json={"data": [
            {"external_id": "shop.fine", "name": "Fine"},
            {"external_id": "shop.lines", "name": "Lines", "line_ids": {"create": [{}]}}]})  # a line needs a name
        self.assertIn(response.status_code, (400, 409), response.text[:300])
        self.env.invalidate_all()
        self.assertEqual((self.Tests.search_count([]), self.names()), (before, names))

    def test_upsert_by_a_field_matches_archived_records_and_refuses_ambiguity(self):
        archived = self.Tests.create({"name": "Archived", "code": "SKU-1", "active": False})
        data = self.assertOk(self.upsert([{"code": "SKU-1", "amount": 5.0, "external_id": "shop.sku_1"},
                                          {"code": "SKU-2", "name": "Second"}], match="code"))
        self.assertEqual([(r["id"], r["created"]) for r in data["records"][:1]], [(archived.id, False)])
        self.assertEqual((archived.amount, self.names()["sku_1"][1]), (5.0, archived.id))
        self.Tests.create([{"name": "Twin"}, {"name": "Twin"}])
        error = self.assertError(self.upsert([{"name": "Twin", "amount": 1.0}], match="name"), 409, "Conflict")
        self.assertEqual(len(error["details"]["records"]["Twin"]), 2)
        for match in ("name_upper", "secret", "tag_ids", "nope_field"):
            self.assertError(self.upsert([{match: "x", "name": "x"}], match=match), 400, "ValidationError")

    def test_repeated_keys_and_module_namespaces_are_refused(self):
        before = self.Tests.search_count([])
        self.assertError(self.upsert([{"external_id": "shop.same", "name": "A"},
                                      {"external_id": "shop.same", "name": "B"}]), 400, "ValidationError")
        for namespace in ("base", "rest_api", "sale"):  # a module, installed or not
            error = self.assertError(self.upsert([{"external_id": f"{namespace}.planted", "name": "P"}]),
                                     400, "ValidationError")
            self.assertEqual(error["details"]["rule"], "namespace")
        self.assertError(self.api("PUT", f"{T}/base.planted", json={"data": {"name": "P"}}), 400, "ValidationError")
        self.assertError(self.api("POST", T, json={"data": {"name": "P", "external_id": "web.planted"}}),
                         400, "ValidationError")
        self.assertEqual(self.Tests.search_count([]), before)
        self.assertFalse(self.Data.search([("name", "=", "planted")]))

    def test_a_user_without_rights_on_the_model_is_refused_with_nothing_written(self):
        before = self.env["res.company"].search_count([])
        response = self.api("POST", "/res.company/upsert", key=self.key_alice,
                            json={"data": [{"external_id": "shop.company", "name": "Alice Co"}]})
        self.assertError(response, 403, "AccessError")
        self.assertError(self.api("PUT", "/res.company/shop.company", key=self.key_alice,
                                  json={"data": {"name": "Alice Co"}}), 403, "AccessError")
        self.assertEqual(self.env["res.company"].search_count([]), before)
        self.assertNotIn("company", self.names())

    def test_a_user_writes_names_only_for_their_own_records(self):
        data = self.assertOk(self.api("POST", "/x.api.test/upsert", key=self.key_alice, json={"data": [
            {"external_id": "shop.alice_row", "name": "Alice's row",
             "partner_id": {"external_id": "base.main_partner"}}]}))
        record = self.Tests.browse(data["records"][0]["id"])
        self.assertEqual((record.create_uid, record.partner_id), (self.alice, self.main_partner))
        self.assertEqual(self.names()["alice_row"][:2], ("x.api.test", record.id))
        # alice cannot rename Odoo's names nor write ir.model.data herself
        self.assertError(self.api("PUT", "/ir.model.data/1", key=self.key_alice, json={"data": {"name": "x"}}),
                         403, "AccessError")
