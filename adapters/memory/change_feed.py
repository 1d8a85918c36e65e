"""The change feed of the in-memory store: a change log kept by the database, one writer at a time.

Requests run one after the other here, so nothing is ever in flight while a page is
read: the horizon is simply "after the last change". A change's time is its place in
the log (a logical clock), so records seeded without a log entry come first.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from ...application.ports import ChangePage
from ...domain.change_feed import ChangeKey, FeedCursor
from ...domain.resolution import ResolvedSelection
from .database import Database
from .domain_eval import DomainEvaluator
from .reader import RecordReader
from .scope import Scope
from .writer import rows_of

LOGICAL_EPOCH = datetime(2000, 1, 1)


def logical_time(sequence: int) -> datetime:
    """The change number ``sequence`` as a time, so that keys order like the log."""
    return LOGICAL_EPOCH + timedelta(microseconds=sequence)


def read_changes(database: Database, scope: Scope, model: str, cursor: FeedCursor, limit: int,
                 selection: ResolvedSelection, deletions: bool) -> ChangePage:
    """Records changed after ``cursor.records`` and deletions after ``cursor.deletions``."""
    sequence, last_change, deleted = database.feed_log(model)
    reader = RecordReader(database, scope)
    reader.check_readable(selection)
    keys = sorted(ChangeKey(logical_time(last_change.get(row["id"], 0)), row["id"])
                  for row in DomainEvaluator(database, scope).search(model, []))
    keys = [key for key in keys if cursor.records is None or key > cursor.records]
    page = keys[:limit]
    records = reader.read_rows(rows_of(database, scope, model, [key.id for key in page]), selection)
    removed = sorted((ChangeKey(logical_time(number), number), record_id, name) for number, record_id, name in deleted)
    if deletions:
        removed = [(key, record_id, name) for key, record_id, name in removed
                   if cursor.deletions is None or key > cursor.deletions]
    else:
        removed = []
    return ChangePage(logical_time(sequence + 1), records, tuple(page), len(keys) > limit,
                      tuple(record_id for _key, record_id, _name in removed[:limit]),
                      tuple(key for key, _id, _name in removed[:limit]), len(removed) > limit,
                      tuple(name for _key, _id, name in removed[:limit]))
