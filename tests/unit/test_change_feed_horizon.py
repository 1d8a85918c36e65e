"""Why the horizon makes the change feed skip nothing: the rule simulated over random schedules.

Odoo stamps a change with the *start* of its transaction, and a transaction may commit long
after it started. A poll at time ``p`` serves committed changes stamped below the horizon
``min(p, start of every transaction still open at p)`` and moves the cursor with the real
``next_cursor``. Whatever the schedule, every change is served; the naive feed (serve what is
committed, move the cursor to the newest change served) loses the late commits.
"""
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from rest_api.domain.change_feed import ChangeKey, FeedCursor, next_cursor

T0 = datetime(2024, 1, 1)


def at(tick):
    return T0 + timedelta(milliseconds=tick)


def poll(transactions, now, cursor, limit, naive=False):
    """One page at time ``now``: (served ids, next cursor, has_more)."""
    committed = [i for i, (start, end) in enumerate(transactions) if end <= now]
    open_starts = [start for start, end in transactions if start <= now < end]
    horizon = at(min([now] + open_starts)) if not naive else at(now + 1)
    # Record ids start at 1, as in PostgreSQL: the cursor (horizon, 0) is before all of them.
    keys = sorted(ChangeKey(at(transactions[i][0]), i + 1) for i in committed)
    keys = [k for k in keys if (cursor.records is None or k > cursor.records) and k.at < horizon]
    page, more = keys[:limit], len(keys) > limit
    following = next_cursor(cursor, page, more, [], False, horizon)
    if naive and page and not more:  # the naive feed: "everything newer than what I saw last"
        following = FeedCursor(page[-1], following.deletions)
    return [k.id - 1 for k in page], following, more


def served_by_polling(transactions, poll_times, limit, naive=False):
    served, cursor = set(), FeedCursor()
    last = max(end for _start, end in transactions)
    for now in sorted(poll_times) + [last]:
        while True:
            page, cursor, more = poll(transactions, now, cursor, limit, naive)
            served.update(page)
            if not more:
                break
    return served


schedules = st.lists(st.tuples(st.integers(0, 50), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])),
                     min_size=1, max_size=12)


@settings(max_examples=300)
@given(schedules, st.lists(st.integers(0, 90), max_size=10), st.integers(1, 4))
def test_the_horizon_rule_serves_every_committed_change(transactions, poll_times, limit):
    assert served_by_polling(transactions, poll_times, limit) == set(range(len(transactions)))


def test_the_naive_feed_loses_a_late_commit():
    # 0 starts first and commits last; 1 starts later and commits while 0 is still open.
    transactions = [(0, 10), (1, 2)]
    assert served_by_polling(transactions, [5], limit=10, naive=True) == {1}
    assert served_by_polling(transactions, [5], limit=10) == {0, 1}
