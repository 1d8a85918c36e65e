"""Parity: the REST answers equal Odoo's own XML-RPC ``search_read``, mapped the documented way."""
from odoo.tests import tagged

from .common import RestApiCase


def rest_form(field_type, value):
    """An XML-RPC ``search_read`` value in the REST API's JSON form (spec §4)."""
    if field_type == "boolean":
        return value
    if field_type in ("one2many", "many2many"):
        return value or []
    if value is False:
        return None
    if field_type == "many2one":
        return value[0]
    if field_type == "datetime":
        return value.replace(" ", "T") + "Z"
    return value


@tagged("post_install", "-at_install")
class TestXmlRpcParity(RestApiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_key_admin = cls.make_key(cls.admin, scope=None)
        cls.rpc_key_alice = cls.make_key(cls.alice, scope=None)
        tags = cls.env["res.partner.category"].create([{"name": "PX1"}, {"name": "PX2"}])
        partner = cls.env["res.partner"].create({"name": "Parity partner"})
        cls.env["x.api.test"].create([
            {"name": "px a", "day": "2024-01-31", "moment": "2024-02-01 08:09:10", "state": "done", "amount": 1.25,
             "partner_id": partner.id, "tag_ids": [(6, 0, tags.ids)], "code": "PXA"},
            {"name": "px b", "state": "draft", "counter": 4},
            {"name": "px c", "active": False},
        ])

    def xmlrpc(self, user, key, model, domain, fields, **kwargs):
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, user.id, key, model, "search_read",
                                             [domain], {"fields": fields, **kwargs})

    def expected(self, model, rows, names):
        types = {name: field.type for name, field in self.env[model]._fields.items()}
        return [{"id": row["id"], **{name: rest_form(types[name], row[name]) for name in names if name != "id"}}
                for row in rows]

    def assertParity(self, model, domain, names, user, key, rpc_key, order=None, offset=0, limit=None):
        kwargs = {"offset": offset}
        if order:
            kwargs["order"] = order
        if limit:
            kwargs["limit"] = limit
        rpc_rows = self.xmlrpc(user, rpc_key, model, domain, names, **kwargs)
        body = {"domain": domain, "fields": names, "offset": offset, "order": order}
        if limit:
            body["limit"] = limit
        data = self.assertOk(self.api("POST", f"/{model}/search", key=key, json=body))
        self.assertEqual(data["records"], self.expected(model, rpc_rows, names))
        return rpc_rows

    def test_products_over_100(self):
        names = ["name", "list_price", "categ_id", "type", "active", "create_date", "description_sale"]
        rows = self.assertParity("product.template", [["list_price", ">", 100]], names, self.admin,
                                 self.key_admin, self.rpc_key_admin, order="list_price desc, id", offset=1, limit=5)
        self.assertTrue(rows)
        # The GET list with the same filter, order and a page: same rows as offset/limit.
        rpc_page = self.xmlrpc(self.admin, self.rpc_key_admin, "product.template", [["list_price", ">", 100]],
                               names, order="list_price desc, id", offset=2, limit=2)
        data = self.assertOk(self.get("/product.template", filter=[["list_price", ">", 100]],
                                      query="{" + ",".join(names) + "}", order="list_price desc, id",
                                      page_size=2, page=2))
        self.assertEqual(data["records"], self.expected("product.template", rpc_page, names))

    def test_users_default_order(self):
        names = ["name", "login", "company_id", "partner_id", "active", "share"]
        self.assertParity("res.users", [], names, self.admin, self.key_admin, self.rpc_key_admin)
        data = self.assertOk(self.get("/res.users", query="{" + ",".join(names) + "}"))
        rpc_rows = self.xmlrpc(self.admin, self.rpc_key_admin, "res.users", [], names)
        self.assertEqual(data["records"], self.expected("res.users", rpc_rows, names))

    def test_partners_as_alice(self):
        names = ["name", "parent_id", "category_id", "company_id", "email", "is_company"]
        self.assertParity("res.partner", ["|", ["name", "ilike", "a"], ["is_company", "=", True]], names,
                          self.alice, self.key_alice, self.rpc_key_alice, order="name, id", limit=50)

    def test_every_value_type(self):
        names = ["name", "day", "moment", "state", "amount", "counter", "partner_id", "tag_ids", "code", "active",
                 "line_ids"]
        rows = self.assertParity("x.api.test", [["name", "like", "px %"]], names, self.alice, self.key_alice,
                                 self.rpc_key_alice, order="name")
        self.assertEqual([r["name"] for r in rows], ["px a", "px b"])
        self.assertParity("x.api.test", [["name", "like", "px %"], ["active", "in", [True, False]]], names,
                          self.alice, self.key_alice, self.rpc_key_alice, order="name desc")
