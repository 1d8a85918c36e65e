"""Pins of the demo store (``adapters/memory``) that the store contract cannot state.

These pin the demo, not Odoo: each needs what the contract lacks (a second user, or a
transaction the port does not expose). They copy Odoo 18 (its ORM checks model access
on every method and field groups on read, search and write, not on create; PostgreSQL
never gives an id twice), but no run on a real Odoo checks them. The core refuses such
calls first; these keep the demo's own refusals, its second line, honest.
"""
from __future__ import annotations

import pytest

from rest_api.adapters.memory.seed import ADMIN_ID, DEMO_ID, build_catalog
from rest_api.adapters.memory.store import InMemoryRecordStore
from rest_api.domain.errors import AccessError
from rest_api.domain.resolution import ResolvedSelection


def flat(model: str, *names: str) -> ResolvedSelection:
    return ResolvedSelection.of(build_catalog(ADMIN_ID).model(model), names)


CLOSED = "ir.config_parameter"  # no access for anyone on the demo
CALLS = [
    ("search_read", lambda store: store.search_read(CLOSED, [], flat(CLOSED, "key"), None, 0, None)),
    ("search_count", lambda store: store.search_count(CLOSED, [])),
    ("search_ids", lambda store: store.search_ids(CLOSED, [])),
    ("read", lambda store: store.read(CLOSED, [1], flat(CLOSED, "key"))),
    ("create", lambda store: store.create(CLOSED, [{"key": "k", "value": "v"}])),
    ("write", lambda store: store.write(CLOSED, [1], {"value": "v"})),
    ("unlink", lambda store: store.unlink(CLOSED, [1])),
    ("read_binary", lambda store: store.read_binary(CLOSED, 1, "value")),
]


@pytest.mark.parametrize("call", [c[1] for c in CALLS], ids=[c[0] for c in CALLS])
def test_model_access_is_checked_by_every_port_method(admin, database, call):
    with pytest.raises(AccessError) as caught:
        call(admin)
    assert CLOSED == caught.value.details["model"]
    assert 2 == len(database.table(CLOSED))


HIDDEN = "x_internal_note"  # groups=base.group_system, which the demo user lacks
REFUSED = [
    ("read", lambda store: store.read("res.partner", [8], flat("res.partner", "name", HIDDEN))),
    ("search", lambda store: store.search_ids("res.partner", [[HIDDEN, "!=", False]])),
    ("order", lambda store: store.search_read("res.partner", [], flat("res.partner", "name"), HIDDEN, 0, None)),
    ("write", lambda store: store.write("res.partner", [5], {HIDDEN: "secret"})),
]


@pytest.mark.parametrize("call", [c[1] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_a_field_of_a_group_the_user_lacks_is_refused(database, call):
    with pytest.raises(AccessError) as caught:
        call(InMemoryRecordStore(database, DEMO_ID))
    assert [HIDDEN] == caught.value.details["fields"]


def test_create_checks_no_field_group_as_in_odoo_18(database):
    [new_id] = InMemoryRecordStore(database, DEMO_ID).create("res.partner", [{"name": "N", HIDDEN: "mine"}])
    assert "mine" == database.row("res.partner", new_id)[HIDDEN]


def test_ids_of_a_rolled_back_transaction_are_not_reused(admin, database):
    with pytest.raises(RuntimeError), database.transaction():
        [lost] = admin.create("res.partner", [{"name": "Lost"}])
        raise RuntimeError
    assert database.row("res.partner", lost) is None
    assert [lost + 1] == admin.create("res.partner", [{"name": "Kept"}])
