"""The change feed's cursor (spec §19): opaque, signed, and where the next page starts."""
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rest_api.domain.change_feed import (
    DEFAULT_LIMIT,
    ChangeKey,
    FeedCursor,
    check_retention,
    decode_cursor,
    encode_cursor,
    next_cursor,
    parse_limit,
)
from rest_api.domain.errors import Gone, ValidationError

SECRET = b"s" * 32
T0 = datetime(2024, 5, 1, 12, 0, 0, 123456)
keys = st.builds(ChangeKey, st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1)),
                 st.integers(0, 2**31 - 1))


@given(st.none() | keys, st.none() | keys)
def test_a_cursor_survives_its_round_trip_to_the_microsecond(records, deletions):
    cursor = FeedCursor(records, deletions)
    assert decode_cursor(encode_cursor(cursor, "res.partner", SECRET), "res.partner", SECRET) == cursor


def test_a_cursor_is_opaque_url_safe_text():
    text = encode_cursor(FeedCursor(ChangeKey(T0, 7), ChangeKey(T0, 0)), "res.partner", SECRET)
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


@pytest.mark.parametrize("tamper", [
    lambda t: t + "x",
    lambda t: t.replace(".", ""),
    lambda t: "A" + t,
    lambda t: t.split(".")[0] + "." + "A" * 22,
    lambda t: encode_cursor(FeedCursor(ChangeKey(T0, 8), None), "res.partner", b"other secret"),
    lambda t: "",
    lambda t: "garbage",
    lambda t: "a.b.c",
    lambda t: "%%%.%%%",
    lambda t: "A" * 1000 + ".AAAA",
])
def test_an_edited_or_foreign_cursor_is_400(tamper):
    text = encode_cursor(FeedCursor(ChangeKey(T0, 7), None), "res.partner", SECRET)
    with pytest.raises(ValidationError, match="Invalid change-feed cursor"):
        decode_cursor(tamper(text), "res.partner", SECRET)


@given(st.text(max_size=200))
def test_no_text_but_ours_decodes(text):
    with pytest.raises(ValidationError):
        decode_cursor(text, "res.partner", SECRET)


def test_a_cursor_of_another_model_is_400_naming_it():
    text = encode_cursor(FeedCursor(), "res.partner", SECRET)
    with pytest.raises(ValidationError, match="belongs to the change feed of res.partner, not res.users"):
        decode_cursor(text, "res.users", SECRET)


HORIZON = T0 + timedelta(seconds=5)


def test_a_full_page_continues_after_its_last_key():
    page = [ChangeKey(T0, 1), ChangeKey(T0, 2)]
    gone = [ChangeKey(T0, 40)]
    assert next_cursor(FeedCursor(), page, True, gone, True, HORIZON) == FeedCursor(page[-1], gone[-1])


def test_a_last_page_continues_at_the_horizon():
    page = [ChangeKey(T0, 1)]
    assert next_cursor(FeedCursor(), page, False, [], False, HORIZON) == \
        FeedCursor(ChangeKey(HORIZON, 0), ChangeKey(HORIZON, 0))


@given(st.lists(keys, max_size=5), st.booleans(), keys)
def test_the_next_cursor_is_never_behind_what_was_served(page, more, horizon_key):
    page = sorted(page)
    horizon = max([horizon_key.at] + [key.at + timedelta(microseconds=1) for key in page])
    following = next_cursor(FeedCursor(), page, more and bool(page), [], False, horizon)
    assert all(key <= following.records for key in page)
    # and a change stamped at or after the horizon is after the cursor: it will be served
    assert ChangeKey(horizon, 1) > following.records or (more and page)


def test_retention():
    now = T0 + timedelta(days=30)
    check_retention(FeedCursor(), now, 30)  # the first poll
    check_retention(FeedCursor(None, ChangeKey(T0, 0)), now, 30)
    with pytest.raises(Gone) as caught:
        check_retention(FeedCursor(None, ChangeKey(T0 - timedelta(microseconds=1), 0)), now, 30)
    assert caught.value.details == {"retention_days": 30}


@pytest.mark.parametrize("text, expected", [(None, DEFAULT_LIMIT), ("1", 1), ("1000", 1000)])
def test_limit(text, expected):
    assert parse_limit(text, 1000) == expected


def test_the_default_limit_respects_a_smaller_maximum():
    assert parse_limit(None, 10) == 10


@pytest.mark.parametrize("text", ["0", "1001", "-1", "abc", "", "1.5", "٣"])
def test_bad_limits_are_400(text):
    with pytest.raises(ValidationError):
        parse_limit(text, 1000)
