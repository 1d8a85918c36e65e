"""Paging reaches every matching record (issue 20, item 1): no silent stop at the largest page."""
import csv
import io

import pytest

TAG = "Paging sweep"
MATCHING = 2_345


@pytest.fixture
def swept(api):
    """``MATCHING`` partners that only the filter below finds, created in batches."""
    for start in range(0, MATCHING, 1000):
        rows = [{"name": f"{TAG} {n:05d}"} for n in range(start, min(start + 1000, MATCHING))]
        assert api.post("/api/v1/res.partner/batch", json={"data": rows}).status == 201
    return api


FILTER = f'[["name", "=like", "{TAG} %"]]'


def page(api, **params):
    reply = api.get("/api/v1/res.partner", params={"filter": FILTER, "query": "{id, name}", "order": "name",
                                                   **params})
    assert reply.status == 200, reply.body
    return reply.data


def test_following_next_page_sees_every_record_once(swept):
    seen, number, pages = [], 1, []
    while number is not None:
        data = page(swept, page_size="1000", page=str(number))
        seen += [r["name"] for r in data["records"]]
        pages.append(data["pagination"])
        number = data["pagination"]["next_page"]
    assert seen == [f"{TAG} {n:05d}" for n in range(MATCHING)]
    assert [p["count"] for p in pages] == [1000, 1000, 345]
    assert {(p["total_count"], p["total_pages"]) for p in pages} == {(MATCHING, 3)}
    assert [p["next_page"] for p in pages] == [2, 3, None]


def test_pages_of_a_hundred_count_every_record(swept):
    data = page(swept, page_size="100", page="24")
    assert data["pagination"] == {"count": 45, "total_count": MATCHING, "current_page": 24, "total_pages": 24,
                                  "page_size": 100, "prev_page": 23, "next_page": None}


def test_a_limit_the_client_sends_still_caps_the_set(swept):
    data = page(swept, page_size="1000", page="2", limit="1500")
    assert (data["pagination"]["count"], data["pagination"]["total_pages"]) == (500, 2)
    assert data["pagination"]["next_page"] is None
    assert page(swept, page_size="1000", page="3", limit="1500")["pagination"]["count"] == 0


def test_without_page_size_the_answer_stays_one_bounded_page(swept):
    data = page(swept)
    assert data["pagination"]["count"] == 1000
    assert (data["pagination"]["total_pages"], data["pagination"]["next_page"]) == (1, None)


def test_csv_export_of_page_three(swept):
    reply = swept.get("/api/v1/res.partner", params={"filter": FILTER, "query": "{name}", "order": "name",
                                                     "page_size": "1000", "page": "3", "format": "csv"})
    table = list(csv.reader(io.StringIO(reply.body.decode("utf-8"))))
    assert table[0] == ["id", "name"]
    assert [row[1] for row in table[1:]] == [f"{TAG} {n:05d}" for n in range(2000, MATCHING)]
    assert reply.headers["x-total-count"] == str(MATCHING)
