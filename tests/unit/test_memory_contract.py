"""The ``RecordStore`` contract run against the in-memory store on the demo data."""
from __future__ import annotations

import unittest

from store_contract import RecordStoreContract

from rest_api.adapters.memory.seed import ADMIN_ID, build_catalog, seed_database
from rest_api.adapters.memory.store import InMemoryRecordStore
from rest_api.domain.aggregation import parse_aggregate_query
from rest_api.domain.resolution import ResolvedSelection, resolve
from rest_api.domain.selection import parse_query


class TestInMemoryStoreContract(RecordStoreContract, unittest.TestCase):
    """Every contract behaviour, on a fresh demo database, as the administrator."""

    def setUp(self):
        database = seed_database()
        self.catalog = build_catalog(ADMIN_ID, database)
        self.store = InMemoryRecordStore(database, ADMIN_ID)

    def selection(self, model, names):
        return ResolvedSelection.of(self.catalog.model(model), tuple(names))

    def query_selection(self, model, query):
        return resolve(parse_query(query), self.catalog.model(model), self.catalog.model, frozenset())

    def aggregate_query(self, model, groupby, aggregates, order=None):
        return parse_aggregate_query(groupby, aggregates, order, self.catalog.model(model), frozenset())
