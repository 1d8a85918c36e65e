"""PageRequest.from_params and pagination_block (spec §6)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rest_api.domain.errors import ValidationError
from rest_api.domain.pagination import MAX_PAGE, NEEDS_PAGE_SIZE, PageRequest, pagination_block


@pytest.mark.parametrize(
    ("limit", "page", "page_size", "expected"),
    [
        (None, None, None, PageRequest(offset=0, limit=1000, page=1, page_size=None, cap=None)),
        ("1", None, None, PageRequest(offset=0, limit=1, page=1, page_size=None, cap=1)),
        ("1000", None, None, PageRequest(offset=0, limit=1000, page=1, page_size=None, cap=1000)),
        ("007", None, None, PageRequest(offset=0, limit=7, page=1, page_size=None, cap=7)),
        (None, None, "10", PageRequest(offset=0, limit=10, page=1, page_size=10, cap=None)),
        (None, "3", "10", PageRequest(offset=20, limit=10, page=3, page_size=10, cap=None)),
        (None, "100", "10", PageRequest(offset=990, limit=10, page=100, page_size=10, cap=None)),
        # no limit sent: paging goes past the largest page (issue 20: it stopped at record 1,000)
        (None, "101", "10", PageRequest(offset=1000, limit=10, page=101, page_size=10, cap=None)),
        (None, "3", "1000", PageRequest(offset=2000, limit=1000, page=3, page_size=1000, cap=None)),
        # when paging, limit caps the set and may exceed the largest page
        ("2500", "3", "1000", PageRequest(offset=2000, limit=500, page=3, page_size=1000, cap=2500)),
        # limit caps the set before paging: rows [0, 25) in pages of 10
        ("25", "1", "10", PageRequest(offset=0, limit=10, page=1, page_size=10, cap=25)),
        ("25", "3", "10", PageRequest(offset=20, limit=5, page=3, page_size=10, cap=25)),
        ("25", "4", "10", PageRequest(offset=30, limit=0, page=4, page_size=10, cap=25)),
        ("20", "3", "10", PageRequest(offset=20, limit=0, page=3, page_size=10, cap=20)),
        ("5", None, "1000", PageRequest(offset=0, limit=5, page=1, page_size=1000, cap=5)),
        (None, str(MAX_PAGE), "1000", PageRequest(offset=(MAX_PAGE - 1) * 1000, limit=0, page=MAX_PAGE,
                                                  page_size=1000, cap=None)),
    ],
)
def test_from_params_valid(limit, page, page_size, expected):
    assert expected == PageRequest.from_params(limit, page, page_size)


def test_from_params_custom_max_limit():
    assert PageRequest(0, 50, 1, None, None) == PageRequest.from_params(None, None, None, max_limit=50)
    with pytest.raises(ValidationError):
        PageRequest.from_params("51", None, None, max_limit=50)


@pytest.mark.parametrize(
    ("limit", "page", "page_size", "parameter", "expected"),
    [
        ("0", None, None, "limit", "an integer from 1 to 1000"),
        ("000", None, None, "limit", "an integer from 1 to 1000"),
        ("-1", None, None, "limit", "an integer from 1 to 1000"),
        ("1001", None, None, "limit", "an integer from 1 to 1000"),
        ("9999", None, None, "limit", "an integer from 1 to 1000"),
        (str(10**30), None, None, "limit", "an integer from 1 to 1000"),
        ("9" * 10_000, None, None, "limit", "an integer from 1 to 1000"),
        ("abc", None, None, "limit", "an integer from 1 to 1000"),
        ("1.5", None, None, "limit", "an integer from 1 to 1000"),
        ("1e9", None, None, "limit", "an integer from 1 to 1000"),
        (" 5", None, None, "limit", "an integer from 1 to 1000"),
        ("5 ", None, None, "limit", "an integer from 1 to 1000"),
        ("+5", None, None, "limit", "an integer from 1 to 1000"),
        ("", None, None, "limit", "an integer from 1 to 1000"),
        ("５", None, None, "limit", "an integer from 1 to 1000"),
        ("0x10", None, None, "limit", "an integer from 1 to 1000"),
        (None, None, "0", "page_size", "an integer from 1 to 1000"),
        (None, None, "1001", "page_size", "an integer from 1 to 1000"),
        (None, None, "ten", "page_size", "an integer from 1 to 1000"),
        (None, "0", "10", "page", f"an integer from 1 to {MAX_PAGE}"),
        (None, "-2", "10", "page", f"an integer from 1 to {MAX_PAGE}"),
        (None, str(MAX_PAGE + 1), "10", "page", f"an integer from 1 to {MAX_PAGE}"),
    ],
)
def test_from_params_invalid(limit, page, page_size, parameter, expected):
    with pytest.raises(ValidationError) as caught:
        PageRequest.from_params(limit, page, page_size)
    got = {"limit": limit, "page": page, "page_size": page_size}[parameter]
    assert [{"parameter": parameter, "expected": expected, "got": got}] == caught.value.details["parameters"]
    assert f"Parameter '{parameter}' expects {expected}" in caught.value.message


def test_page_without_page_size_is_refused():
    with pytest.raises(ValidationError) as caught:
        PageRequest.from_params(None, "2", None)
    assert "Parameter 'page' needs 'page_size' as well" == caught.value.message
    assert [{"parameter": "page", "expected": NEEDS_PAGE_SIZE, "got": "2"}] == caught.value.details["parameters"]


def test_from_params_reports_every_bad_parameter_at_once():
    with pytest.raises(ValidationError) as caught:
        PageRequest.from_params("0", "x", "2000")
    assert ["limit", "page_size", "page"] == [p["parameter"] for p in caught.value.details["parameters"]]
    assert (
        f'Parameter \'limit\' expects an integer from 1 to {MAX_PAGE}, got "0"; '
        'Parameter \'page_size\' expects an integer from 1 to 1000, got "2000"; '
        f'Parameter \'page\' expects an integer from 1 to {MAX_PAGE}, got "x"'
    ) == caught.value.message


def test_error_message_shortens_a_huge_value():
    with pytest.raises(ValidationError) as caught:
        PageRequest.from_params("x" * 500, None, None)
    expected = f'Parameter \'limit\' expects an integer from 1 to 1000, got "{"x" * 40}…"'
    assert expected == caught.value.message
    assert "x" * 500 == caught.value.details["parameters"][0]["got"]


@pytest.mark.parametrize(
    ("request_", "empty"),
    [
        (PageRequest.from_params("25", "3", "10"), False),
        (PageRequest.from_params("25", "4", "10"), True),
        (PageRequest.from_params("1000", "101", "10"), True),
        (PageRequest.from_params(None, "101", "10"), False),
        (PageRequest.from_params("1", None, None), False),
    ],
)
def test_is_empty(request_, empty):
    assert empty == request_.is_empty


def test_pages_of_counts_every_record_unless_the_client_capped_them():
    assert 24 == PageRequest(offset=0, limit=100, page_size=100).pages_of(2_345)
    assert 15 == PageRequest(offset=0, limit=100, page_size=100, cap=1500).pages_of(2_345)
    assert 1 == PageRequest(offset=0, limit=1000).pages_of(2_345)


def _block(count, total, current, pages, size, prev, next_):
    return {"count": count, "total_count": total, "current_page": current, "total_pages": pages,
            "page_size": size, "prev_page": prev, "next_page": next_}


@pytest.mark.parametrize(
    ("params", "total", "count", "expected"),
    [
        # no paging: one page, total_count stays the full count even over the cap
        ((None, None, None), 34, 34, _block(34, 34, 1, 1, None, None, None)),
        (("10", None, None), 34, 10, _block(10, 34, 1, 1, None, None, None)),
        ((None, None, None), 0, 0, _block(0, 0, 1, 1, None, None, None)),
        # the spec's example
        ((None, "2", "10"), 34, 10, _block(10, 34, 2, 4, 10, 1, 3)),
        ((None, "1", "10"), 34, 10, _block(10, 34, 1, 4, 10, None, 2)),
        ((None, "4", "10"), 34, 4, _block(4, 34, 4, 4, 10, 3, None)),
        ((None, None, "10"), 30, 10, _block(10, 30, 1, 3, 10, None, 2)),
        ((None, "3", "10"), 30, 10, _block(10, 30, 3, 3, 10, 2, None)),
        # page past the end: no records, prev points one page back
        ((None, "9", "10"), 34, 0, _block(0, 34, 9, 4, 10, 8, None)),
        # total 0: one empty page
        ((None, None, "10"), 0, 0, _block(0, 0, 1, 1, 10, None, None)),
        ((None, "2", "10"), 0, 0, _block(0, 0, 2, 1, 10, 1, None)),
        # no limit sent: every matching record is paged (issue 20)
        ((None, "2", "1000"), 9_032, 1000, _block(1000, 9_032, 2, 10, 1000, 1, 3)),
        ((None, "10", "1000"), 9_032, 32, _block(32, 9_032, 10, 10, 1000, 9, None)),
        # limit caps the set before paging: 25 of 34 rows in pages of 10
        (("25", "2", "10"), 34, 10, _block(10, 34, 2, 3, 10, 1, 3)),
        (("25", "3", "10"), 34, 5, _block(5, 34, 3, 3, 10, 2, None)),
        (("25", "4", "10"), 34, 0, _block(0, 34, 4, 3, 10, 3, None)),
        # the cap above the total changes nothing
        (("100", "1", "10"), 12, 10, _block(10, 12, 1, 2, 10, None, 2)),
        ((None, "1", "1"), 1, 1, _block(1, 1, 1, 1, 1, None, None)),
    ],
)
def test_pagination_block(params, total, count, expected):
    assert expected == pagination_block(PageRequest.from_params(*params), total, count)


@given(total=st.integers(0, 60), cap=st.integers(1, 50), size=st.integers(1, 20))
def test_pages_cover_exactly_the_capped_rows(total, cap, size):
    rows = list(range(total))
    first = PageRequest.from_params(str(cap), None, str(size))
    pages = pagination_block(first, total, 0)["total_pages"]
    seen = []
    for number in range(1, pages + 2):  # one page past the end too
        request = PageRequest.from_params(str(cap), str(number), str(size))
        window = [] if request.is_empty else rows[request.offset:request.offset + request.limit]
        assert len(window) <= size
        block = pagination_block(request, total, len(window))
        assert (number < pages) == (block["next_page"] is not None)
        seen.extend(window)
    assert rows[:cap] == seen
