"""The demo models, shaped like their Odoo 18 namesakes (a useful subset of their fields)."""
from __future__ import annotations

from functools import partial

from ...domain.model_info import ModelAccess
from .database import Database, Row
from .schema import ModelSchema, Schema, Unique, schema_of, spec, standard_fields
from .seed_methods import copy_records, name_search, toggle_active

SYSTEM_GROUP = "base.group_system"
USER_GROUP = "base.group_user"
PARTNER_TYPES = (("contact", "Contact"), ("invoice", "Invoice Address"),
                 ("delivery", "Delivery Address"), ("other", "Other Address"))
PRODUCT_TYPES = (("consu", "Goods"), ("service", "Service"), ("combo", "Combo"))


def _current_company(scope) -> int | None:
    return scope.company_id


def _partner_display_name(database: Database, row: Row) -> str | bool:
    """``Company, Person`` for a contact of a company, as Odoo shows it."""
    name = row.get("name") or ""
    parent = database.row("res.partner", row["parent_id"]) if row.get("parent_id") else None
    if parent is not None and not row.get("is_company"):
        return f"{_partner_display_name(database, parent)}, {name}"
    return name or False


def _category_display_name(database: Database, row: Row) -> str:
    """``All / Saleable / Office Furniture``: the path from the root category."""
    parent = database.row("product.category", row["parent_id"]) if row.get("parent_id") else None
    prefix = f"{_category_display_name(database, parent)} / " if parent is not None else ""
    return prefix + (row.get("name") or "")


def _variant_name(database: Database, row: Row) -> str | bool:
    template = database.row("product.template", row["product_tmpl_id"]) if row.get("product_tmpl_id") else None
    return template["name"] if template is not None else False


def _variant_favorite(database: Database, row: Row) -> bool:
    template = database.row("product.template", row["product_tmpl_id"]) if row.get("product_tmpl_id") else None
    return bool(template and template.get("is_favorite"))


def _tag_display_name(database: Database, row: Row) -> str:
    """``Vendor / Office Supplies``: the tag with its parents, as Odoo shows it."""
    parent = database.row("res.partner.category", row["parent_id"]) if row.get("parent_id") else None
    prefix = f"{_tag_display_name(database, parent)} / " if parent is not None else ""
    return prefix + (row.get("name") or "")


def _variant_display_name(database: Database, row: Row) -> str | bool:
    name = _variant_name(database, row)
    return f"[{row['default_code']}] {name}" if name and row.get("default_code") else name


def _company() -> ModelSchema:
    return ModelSchema.declare("res.company", "Companies", [
        *standard_fields(), spec("name", "char", string="Company Name", required=True),
        spec("email", "char"), spec("phone", "char"), spec("sequence", "integer", default=10),
        spec("partner_id", "many2one", relation="res.partner", required=True, string="Partner"),
    ], unique=[Unique(("name",), "res_company_name_uniq", "The company name must be unique!")],
        order="sequence, name")


def _users() -> ModelSchema:
    return ModelSchema.declare("res.users", "User", [
        *standard_fields(), spec("name", "char", required=True),
        spec("login", "char", required=True, help="Used to log into the system"),
        spec("password", "char", help="Keep empty if you don't want the user to be able to connect"),
        spec("active", "boolean", default=True),
        spec("company_id", "many2one", relation="res.company", required=True, default=_current_company,
             string="Company"),
        spec("company_ids", "many2many", relation="res.company", string="Companies"),
        spec("partner_id", "many2one", relation="res.partner", string="Related Partner"),
        spec("signature", "html"), spec("share", "boolean", string="Share User", readonly=True),
    ], unique=[Unique(("login",), "res_users_login_key", "You can not have two users with the same login!")],
        methods={"name_search": partial(name_search, "res.users")}, order="name, login")


def _partner() -> ModelSchema:
    return ModelSchema.declare("res.partner", "Contact", [
        *standard_fields(_partner_display_name),
        spec("complete_name", "char", compute=_partner_display_name, stored=True, sortable=True),
        spec("name", "char"), spec("email", "char"), spec("phone", "char"), spec("website", "char"),
        spec("is_company", "boolean", default=False, help="Check if the contact is a company"),
        spec("active", "boolean", default=True), spec("color", "integer", default=0, string="Color Index"),
        spec("partner_latitude", "float", string="Geo Latitude"),
        spec("type", "selection", selection=PARTNER_TYPES, default="contact", string="Address Type"),
        spec("parent_id", "many2one", relation="res.partner", string="Related Company"),
        spec("child_ids", "one2many", relation="res.partner", inverse="parent_id", string="Contact",
             active_only=True),
        spec("category_id", "many2many", relation="res.partner.category", string="Tags"),
        spec("company_id", "many2one", relation="res.company"),
        spec("user_ids", "one2many", relation="res.users", inverse="partner_id", string="Users"),
        spec("date", "date"), spec("comment", "html", string="Notes"),
        spec("image_1920", "binary", string="Image", image=True),
        spec("x_internal_note", "text", string="Internal Note", groups=SYSTEM_GROUP),
    ], methods={"name_search": partial(name_search, "res.partner"), "toggle_active": toggle_active},
        order="complete_name ASC, id DESC")


