"""The two capabilities the use cases need from the outside world.

Both are bound to the authenticated user: every call runs with that user's
rights. Each method names the domain errors (``domain.errors``) it may raise;
adapters translate their own exceptions into those, ``raise ... from exc``.

Values crossing ``RecordStore`` are Odoo's own shapes, so one core serves both
adapters:
- read results: ``False`` for empty values, ``datetime.date`` / naive-UTC
  ``datetime.datetime`` objects, a many2one as its id (int), an x2many as a list
  of ids, a nested dict (or list of dicts) where the selection nests, binary as
  base64 text (``str`` or ``bytes``);
- write values: what Odoo's ``create``/``write`` accept: ``False`` to clear,
  dates as ``"YYYY-MM-DD"``, datetimes as ``"YYYY-MM-DD HH:MM:SS"`` (UTC),
  many2one as an id, x2many as lists of command tuples, binary as base64 text.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from attrs import field, frozen

from ..domain.change_feed import ChangeKey
from ..domain.model_info import ModelInfo
from ..domain.rate_limit import RateDecision, RateLimit
from ..domain.resolution import ResolvedSelection


@frozen
class UserInfo:
    """The user a request runs as."""

    id: int
    name: str
    company_ids: tuple[int, ...] = ()


class ByteSource(ABC):
    """Bytes of a known size, read in chunks so a download never holds them all in memory."""

    CHUNK_SIZE = 64 * 1024

    @property
    @abstractmethod
    def size(self) -> int:
        """How many bytes there are."""

    @abstractmethod
    def chunks(self, start: int, end: int) -> Iterator[bytes]:
        """The bytes ``start`` to ``end`` (both included), a chunk at a time."""

    def read(self) -> bytes:
        """Every byte at once (for the base64 JSON form)."""
        return b"".join(self.chunks(0, self.size - 1))


@frozen
class MemoryBytes(ByteSource):
    """Bytes already in memory."""

    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    def chunks(self, start: int, end: int) -> Iterator[bytes]:
        for offset in range(start, end + 1, self.CHUNK_SIZE):
            yield self.data[offset:min(offset + self.CHUNK_SIZE, end + 1)]


def _byte_source(value: bytes | ByteSource) -> ByteSource:
    return value if isinstance(value, ByteSource) else MemoryBytes(bytes(value))


@frozen
class BinaryContent:
    """The content of one binary field, with what is known of it (bytes or a ``ByteSource``)."""

    source: ByteSource = field(converter=_byte_source)
    filename: str
    mimetype: str

    @property
    def content(self) -> bytes:
        """Every byte (reads a file source whole: for small contents only)."""
        return self.source.read()


@frozen
class FileUpload:
    """One uploaded file: its name and declared type when the client gave them, and its bytes."""

    filename: str | None
    mimetype: str | None
    chunks: Iterable[bytes] = field(eq=False, repr=False)


@frozen
class StoredFile:
    """What was stored of one upload: an attachment id (when one was made), name, type, size."""

    id: int | None
    name: str
    mimetype: str
    size: int


@frozen
class ReportInfo:
    """A report the user may print: its technical name and the model it prints."""

    name: str
    model: str
    title: str = ""


class ModelCatalog(ABC):
    """What models and fields exist, as the current user sees them."""

    @abstractmethod
    def model(self, name: str) -> ModelInfo:
        """The model called ``name``. Raises ``NotFound`` for unknown models."""

    @abstractmethod
    def model_names(self) -> list[str]:
        """Technical names of every model, sorted."""

    def model_summary(self, name: str) -> ModelInfo:
        """The model called ``name`` without its fields (``fields`` empty): a cheap look, for lists.

        Raises ``NotFound`` for unknown models. Adapters where fields cost something override it.
        """
        info = self.model(name)
        return ModelInfo(info.name, info.description, {}, info.access)

    @abstractmethod
    def languages(self) -> frozenset[str]:
        """Codes of the installed (active) languages, e.g. ``en_US``."""


class RecordStore(ABC):
    """Records of any model, read and written with the current user's rights."""

    @abstractmethod
    def with_context(self, context: Mapping[str, Any]) -> RecordStore:
        """A store whose calls run with ``context`` added (already validated)."""

    @abstractmethod
    def current_user(self) -> UserInfo:
        """The user this store acts as."""

    @abstractmethod
    def search_read(self, model: str, domain: list, selection: ResolvedSelection,
                    order: str | None, offset: int, limit: int | None) -> list[dict]:
        """Records matching ``domain`` with the selected fields, nested ones included.

        Raises ``AccessError``, ``ValidationError``.
        """

    @abstractmethod
    def search_count(self, model: str, domain: list) -> int:
        """How many records match ``domain``. Raises ``AccessError``, ``ValidationError``."""

    @abstractmethod
    def search_ids(self, model: str, domain: list) -> list[int]:
        """Ids of the visible records matching ``domain``, in id order.

        Raises ``AccessError``, ``ValidationError``.
        """

    @abstractmethod
    def read(self, model: str, ids: Sequence[int], selection: ResolvedSelection) -> list[dict]:
        """The records ``ids`` in that order. Raises ``NotFound`` if one is missing or hidden."""

    @abstractmethod
    def create(self, model: str, values: Sequence[Mapping[str, Any]]) -> list[int]:
        """Create one record per values dict, all or none; their ids in input order.

        Raises ``AccessError``, ``ValidationError``, ``Conflict``.
        """

    @abstractmethod
    def write(self, model: str, ids: Sequence[int], values: Mapping[str, Any]) -> None:
        """Write ``values`` on every record of ``ids``.

        Raises ``NotFound``, ``AccessError``, ``ValidationError``, ``Conflict``.
        """

    def write_each(self, model: str, values_by_id: Mapping[int, Mapping[str, Any]]) -> None:
        """Write on each record its own values, all or none (an upsert's updated rows).

        Stores where one visibility check and one savepoint for all records saves queries
        override this. Raises like ``write``.
        """
        for record_id, values in values_by_id.items():
            self.write(model, [record_id], values)

    def write_matching(self, model: str, domain: list, values: Mapping[str, Any]) -> list[int]:
        """Write ``values`` on the visible records matching ``domain``; their ids, in id order.

        Stores that can avoid searching the ids twice (once to find, once to check
        they are visible) override this. Raises like ``search_ids`` and ``write``.
        """
        ids = self.search_ids(model, domain)
        if ids:
            self.write(model, ids, values)
        return ids

    @abstractmethod
    def unlink(self, model: str, ids: Sequence[int]) -> None:
        """Delete the records ``ids``. Raises ``NotFound``, ``AccessError``, ``Conflict``."""

    @abstractmethod
    def call(self, model: str, ids: Sequence[int] | None, method: str,
             args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        """Call a public method on the model (``ids`` None) or on records.

        Returns plain values: recordsets as lists of ids, dates as date objects.
        Raises ``AccessError`` (private method), ``NotFound`` (no such method or
        record), ``ValidationError`` (wrong arguments, Odoo user errors).
        """

    @abstractmethod
    def read_binary(self, model: str, record_id: int, field: str) -> BinaryContent | None:
        """The content of a binary field, or None when it is empty.

        Raises ``NotFound`` for a missing or hidden record, ``AccessError``.
        """


class ReportRenderer(ABC):
    """Reports (``ir.actions.report``) rendered as the current user."""

    @abstractmethod
    def report(self, reference: str) -> ReportInfo:
        """The report by technical name or XML id. Raises ``NotFound``, ``AccessError``."""

    @abstractmethod
    def render(self, report: ReportInfo, ids: Sequence[int], format: str) -> BinaryContent:
        """The report of records ``ids`` as ``pdf`` or ``html``.

        Raises ``ServiceUnavailable`` (no PDF renderer), ``AccessError``, ``ValidationError``.
        """


class RateLimiter(ABC):
    """Counters of events per bucket and time window, shared by every worker of the server."""

    @abstractmethod
    def hit(self, bucket: str, rule: RateLimit) -> RateDecision:
        """Count one event in ``bucket`` and decide whether it is within ``rule``."""

    @abstractmethod
    def peek(self, bucket: str, rule: RateLimit) -> RateDecision:
        """Decide whether one more event would be allowed, without counting it."""


@frozen
class ChangePage:
    """One page of a model's change feed, as a store found it.

    ``horizon``: every transaction that started before it had finished when the page
    was read. ``record_keys`` and ``deletion_keys`` are the keys served, below it;
    ``records`` the rows of those keys still there, in the same order.
    """

    horizon: datetime
    records: list[dict]
    record_keys: tuple[ChangeKey, ...]
    more_records: bool
    deleted_ids: tuple[int, ...] = ()
    deletion_keys: tuple[ChangeKey, ...] = ()
    more_deletions: bool = False
    # The external id each deleted record had (None: none, or not kept), beside ``deleted_ids``:
    # Odoo deletes a record's names with it, so the deletion log keeps the first one.
    deleted_external_ids: tuple[str | None, ...] = ()
