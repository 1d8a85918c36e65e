"""A list page (``read_page``) answers exactly what ``search`` + ``web_read`` answer, rules and rights included."""
from datetime import date, datetime

from odoo.tests import TransactionCase, new_test_user, tagged

from ..adapters.odoo.catalog import OdooCatalog
from ..adapters.odoo.store import OdooRecordStore
from ..adapters.web_spec import web_specification
from ..domain.errors import AccessError as ApiAccessError
from ..domain.resolution import ResolvedField, ResolvedSelection

PLAIN = ("id", "name", "state", "code", "counter", "amount", "day", "moment", "active", "partner_id")


@tagged("post_install", "-at_install")
class TestListPage(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.alice = new_test_user(cls.env, "flat_alice", groups="base.group_user", name="Flat Alice")
        cls.partner = cls.env["res.partner"].create({"name": "Flat partner"})
        cls.env["x.api.test"].create([
            {"name": "Flat full", "state": "done", "code": "FLAT1", "counter": 2**31 - 1, "amount": 2.5,
             "day": date(2024, 2, 29), "moment": datetime(2024, 1, 2, 3, 4, 5), "partner_id": cls.partner.id},
            {"name": "Flat empty"},
            {"name": "Flat archived", "active": False, "counter": -3},
        ])
        other = cls.env["res.company"].create({"name": "Flat other company"})
        cls.env["res.partner"].create([{"name": f"Flat rule {i}", "company_id": other.id if i % 2 else False}
                                       for i in range(6)])

    def page_and_reference(self, user, model, names, domain, **kwargs):
        env = self.env(user=user)
        selection = ResolvedSelection.of(OdooCatalog(env).model(model), tuple(names))
        page = OdooRecordStore(env).search_read(model, domain, selection, kwargs.get("order"),
                                                kwargs.get("offset", 0), kwargs.get("limit"))
        env.invalidate_all()
        records = env[model].search(domain, offset=kwargs.get("offset", 0), limit=kwargs.get("limit"),
                                    order=kwargs.get("order"))
        return page, records.web_read(web_specification(selection))

    def selection(self, user, model, names, nested=None):
        env = self.env(user=user)
        catalog = OdooCatalog(env)
        flat = ResolvedSelection.of(catalog.model(model), tuple(names))
        if not nested:
            return flat
        fields = list(flat.fields)
        for name, (comodel, sub) in nested.items():
            fields.append(ResolvedField(catalog.model(model).fields[name],
                                        ResolvedSelection.of(catalog.model(comodel), sub)))
        return ResolvedSelection(model, tuple(fields))

    def test_nested_relations_binary_and_computed_fields_as_web_read(self):
        env = self.env(user=self.admin)
        tags = env["res.partner.category"].create([{"name": "Flat tag a"}, {"name": "Flat tag b", "active": False}])
        tests = env["x.api.test"].search([("name", "=like", "Flat %")])
        tests[0].write({"tag_ids": [(6, 0, tags.ids)], "data": "aGVsbG8=", "data_filename": "x.txt",
                        "line_ids": [(0, 0, {"name": "l1"}), (0, 0, {"name": "l2"})]})
        selection = self.selection(self.admin, "x.api.test", ("id", "name", "name_upper", "data", "tag_ids",
                                                              "line_ids", "partner_id"))
        deep = self.selection(self.admin, "x.api.test", ("id", "name"), {
            "partner_id": ("res.partner", ("name", "email", "display_name")),
            "tag_ids": ("res.partner.category", ("name", "color")),
            "line_ids": ("x.api.test.line", ("name",))})
        for chosen in (selection, deep):
            for context in ({}, {"active_test": False}):
                with self.subTest(names=chosen.names, context=context):
                    store = OdooRecordStore(env).with_context(context)
                    page = store.search_read("x.api.test", [("name", "=like", "Flat %")], chosen, "id", 0, None)
                    env.invalidate_all()
                    records = env["x.api.test"].with_context(**context).search(
                        [("name", "=like", "Flat %")], order="id")
                    self.assertEqual(page, records.web_read(web_specification(chosen)))
        self.assertEqual(len(page[0]["tag_ids"]), 2)  # the archived tag too, with active_test off

    def test_every_plain_type_and_empty_value_as_web_read(self):
        for domain, count in (([("name", "=like", "Flat %")], 2),
                              ([("name", "=like", "Flat %"), ("active", "in", [True, False])], 3)):
            with self.subTest(domain=domain):
                page, reference = self.page_and_reference(self.admin, "x.api.test", PLAIN, domain, order="id")
                self.assertEqual(page, reference)
                self.assertEqual(len(page), count)
        page, _ = self.page_and_reference(self.admin, "x.api.test", PLAIN, [("code", "=", "FLAT1")])
        self.assertEqual(page[0]["day"], date(2024, 2, 29))
        self.assertEqual(page[0]["partner_id"], self.partner.id)

    def test_order_offset_limit_and_record_rules_as_web_read(self):
        names = ("id", "name", "email", "company_id", "color", "is_company")
        for user in (self.admin, self.alice):
            for kwargs in ({"order": "name desc", "limit": 4}, {"order": "id", "offset": 2, "limit": 3}):
                with self.subTest(user=user.login, **kwargs):
                    page, reference = self.page_and_reference(user, "res.partner", names,
                                                              [("name", "=like", "Flat rule %")], **kwargs)
                    self.assertEqual(page, reference)
        alice_sees = self.env["res.partner"].with_user(self.alice).search_count([("name", "=like", "Flat rule %")])
        self.assertEqual(alice_sees, 3)  # the other company's partners are hidden from her

    def test_translated_names_in_the_context_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        product = self.env["product.template"].create({"name": "Flat chair"})
        product.with_context(lang="fr_FR").name = "Chaise plate"
        for lang in ("en_US", "fr_FR"):
            with self.subTest(lang=lang):
                env = self.env(user=self.admin, context=dict(self.env.context, lang=lang))
                selection = ResolvedSelection.of(OdooCatalog(env).model("product.template"), ("id", "name"))
                page = OdooRecordStore(env).search_read("product.template", [("id", "=", product.id)],
                                                        selection, None, 0, None)
                self.assertEqual(page[0]["name"], "Flat chair" if lang == "en_US" else "Chaise plate")

    def test_a_field_the_user_may_not_read_is_refused(self):
        env = self.env(user=self.alice)
        secret = env["x.api.test"]._fields["secret"]
        self.assertFalse(secret.is_accessible(env))
        admin_env = self.env(user=self.admin)
        selection = ResolvedSelection.of(OdooCatalog(admin_env).model("x.api.test"), ("id", "secret"))
        with self.assertRaises(ApiAccessError):
            OdooRecordStore(env).search_read("x.api.test", [], selection, None, 0, 5)
