"""Behaviours every ``RecordStore`` must have, whatever is behind it.

A mixin for ``unittest.TestCase`` so that plain pytest (in-memory store) and
Odoo's test runner (Odoo store) can both run it. It imports nothing from the
addon: errors are recognised by their stable ``type`` name. A subclass gives, in
``setUp``, ``self.store`` (acting as a user who may read, create, write and
delete ``res.partner``) and implements ``selection(model, names)`` returning a
flat ``ResolvedSelection``.
"""
from __future__ import annotations

MODEL = "res.partner"


class RecordStoreContract:
    """The contract; mix it into a ``TestCase`` that sets ``self.store``."""

    store = None

    def selection(self, model: str, names: tuple[str, ...]):
        """A flat ``ResolvedSelection`` of ``names`` on ``model`` (``id`` first)."""
        raise NotImplementedError

    # --- helpers -------------------------------------------------------------------------

    def assert_api_error(self, error_type: str, function, *args):
        """Call ``function(*args)``; it must raise an API error whose ``type`` is ``error_type``."""
        try:
            function(*args)
        except Exception as exc:  # the contract knows no classes, only the stable type names
            self.assertEqual(error_type, getattr(exc, "type", type(exc).__name__), repr(exc))
            return exc
        self.fail(f"{error_type} not raised")

    def create_partners(self, *names: str) -> list[int]:
        return self.store.create(MODEL, [{"name": name} for name in names])

    def names_of(self, ids) -> list[str]:
        rows = self.store.read(MODEL, list(ids), self.selection(MODEL, ("name",)))
        return [row["name"] for row in rows]

    def missing_id(self) -> int:
        """An id no partner has (beyond the highest one)."""
        return max(self.store.search_ids(MODEL, [["active", "in", [True, False]]]) or [0]) + 1000

    # --- reading -------------------------------------------------------------------------

    def test_read_keeps_the_order_of_the_ids(self):
        ids = self.create_partners("Contract A", "Contract B", "Contract C")
        rows = self.store.read(MODEL, list(reversed(ids)), self.selection(MODEL, ("name",)))
        self.assertEqual(list(reversed(ids)), [row["id"] for row in rows])
        self.assertEqual(["Contract C", "Contract B", "Contract A"], [row["name"] for row in rows])

    def test_read_answers_exactly_the_selected_fields_id_first(self):
        [new_id] = self.create_partners("Contract Fields")
        [row] = self.store.read(MODEL, [new_id], self.selection(MODEL, ("email", "name")))
        self.assertEqual(["id", "email", "name"], list(row))
        self.assertEqual({"id": new_id, "email": False, "name": "Contract Fields"}, row)

    def test_read_of_a_missing_id_is_not_found_naming_it(self):
        [existing] = self.create_partners("Contract Exists")
        missing = self.missing_id()
        error = self.assert_api_error("NotFound", self.store.read, MODEL, [existing, missing],
                                      self.selection(MODEL, ("name",)))
        self.assertIn(str(missing), str(error))

    def test_search_ids_are_sorted_and_match_the_count(self):
        self.create_partners("Contract Count 1", "Contract Count 2")
        for domain in ([], [["name", "ilike", "contract count"]], [["name", "=", "no such partner"]]):
            ids = self.store.search_ids(MODEL, domain)
            self.assertEqual(sorted(ids), ids)
            self.assertEqual(len(ids), self.store.search_count(MODEL, domain))

    def test_search_read_orders_and_pages(self):
        self.create_partners("Contract Page B", "Contract Page C", "Contract Page A")
        domain = [["name", "like", "Contract Page"]]
        rows = self.store.search_read(MODEL, domain, self.selection(MODEL, ("name",)), "name desc", 1, 1)
        self.assertEqual(["Contract Page B"], [row["name"] for row in rows])

    # --- writing -------------------------------------------------------------------------

    def test_create_returns_ids_in_input_order(self):
        ids = self.create_partners("Contract First", "Contract Second", "Contract Third")
        self.assertEqual(3, len(set(ids)))
        self.assertEqual(["Contract First", "Contract Second", "Contract Third"], self.names_of(ids))

    def test_a_failing_batch_creates_nothing(self):
        before = self.store.search_count(MODEL, [])
        batch = [{"name": "Contract Batch 1"}, {"name": "Contract Batch 2"},
                 {"name": "Contract Batch 3", "type": "no-such-type"}]
        self.assert_api_error("ValidationError", self.store.create, MODEL, batch)
        self.assertEqual(before, self.store.search_count(MODEL, []))
        self.assertEqual([], self.store.search_ids(MODEL, [["name", "like", "Contract Batch"]]))

    def test_write_changes_every_record(self):
        ids = self.create_partners("Contract W1", "Contract W2")
        self.store.write(MODEL, ids, {"phone": "+32 2 555 12 12"})
        rows = self.store.read(MODEL, ids, self.selection(MODEL, ("phone",)))
        self.assertEqual(["+32 2 555 12 12"] * 2, [row["phone"] for row in rows])

    def test_write_on_a_missing_id_is_not_found_and_writes_nothing(self):
        [existing] = self.create_partners("Contract Untouched")
        self.assert_api_error("NotFound", self.store.write, MODEL, [existing, self.missing_id()],
                              {"name": "Changed"})
        self.assertEqual(["Contract Untouched"], self.names_of([existing]))

    def test_unlinked_records_are_gone(self):
        ids = self.create_partners("Contract Doomed")
        self.store.unlink(MODEL, ids)
        self.assertEqual([], self.store.search_ids(MODEL, [["id", "in", ids]]))
        self.assert_api_error("NotFound", self.store.read, MODEL, ids, self.selection(MODEL, ("name",)))

    def test_unlink_of_a_missing_id_is_not_found(self):
        self.assert_api_error("NotFound", self.store.unlink, MODEL, [self.missing_id()])

    # --- methods -------------------------------------------------------------------------

    def test_private_methods_are_refused(self):
        self.assert_api_error("AccessError", self.store.call, MODEL, None, "_private_thing", [], {})

    def test_unknown_methods_are_not_found(self):
        self.assert_api_error("NotFound", self.store.call, MODEL, None, "no_such_method_at_all", [], {})

    # --- aggregates (spec §12) -----------------------------------------------------------

    def aggregate_query(self, model: str, groupby, aggregates, order=None):
        """A checked ``AggregateQuery`` for ``model`` (the subclass parses it with the core)."""
        raise NotImplementedError

    def create_grouped_partners(self) -> list[int]:
        """Four partners to group: two companies with colors 2 and 5, two contacts of the first."""
        first, second = self.store.create(MODEL, [
            {"name": "Contract Agg A", "is_company": True, "color": 2},
            {"name": "Contract Agg B", "is_company": True, "color": 5}])
        contacts = self.store.create(MODEL, [
            {"name": "Contract Agg C", "parent_id": first, "color": 1},
            {"name": "Contract Agg D", "parent_id": first, "color": 4}])
        return [first, second, *contacts]

    def group(self, groupby, aggregates, order=None, offset=0, limit=None):
        query = self.aggregate_query(MODEL, groupby, aggregates, order)
        return self.store.read_group(MODEL, [["name", "=like", "Contract Agg %"]], query, offset, limit)

    def test_groups_count_and_sum_like_read_group(self):
        self.create_grouped_partners()
        groups = self.group(["is_company"], ["__count", "color:sum", "color:max", "color:avg"])
        self.assertEqual([{"is_company": False, "__count": 2, "color:sum": 5, "color:max": 4, "color:avg": 2.5},
                          {"is_company": True, "__count": 2, "color:sum": 7, "color:max": 5, "color:avg": 3.5}],
                         groups)

    def test_many2one_groups_are_id_and_display_name_or_false(self):
        first = self.create_grouped_partners()[0]
        groups = self.group(["parent_id"], ["__count"])
        self.assertEqual([{"parent_id": (first, "Contract Agg A"), "__count": 2},
                          {"parent_id": False, "__count": 2}], groups)

    def test_date_groups_are_the_first_day_of_the_period(self):
        self.create_grouped_partners()
        [group] = self.group(["create_date:year"], ["__count"])
        self.assertEqual(4, group["__count"])
        self.assertEqual((1, 1), (group["create_date:year"].month, group["create_date:year"].day))
        self.assertEqual("date", type(group["create_date:year"]).__name__)

    def test_groups_are_ordered_then_paged(self):
        self.create_grouped_partners()
        groups = self.group(["name"], ["color:sum"], ["color:sum desc"], offset=1, limit=2)
        self.assertEqual([{"name": "Contract Agg D", "color:sum": 4}, {"name": "Contract Agg A", "color:sum": 2}],
                         groups)

    def test_totals_without_groupby_are_one_group_even_when_nothing_matches(self):
        query = self.aggregate_query(MODEL, [], ["__count", "color:sum"])
        groups = self.store.read_group(MODEL, [["id", "=", self.missing_id()]], query, 0, None)
        self.assertEqual([{"__count": 0, "color:sum": False}], groups)

    # --- versions (If-Match) -------------------------------------------------------------

    def test_the_locked_version_is_the_write_date_a_read_gives(self):
        [new_id] = self.create_partners("Contract Version")
        [row] = self.store.read(MODEL, [new_id], self.selection(MODEL, ("write_date",)))
        self.assertTrue(row["write_date"])
        self.assertEqual(row["write_date"], self.store.lock_version(MODEL, new_id))

    def test_locking_a_missing_id_is_not_found(self):
        self.assert_api_error("NotFound", self.store.lock_version, MODEL, self.missing_id())
