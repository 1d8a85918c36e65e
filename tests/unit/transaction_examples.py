"""The transaction both suites send: two tags, a company with them, three contacts of it (§18)."""


def partner_with_contacts_and_tags(fourth=None):
    operations = [
        {"method": "POST", "path": "/res.partner.category/batch",
         "body": {"data": [{"name": "TX VIP"}, {"name": "TX Wholesale"}]}},
        {"method": "POST", "path": "/res.partner",
         "body": {"data": {"name": "TX Company", "is_company": True,
                           "category_id": ["$0.records.0.id", "$0.records.1.id"]}}},
        {"method": "POST", "path": "/res.partner/batch", "params": {"query": "{id, name, parent_id}"},
         "body": {"data": [{"name": f"Contact {n} of $1.name", "parent_id": "$1.id"} for n in (1, 2, 3)]}},
    ]
    return operations + ([fourth] if fourth else [])
