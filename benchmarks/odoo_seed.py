"""Benchmark data, run inside ``odoo-bin shell`` (stdin): plain partners, then partners with tags,
companies, parents; products.

Prints ``BENCH_*=`` lines the driver reads: the API key (global scope, so it is also the
JSON-RPC password), the admin's uid and the id of the tag that marks the bulk-update rows.
Not importable on its own: ``env`` is the shell's.
"""
# ruff: noqa: F821  (env is injected by odoo-bin shell)

PARENTS, CONTACTS, TAGS, PRODUCTS, BULK_ROWS = 500, 4500, 50, 2000, 1000
PLAIN = 5500  # oldest partners, no relations: with the others, 10,000 ids for the update-by-ids case

admin = env.ref("base.user_admin")
company = env.ref("base.main_company")
env = env(user=admin.id)
tags = env["res.partner.category"].create([{"name": f"Tag {n}"} for n in range(TAGS)])
bulk = env["res.partner.category"].create({"name": "Bulk update"})
env["res.partner"].create([{"name": f"Plain partner {n}", "email": f"plain{n}@example.com"}
                           for n in range(PLAIN)])
parents = env["res.partner"].create([
    {"name": f"Parent Company {n}", "is_company": True, "email": f"office{n}@example.com",
     "city": "Springfield", "phone": f"+1 555 01{n:04d}", "company_id": company.id if n % 3 else False}
    for n in range(PARENTS)])
contacts = []
for n in range(CONTACTS):
    parent = parents[n % PARENTS]
    tag_ids = [tags[n % TAGS].id, tags[(n * 7 + 3) % TAGS].id] + ([bulk.id] if n < BULK_ROWS else [])
    contacts.append({"name": f"Contact {n}", "email": f"contact{n}@example.com", "phone": f"+1 555 1{n:05d}",
                     "city": "Shelbyville", "parent_id": parent.id, "company_id": parent.company_id.id,
                     "category_id": [(6, 0, tag_ids)]})
env["res.partner"].create(contacts)
env["product.product"].create([
    {"name": f"Product {n}", "default_code": f"BENCH-{n:05d}", "list_price": 10.0 + n % 97}
    for n in range(PRODUCTS)])
# Case 5 reads up to 5,000 rows in one page.
env["ir.config_parameter"].sudo().set_param("rest_api.max_page_size", "5000")
key = env["res.users.apikeys"]._generate(None, "benchmark", None)
# The same user's key restricted to reading contacts, their fields listed (issue 23's cost row).
restricted = env["res.users.apikeys"]._generate("odoo.api", "benchmark, restricted", None)
restricted_id = env["res.users.apikeys"].sudo().search([("name", "=", "benchmark, restricted")]).id
partner_model = env["ir.model"]._get("res.partner")
env["rest_api.key.rule"].create({
    "key_id": restricted_id, "model_id": partner_model.id, "perm_read": True,
    "field_ids": [(6, 0, partner_model.field_id.filtered(
        lambda f: f.name in ("id", "name", "email", "phone", "city", "write_date", "display_name")).ids)]})
env.cr.commit()
print(f"BENCH_KEY={key}")
print(f"BENCH_RESTRICTED_KEY={restricted}")
print(f"BENCH_UID={admin.id}")
print(f"BENCH_BULK_TAG={bulk.id}")
print(f"BENCH_PARTNERS={env['res.partner'].search_count([])}")