def _partner_category() -> ModelSchema:
    return ModelSchema.declare("res.partner.category", "Partner Tags", [
        *standard_fields(_tag_display_name), spec("name", "char", string="Tag Name", required=True),
        spec("color", "integer", string="Color"), spec("active", "boolean", default=True),
        spec("parent_id", "many2one", relation="res.partner.category", string="Parent Category",
             ondelete="cascade"),
        spec("child_ids", "one2many", relation="res.partner.category", inverse="parent_id",
             string="Child Tags"),
    ], order="name")


def _product_category() -> ModelSchema:
    return ModelSchema.declare("product.category", "Product Category", [
        *standard_fields(_category_display_name),
        spec("complete_name", "char", compute=_category_display_name, stored=True, sortable=True),
        spec("name", "char", required=True),
        spec("parent_id", "many2one", relation="product.category", string="Parent Category",
             ondelete="cascade"),
        spec("child_ids", "one2many", relation="product.category", inverse="parent_id",
             string="Child Categories"),
    ], order="complete_name")


def _product_template() -> ModelSchema:
    return ModelSchema.declare("product.template", "Product", [
        *standard_fields(), spec("name", "char", required=True),
        spec("default_code", "char", string="Internal Reference"),
        spec("list_price", "float", default=1.0, string="Sales Price"),
        spec("standard_price", "float", string="Cost"),
        spec("type", "selection", selection=PRODUCT_TYPES, required=True, default="consu",
             string="Product Type"),
        spec("categ_id", "many2one", relation="product.category", required=True, default=1,
             ondelete="restrict", string="Product Category"),
        spec("sale_ok", "boolean", default=True, string="Can be Sold"),
        spec("is_favorite", "boolean", default=False, string="Favorite"),
        spec("active", "boolean", default=True), spec("description", "text"),
        spec("company_id", "many2one", relation="res.company"),
        spec("product_variant_ids", "one2many", relation="product.product", inverse="product_tmpl_id",
             string="Products"),
    ], methods={"copy": copy_records, "name_search": partial(name_search, "product.template")},
        order="is_favorite desc, name")


def _product_product() -> ModelSchema:
    return ModelSchema.declare("product.product", "Product Variant", [
        *standard_fields(_variant_display_name),
        spec("product_tmpl_id", "many2one", relation="product.template", required=True,
             ondelete="cascade", string="Product Template"),
        spec("name", "char", compute=_variant_name, stored=True, sortable=True),
        spec("is_favorite", "boolean", compute=_variant_favorite, stored=True, sortable=True, string="Favorite"),
        spec("default_code", "char", string="Internal Reference"),
        spec("barcode", "char"), spec("active", "boolean", default=True),
    ], unique=[Unique(("barcode",), "product_product_barcode_check",
                      "A barcode is already assigned to another product.", sql=False)],
        order="is_favorite desc, default_code, name, id")


def _config_parameter() -> ModelSchema:
    return ModelSchema.declare("ir.config_parameter", "System Parameter", [
        *standard_fields("key"), spec("key", "char", required=True), spec("value", "text", required=True),
    ], access=ModelAccess(read=False, create=False, write=False, unlink=False),
        unique=[Unique(("key",), "ir_config_parameter_key_uniq", "Key must be unique.")], order="key")


def _attachment() -> ModelSchema:
    return ModelSchema.declare("ir.attachment", "Attachment", [
        *standard_fields(), spec("name", "char", required=True),
        spec("res_model", "char", string="Resource Model", readonly=True),
        spec("res_id", "integer", string="Resource ID", readonly=True),
        spec("mimetype", "char", string="Mime Type", readonly=True),
        spec("file_size", "integer", string="File Size", readonly=True),
        spec("datas", "binary", string="File Content (base64)"),
    ])


def build_schema() -> Schema:
    """Every demo model."""
    return schema_of([_company(), _users(), _partner(), _partner_category(), _product_category(),
                      _product_template(), _product_product(), _config_parameter(), _attachment()])
