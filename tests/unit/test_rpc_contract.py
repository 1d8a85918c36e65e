"""The ``RecordStore`` contract against the gateway's RPC store, on a real Odoo over JSON-RPC.

It needs a running Odoo: ``make test-odoo`` starts one and sets ``REST_API_LIVE_ODOO_URL``,
``REST_API_LIVE_ODOO_DB``, ``REST_API_LIVE_LOGIN`` and ``REST_API_LIVE_KEY`` (a global key of an
administrator); without them it is skipped. Each RPC call commits upstream, so every test
deletes the records it created (those above the highest ids seen before it).
"""
from __future__ import annotations

import os
import unittest

from store_contract import RecordStoreContract

from rest_api.application.capabilities import RecordLocks, capability
from rest_api.controllers.gateway import GatewayConfig, GatewayHost
from rest_api.adapters.rpc.transport import Upstream
from rest_api.controllers.messages import HttpRequest
from rest_api.domain.aggregation import parse_aggregate_query
from rest_api.domain.resolution import ResolvedSelection, resolve
from rest_api.domain.selection import parse_query

LIVE = {name: os.environ.get(f"REST_API_LIVE_{name}") for name in ("ODOO_URL", "ODOO_DB", "LOGIN", "KEY")}
# What the contract creates, in an order that lets each go (users before their partners and
# companies, templates before their categories).
CLEANED = ("res.users", "res.company", "product.template", "product.category", "res.partner.category",
           "res.partner")


@unittest.skipUnless(all(LIVE.values()), "no live Odoo named (REST_API_LIVE_ODOO_URL, …; make test-odoo sets them)")
class TestRpcStoreContract(RecordStoreContract, unittest.TestCase):
    """Every contract behaviour, through JSON-RPC, as the live database's administrator."""

    host = None

    def setUp(self):
        if TestRpcStoreContract.host is None:  # one host: its metadata cache serves every test
            TestRpcStoreContract.host = GatewayHost(GatewayConfig(
                Upstream(LIVE["ODOO_URL"], LIVE["ODOO_DB"], timeout=60), "jsonrpc"))
        session = self.host.session(HttpRequest("GET", "/api/v1/res.partner", headers={
            "Authorization": f"Bearer {LIVE['KEY']}", "X-Odoo-Login": LIVE["LOGIN"]}))
        self.catalog, self.store = session.catalog, session.store
        def everything(model):
            return [["active", "in", [True, False]]] if "active" in self.catalog.model(model).fields else []
        self.highest = {model: max(self.store.search_ids(model, everything(model)) or [0]) for model in CLEANED}
        self.addCleanup(self._delete_what_the_test_created)

    def _delete_what_the_test_created(self):
        for model in CLEANED:
            domain = [["id", ">", self.highest[model]]]
            if "active" in self.catalog.model(model).fields:
                domain.append(["active", "in", [True, False]])
            created = self.store.search_ids(model, domain)
            if created:
                self.store.unlink(model, created)

    def selection(self, model, names):
        return ResolvedSelection.of(self.catalog.model(model), tuple(names))

    def query_selection(self, model, query):
        return resolve(parse_query(query), self.catalog.model(model), self.catalog.model, frozenset())

    def aggregate_query(self, model, groupby, aggregates, order=None):
        return parse_aggregate_query(groupby, aggregates, order, self.catalog.model(model), frozenset())

    # Over RPC the version check and the write cannot be one locked step (docs/gateway.md).
    def test_the_locked_version_is_the_write_date_a_read_gives(self):
        self.assert_api_error("NotSupported", capability, self.store, RecordLocks)

    def test_locking_a_missing_id_is_not_found(self):
        self.assertNotIsInstance(self.store, RecordLocks)
