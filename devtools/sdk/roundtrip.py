"""The generated Python client in use (docs/sdk.md): list, search with a domain, create with relation
commands, update by filter, a typed error and a method call, against the demo data.

    PYTHONPATH=build/sdk/python python devtools/sdk/roundtrip.py --url http://127.0.0.1:8069 --key demo

``make check-sdk`` runs it on a fresh demo server, and ``mypy --strict`` on it: the client's types
carry domains, relation commands and error envelopes without a cast.
"""
from __future__ import annotations

import argparse

from odoo_rest_api_client import AuthenticatedClient
from odoo_rest_api_client.api.res_partner import (res_partner_call_model_method, res_partner_create,
                                                  res_partner_list, res_partner_read, res_partner_search,
                                                  res_partner_update_many)
from odoo_rest_api_client.models import (NotFoundEnvelope, ResPartnerCallModelMethodBody,
                                         ResPartnerCallModelMethodResponse200, ResPartnerCreateBody,
                                         ResPartnerCreateResponse201, ResPartnerListResponse200, ResPartnerNewValues,
                                         ResPartnerSearchBody, ResPartnerSearchResponse200, ResPartnerUpdateManyBody,
                                         ResPartnerUpdateManyResponse200, ResPartnerValues, RelationOperations,
                                         RelationOperationsCreateItem)


def round_trip(client: AuthenticatedClient) -> list[str]:
    """Each call of docs/sdk.md; the lines it prints."""
    said = []
    # A page of records, with a field selection.
    page = res_partner_list.sync(client=client, query="{id, name, email}", page_size=2)
    assert isinstance(page, ResPartnerListResponse200), page
    said.append(f"list: {[p.name for p in page.data.records]} of {page.data.pagination.total_count}")

    # A search with a domain: operators and [field, operator, value] terms, typed.
    found = res_partner_search.sync(client=client, body=ResPartnerSearchBody(
        domain=["|", ["name", "ilike", "deco"], ["email", "=like", "ready%"]], query="{id, name}", limit=5))
    assert isinstance(found, ResPartnerSearchResponse200), found
    said.append(f"search: {sorted(str(p.name) for p in found.data.records)}")

    # A create with relation commands, as the operations object (a class here; raw Odoo tuples such as
    # [6, 0, [1, 2]] are typed too, as a union of lists mypy cannot infer from a literal): set the
    # tags 1 and 2, create a child contact.
    contact = RelationOperationsCreateItem.from_dict({"name": "SDK Test Contact"})
    values = ResPartnerNewValues(name="SDK Test Company", is_company=True, category_id=RelationOperations(set_=[1, 2]),
                                 child_ids=RelationOperations(create=[contact]))
    created = res_partner_create.sync(client=client, query="{id, name, category_id, child_ids}",
                                      body=ResPartnerCreateBody(data=values))
    assert isinstance(created, ResPartnerCreateResponse201), created
    new = created.data
    said.append(f"create: {new.name} #{new.id}, tags {new.category_id}, {len(new.child_ids or [])} child")

    # An update by filter: every partner whose name starts with "SDK Test".
    updated = res_partner_update_many.sync(client=client, body=ResPartnerUpdateManyBody(
        data=ResPartnerValues(comment="Written by the generated client"), filter_=[["name", "=like", "SDK Test%"]]))
    assert isinstance(updated, ResPartnerUpdateManyResponse200), updated
    said.append(f"update by filter: {updated.data.count} records")

    # A typed error: a record that does not exist is a NotFoundEnvelope, its code pinned to 404.
    missing = res_partner_read.sync(client=client, id=999_999)
    assert isinstance(missing, NotFoundEnvelope), missing
    said.append(f"error: {missing.error.code} {missing.error.type_} {missing.error.message}")

    # A method call: name_search, Odoo's own, answers [id, display name] pairs.
    named = res_partner_call_model_method.sync(
        client=client, function="name_search", body=ResPartnerCallModelMethodBody(args=["Deco"]))
    assert isinstance(named, ResPartnerCallModelMethodResponse200), named
    said.append(f"method: name_search('Deco') = {named.data.result}")
    return said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--key", default="demo")
    options = parser.parse_args()
    with AuthenticatedClient(base_url=f"{options.url}/api/v1", token=options.key) as client:
        for line in round_trip(client):
            print(line)


if __name__ == "__main__":
    main()
