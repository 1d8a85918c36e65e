"""A page that shows the end of the result set needs no count query; every total stays exact."""
import pytest

from rest_api.adapters.memory.seed import ADMIN_ID, build_catalog, seed_database
from rest_api.adapters.memory.store import InMemoryRecordStore
from rest_api.application.read import known_total, list_records, search_records
from rest_api.application.requests import ListQuery, SearchBody
from rest_api.application.session import Session

MODEL = "res.partner"


class CountingStore(InMemoryRecordStore):
    """The in-memory store, remembering how often it was asked to count."""

    counts = 0

    def search_count(self, model, domain):
        self.counts += 1
        return super().search_count(model, domain)


@pytest.fixture
def session():
    database = seed_database()
    return Session(build_catalog(ADMIN_ID, database), CountingStore(database, ADMIN_ID))


def matching(session):
    return session.store.search_ids(MODEL, [])


@pytest.mark.parametrize("params, counted", [
    (lambda n: {}, False),                                          # all fit in the default limit
    (lambda n: {"limit": "3"}, True),                               # full first page: more may follow
    (lambda n: {"page_size": str(n - 1), "page": "1"}, True),
    (lambda n: {"page_size": str(n - 1), "page": "2"}, False),     # short last page: offset + rows
    (lambda n: {"page_size": str(n - 1), "page": "3"}, True),      # empty page past the end: unknown
    (lambda n: {"limit": str(n - 2), "page_size": str(n - 3), "page": "2"}, True),  # the cap fills it
])
def test_total_count_is_exact_and_counted_only_when_the_page_cannot_tell(session, params, counted):
    total = len(matching(session))
    assert total > 4
    data = list_records(session, MODEL, ListQuery(**params(total))).data
    assert data["pagination"]["total_count"] == total
    assert session.store.counts == (1 if counted else 0)


def test_a_filter_matching_few_records_is_not_counted_twice(session):
    data = list_records(session, MODEL, ListQuery(filter='[["id", "=", %d]]' % matching(session)[0])).data
    assert (data["pagination"]["count"], data["pagination"]["total_count"]) == (1, 1)
    assert session.store.counts == 0


@pytest.mark.parametrize("offset, limit, counted", [(0, 1000, False), (2, 1000, False), (0, 2, True),
                                                    (1000, 5, True)])
def test_search_total_count(session, offset, limit, counted):
    data = search_records(session, MODEL, SearchBody(offset=offset, limit=limit)).data
    assert data["total_count"] == len(matching(session))
    assert session.store.counts == (1 if counted else 0)


@pytest.mark.parametrize("offset, limit, rows, expected", [
    (0, 10, 3, 3), (20, 10, 3, 23), (0, 10, 0, 0), (20, 10, 0, None), (0, 10, 10, None), (0, 0, 0, None),
])
def test_known_total(offset, limit, rows, expected):
    assert known_total(offset, limit, [{}] * rows) == expected
