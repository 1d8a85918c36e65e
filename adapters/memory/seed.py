"""Demo data shaped like Odoo's: two companies, admin and demo users, contacts, tags, products."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .catalog import InMemoryCatalog
from .database import Database, utc_now
from .scope import Scope
from .seed_schema import SYSTEM_GROUP, USER_GROUP, build_schema
from .writer import RecordWriter

ADMIN_ID = 2
DEMO_ID = 6
MAIN_COMPANY_ID = 1
CHICAGO_COMPANY_ID = 2
LANGUAGES = frozenset({"en_US", "fr_FR"})
USER_GROUPS = {ADMIN_ID: frozenset({USER_GROUP, SYSTEM_GROUP}), DEMO_ID: frozenset({USER_GROUP})}
SEED_TIME = dt.datetime(2024, 1, 15, 9, 30, 0)
PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"

PARTNER_TAGS: list[dict[str, Any]] = [  # ids 1-4; "Office Supplies" is a child of "Vendor"
    {"name": "Vendor", "color": 1}, {"name": "Prospects", "color": 2},
    {"name": "Services", "color": 3}, {"name": "Office Supplies", "color": 4, "parent_id": 1},
]
PARTNERS: list[dict[str, Any]] = [  # ids 1-15, parents before their contacts
    {"name": "YourCompany", "is_company": True, "company_id": 1, "email": "info@yourcompany.example.com"},
    {"name": "My Company (Chicago)", "is_company": True, "company_id": 2, "email": "chicago@yourcompany.example.com"},
    {"name": "Mitchell Admin", "email": "admin@yourcompany.example.com", "phone": "+1 555-555-5555",
     "parent_id": 1, "x_internal_note": "Signs every contract"},
    {"name": "Marc Demo", "email": "mark.brown23@example.com", "parent_id": 1},
    {"name": "Azure Interior", "is_company": True, "email": "azure.Interior24@example.com",
     "phone": "(870)-931-0505", "website": "http://www.azure-interior.com", "category_id": [(6, 0, [1, 3])],
     "image_1920": PIXEL_PNG, "color": 5, "date": "2019-03-04"},
    {"name": "Brandon Freeman", "parent_id": 5, "email": "brandon.freeman55@example.com", "color": 2,
     "phone": "(355)-687-3262"},
    {"name": "Colleen Diaz", "parent_id": 5, "type": "invoice", "email": "colleen.diaz83@example.com"},
    {"name": "Deco Addict", "is_company": True, "email": "deco_addict@example.com", "category_id": [(6, 0, [2])],
     "x_internal_note": "Pays late"},
    {"name": "Addison Olson", "parent_id": 8, "email": "addison.olson28@example.com", "date": "1988-07-21"},
    {"name": "Douglas Fletcher", "parent_id": 8, "active": False, "email": "douglas.fletcher51@example.com"},
    {"name": "Gemini Furniture", "is_company": True, "email": "gemini.furniture39@example.com",
     "category_id": [(6, 0, [4])], "color": 7},
    {"name": "Edwin Hansen", "parent_id": 11, "type": "delivery", "phone": "(943)-352-2555"},
    {"name": "Lumber Inc", "is_company": True, "company_id": 2, "email": "lumber-inv92@example.com"},
    {"name": "Ready Mat", "is_company": True, "email": "ready.mat28@example.com", "category_id": [(6, 0, [1, 2])]},
    {"name": "Jesse Brown", "phone": "(829)-386-3277", "date": "1990-12-01"},
]
PRODUCT_CATEGORIES: list[dict[str, Any]] = [  # ids 1-4
    {"name": "All"}, {"name": "Saleable", "parent_id": 1},
    {"name": "Office Furniture", "parent_id": 2}, {"name": "Services", "parent_id": 1},
]
PRODUCTS: list[dict[str, Any]] = [  # ids 1-12
    {"name": "Office Chair", "default_code": "FURN_7777", "list_price": 70.0, "standard_price": 55.0, "categ_id": 3},
    {"name": "Large Desk", "default_code": "E-COM09", "list_price": 1799.0, "categ_id": 3,
     "description": "Spacious desk for two."},
    {"name": "Corner Desk Right Sit", "default_code": "E-COM06", "list_price": 147.0, "categ_id": 3},
    {"name": "Cabinet with Doors", "default_code": "E-COM11", "list_price": 140.0, "categ_id": 3},
    {"name": "Drawer Black", "default_code": "FURN_8900", "list_price": 25.0, "categ_id": 3},
    {"name": "Large Cabinet", "default_code": "E-COM07", "list_price": 320.0, "categ_id": 3},
    {"name": "Storage Box", "default_code": "E-COM08", "list_price": 15.8, "categ_id": 3},
    {"name": "Pedal Bin", "default_code": "E-COM10", "list_price": 47.0, "categ_id": 3},
    {"name": "Customizable Desk", "default_code": "FURN_0096", "list_price": 750.0, "categ_id": 3,
     "description": "Choose the legs and the color."},
    {"name": "Virtual Home Staging", "type": "service", "list_price": 38.25, "categ_id": 4, "sale_ok": True},
    {"name": "Acoustic Bloc Screens", "default_code": "FURN_6666", "list_price": 295.0, "categ_id": 3,
     "active": False},
    {"name": "Flipover", "default_code": "FURN_9001", "list_price": 1950.0, "categ_id": 3, "company_id": 2},
]
VARIANTS = [
    {"product_tmpl_id": 1, "default_code": "FURN_7777", "barcode": "601647855631"},
    {"product_tmpl_id": 2, "default_code": "E-COM09"},
    {"product_tmpl_id": 9, "default_code": "FURN_0096-S", "barcode": "601647855638"},
    {"product_tmpl_id": 9, "default_code": "FURN_0096-A"},
]
# Odoo's own names of the records it ships, and one a sync made (``noupdate``, in a client namespace).
SEED_EXTERNAL_IDS = {
    "base.main_partner": ("res.partner", 1), "base.main_company": ("res.company", 1),
    "base.partner_admin": ("res.partner", 3), "base.partner_demo": ("res.partner", 4),
    "base.user_root": ("res.users", 1), "base.user_admin": ("res.users", 2),
    "base.public_user": ("res.users", 3), "base.user_demo": ("res.users", 6),
    "base.res_partner_category_0": ("res.partner.category", 1),
    "product.product_category_all": ("product.category", 1),
    "product.product_category_1": ("product.category", 2),
    "shop.p42": ("product.template", 1),
}
PARAMETERS = [{"key": "web.base.url", "value": "http://localhost:8069"},
              {"key": "database.uuid", "value": "8c6f1c1e-0000-4000-8000-000000000001"}]


def seed_database() -> Database:
    """A fresh database with the demo data (create/write dates at ``SEED_TIME``)."""
    database = Database(build_schema(), USER_GROUPS, clock=lambda: SEED_TIME)
    writer = RecordWriter(database, Scope.root())
    writer.create("res.partner.category", PARTNER_TAGS)
    # A company needs its partner and the partner names its company, as in Odoo's own data.
    company_partners = writer.create("res.partner", [{k: v for k, v in p.items() if k != "company_id"}
                                                     for p in PARTNERS[:2]])
    writer.create("res.company", [{"name": "YourCompany", "partner_id": company_partners[0]},
                                  {"name": "My Company (Chicago)", "partner_id": company_partners[1]}])
    for partner_id, values in zip(company_partners, PARTNERS[:2], strict=True):  # set, not a logged change
        database.table("res.partner")[partner_id]["company_id"] = values["company_id"]
    writer.create("res.partner", PARTNERS[2:])
    _create_users(database, writer)
    writer.create("product.category", PRODUCT_CATEGORIES)
    writer.create("product.template", PRODUCTS)
    writer.create("product.product", VARIANTS)
    writer.create("ir.config_parameter", PARAMETERS)
    database.external_ids.update(SEED_EXTERNAL_IDS)
    database.clock = utc_now
    return database


def _create_users(database: Database, writer: RecordWriter) -> None:
    both = [(6, 0, [MAIN_COMPANY_ID, CHICAGO_COMPANY_ID])]
    writer.create("res.users", [
        {"name": "OdooBot", "login": "__system__", "active": False, "company_id": 1, "company_ids": both},
        {"name": "Mitchell Admin", "login": "admin", "password": "admin", "company_id": 1,
         "company_ids": both, "partner_id": 3, "signature": "<p>Mitchell Admin</p>"},
        # Odoo's own two, archived: base.public_user and base.template_portal_user_id
        {"name": "Public user", "login": "public", "active": False, "company_id": 1, "company_ids": both},
        {"name": "Portal User Template", "login": "portaltemplate", "active": False, "company_id": 1,
         "company_ids": both},
    ])
    database.restart_sequence("res.users", DEMO_ID)
    writer.create("res.users", [
        {"name": "Marc Demo", "login": "demo", "password": "demo", "company_id": 1,
         "company_ids": [(6, 0, [MAIN_COMPANY_ID])], "partner_id": 4, "signature": "<p>Marc Demo</p>"},
    ])


def build_catalog(user_id: int = ADMIN_ID, database: Database | None = None) -> InMemoryCatalog:
    """The catalog as ``user_id`` sees it: fields of groups they lack are unreadable."""
    schema = database.schema if database is not None else build_schema()
    groups = database.groups_of(user_id) if database is not None else USER_GROUPS.get(user_id, frozenset())
    return InMemoryCatalog(schema, groups, LANGUAGES)
