"""The data of the in-memory adapter: one table of rows per model, id sequences, transactions."""
from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from ...domain.errors import NotFound
from .schema import ModelSchema, Schema
from .webhook_book import WebhookBook

Row = dict
"""A stored record: field name -> stored value; ``None`` is SQL's NULL."""
FEED = "__change_feed__"  # a pseudo-table, so that transactions roll the change log back too
# Odoo's ``ir.model.data``: external id → (model, record id), oldest first; a pseudo-table too.
EXTERNAL_IDS = "__external_ids__"
# The modules the demo pretends to have: their names are no namespace for new external ids.
MODULES = frozenset({"base", "web", "mail", "contacts", "product", "sale", "account", "stock", "rest_api"})


def utc_now() -> dt.datetime:
    """The current naive-UTC time with microseconds, as PostgreSQL keeps Odoo's ``write_date``
    (record versions, hence ETags, must differ for two writes in one second)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Database:
    """Rows of every model of ``schema``, plus which groups each user has.

    Id sequences are not rolled back by ``transaction`` — like PostgreSQL's, an id
    taken by a failed transaction is never given again.
    """

    def __init__(self, schema: Schema, user_groups: Mapping[int, frozenset[str]] | None = None,
                 clock: Callable[[], dt.datetime] = utc_now):
        self.schema = dict(schema)
        self.user_groups = dict(user_groups or {})
        self.clock = clock
        # Rows by id per model; FEED's entry is the change feed's log, kept here to share snapshots.
        self._tables: dict[str, dict[Any, Any]] = {name: {} for name in self.schema}
        self._tables[FEED] = {"sequence": 0, "records": {}, "deletions": {}}
        self._tables[EXTERNAL_IDS] = {}
        self._sequences: dict[str, int] = {name: 0 for name in self.schema}
        self.webhooks = WebhookBook()  # issue 25: subscriptions live beside the records, not in snapshots

    def model(self, name: str) -> ModelSchema:
        """The schema of model ``name``. Raises ``NotFound`` for an unknown model."""
        try:
            return self.schema[name]
        except KeyError:
            raise NotFound(f"Model {name!r} not found", {"model": name}) from None

    def table(self, name: str) -> dict[int, Row]:
        """The rows of model ``name`` by id (the live table). Raises ``NotFound``."""
        self.model(name)
        return self._tables[name]

    def row(self, model: str, record_id: int) -> Row | None:
        """The row ``record_id`` of ``model``, or None."""
        return self.table(model).get(record_id)

    def next_id(self, model: str) -> int:
        """Take the next id of ``model``'s sequence."""
        self.table(model)
        self._sequences[model] += 1
        return self._sequences[model]

    def restart_sequence(self, model: str, next_id: int) -> None:
        """Make ``next_id`` the next id given (seeding Odoo-like ids such as user 6)."""
        self.table(model)
        self._sequences[model] = next_id - 1

    def log_change(self, model: str, ids: Iterable[int], created: bool = False,
                   fields: Iterable[str] = ()) -> None:
        """Note that records ``ids`` of ``model`` were created or written (the change feed), and for
        webhooks (issue 25) when each was created and which fields were written."""
        feed = self._tables[FEED]
        names = tuple(fields)
        for record_id in ids:
            feed["sequence"] += 1
            feed["records"].setdefault(model, {})[record_id] = feed["sequence"]
            if created:
                feed.setdefault("created", {}).setdefault(model, {})[record_id] = feed["sequence"]
            if names:
                feed.setdefault("written", {}).setdefault(model, {}).setdefault(record_id, []).append(
                    (feed["sequence"], names))

    def change_history(self, model: str, record_id: int) -> tuple[int | None, list[tuple[int, tuple[str, ...]]]]:
        """When record ``record_id`` was created (its change number; None: seeded) and its writes."""
        feed = self._tables[FEED]
        return (feed.get("created", {}).get(model, {}).get(record_id),
                list(feed.get("written", {}).get(model, {}).get(record_id, [])))

    def log_deletion(self, model: str, ids: Iterable[int], names: Mapping[int, str] | None = None) -> None:
        """Note that records ``ids`` of ``model`` were deleted."""
        feed = self._tables[FEED]
        for record_id in ids:
            feed["sequence"] += 1
            feed["records"].get(model, {}).pop(record_id, None)
            feed["deletions"].setdefault(model, []).append((feed["sequence"], record_id, (names or {}).get(record_id)))

    def feed_log(self, model: str) -> tuple[int, dict[int, int], list[tuple[int, int, str | None]]]:
        """The change sequence now, the last change of each record of ``model``, and its deletions
        (change number, record id, the external id it had)."""
        feed = self._tables[FEED]
        return feed["sequence"], dict(feed["records"].get(model, {})), list(feed["deletions"].get(model, []))

    @property
    def external_ids(self) -> dict[str, tuple[str, int]]:
        """Every external id: ``module.name`` → (model, record id), oldest first (the live table)."""
        return self._tables[EXTERNAL_IDS]

    def groups_of(self, user_id: int) -> frozenset[str]:
        """The groups of ``user_id`` (none when unknown)."""
        return frozenset(self.user_groups.get(user_id, frozenset()))

    def snapshot(self) -> dict[str, dict[int, Row]]:
        """A deep copy of every table."""
        return copy.deepcopy(self._tables)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Undo every change made inside the block when it raises, then re-raise.

        Nesting works: each level restores its own entry snapshot.
        """
        saved = self.snapshot()
        try:
            yield self
        except BaseException:
            self._tables = saved
            raise
