"""Ports by capability: what some stores offer beyond ``RecordStore``, each a port of its own.

A store subclasses the capabilities it offers; a use case asks for one with ``capability()``.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar

from ..domain.aggregation import AggregateQuery
from ..domain.change_feed import FeedCursor
from ..domain.errors import NotSupported
from ..domain.resolution import ResolvedSelection
from .ports import ChangePage, FileUpload, RecordStore, StoredFile


class ChangeFeed(ABC):
    """A store that keeps the change feed (spec §19)."""

    feature = "the change feed"

    @abstractmethod
    def changes(self, model: str, cursor: FeedCursor, limit: int, selection: ResolvedSelection,
                deletions: bool) -> ChangePage:
        """Up to ``limit`` changes after ``cursor`` and below the store's horizon, oldest first.

        Records created or written (archived ones included) are read with ``selection``;
        with ``deletions``, deletions come from the store's deletion log. Raises ``AccessError``.
        """


class Aggregates(ABC):
    """A store that groups and aggregates records (spec §12)."""

    feature = "aggregates"

    @abstractmethod
    def read_group(self, model: str, domain: list, query: AggregateQuery,
                   offset: int, limit: int | None) -> list[dict]:
        """Groups of the records matching ``domain``: one dict per group, keyed by spec.

        Group values: a many2one as ``(id, display_name)`` or ``False``; a date
        granularity as the ``datetime.date`` of the period's first day (or ``False``);
        others as ``read`` gives them. Aggregates: numbers, booleans, dates, or
        ``False`` when there was nothing to aggregate. Groups come in ``query``'s
        order (else the groupby order), ``offset``/``limit`` applied to groups.
        Raises ``AccessError``, ``ValidationError``.
        """


class RecordLocks(ABC):
    """A store that can lock a record for a compare-then-write (``If-Match``, spec §16)."""

    feature = "If-Match (record locks)"

    @abstractmethod
    def lock_version(self, model: str, record_id: int) -> Any:
        """Lock the record until the end of the transaction and return its ``write_date``
        as last committed (None for a model that keeps none), for a compare-then-write.

        Raises ``NotFound`` for a missing or hidden record, ``Conflict`` when it cannot be locked.
        """


class FileStore(ABC):
    """A store that writes uploaded files into binary fields and attachments (spec §14)."""

    feature = "file uploads"

    @abstractmethod
    def write_binary(self, model: str, record_id: int, field: str, upload: FileUpload) -> StoredFile:
        """Write an uploaded file into a binary field, reading ``upload.chunks`` once.

        Raises ``NotFound``, ``AccessError``, ``ValidationError``, ``PayloadTooLarge``.
        """

    @abstractmethod
    def create_attachments(self, model: str, record_id: int,
                           uploads: Iterable[FileUpload]) -> list[StoredFile]:
        """Attach each uploaded file to the record (the user needs write access to it).

        Raises ``NotFound``, ``AccessError``, ``ValidationError``, ``PayloadTooLarge``.
        """


class ExternalIds(ABC):
    """A store that keeps external ids (``module.name``, Odoo's ``ir.model.data``; issue 24).

    Lookups see every name, whoever owns the record: the record itself is then read or written
    with the user's rights, so a name of a hidden record answers like an unknown one.
    """

    feature = "external ids"

    @abstractmethod
    def external_ids(self, model: str, ids: Collection[int]) -> dict[int, str]:
        """The first external id (the oldest) of each of the records ``ids`` that has one."""

    @abstractmethod
    def find_external_ids(self, names: Collection[str]) -> dict[str, tuple[str, int]]:
        """The model and record id each of ``names`` names, for the names that exist."""



class ExternalIdWrites(ABC):
    """A store that gives records new external ids in the same transaction as their writes
    (issue 24): a create with its name, an upsert, all or nothing."""

    feature = "new external ids and upserts"

    @abstractmethod
    def add_external_ids(self, model: str, records: Mapping[str, int]) -> None:
        """Give each record its new name (``name`` → record id), kept on module updates
        (``noupdate``). Raises ``Conflict`` when a name already exists."""

    @abstractmethod
    def module_names(self, namespaces: Collection[str]) -> set[str]:
        """Those of ``namespaces`` that are the name of a module (installed or not)."""


C = TypeVar("C")


def capability(store: RecordStore, port: type[C]) -> C:
    """``store`` as the capability ``port``; ``NotSupported`` (with the store's reason, from its
    ``not_offered`` map, when it gives one) where it does not offer it."""
    if isinstance(store, port):
        return store
    reason = getattr(store, "not_offered", {}).get(port)
    feature = getattr(port, "feature", port.__name__)
    raise NotSupported(reason or f"This server does not offer {feature}", {"feature": feature})
