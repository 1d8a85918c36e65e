"""The ``RecordStore`` contract, run against the Odoo store: it keeps the in-memory fake honest."""
from odoo.tests import TransactionCase, tagged

from ..adapters.odoo.catalog import OdooCatalog
from ..adapters.odoo.store import OdooRecordStore
from ..domain.aggregation import parse_aggregate_query
from ..domain.resolution import ResolvedSelection, resolve
from ..domain.selection import parse_query
from .unit.store_contract import RecordStoreContract


@tagged("post_install", "-at_install")
class TestOdooStoreContract(RecordStoreContract, TransactionCase):
    """Every contract behaviour, as Odoo's administrator (not the superuser)."""

    allow_inherited_tests_method = True  # Odoo's loader only runs a class's own test methods otherwise

    def setUp(self):
        super().setUp()
        env = self.env(user=self.env.ref("base.user_admin"))
        self.catalog = OdooCatalog(env)
        self.store = OdooRecordStore(env)

    def selection(self, model, names):
        return ResolvedSelection.of(self.catalog.model(model), tuple(names))

    def query_selection(self, model, query):
        return resolve(parse_query(query), self.catalog.model(model), self.catalog.model, frozenset())

    def aggregate_query(self, model, groupby, aggregates, order=None):
        return parse_aggregate_query(groupby, aggregates, order, self.catalog.model(model), frozenset())
