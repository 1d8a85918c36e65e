"""What each use case is asked, as plain values (structured from HTTP at the edge)."""
from __future__ import annotations

from typing import Any

from attrs import field, frozen


@frozen
class ListQuery:
    """``GET /{model}`` parameters, still as the text the client sent."""

    query: str | None = None
    filter: str | None = None
    order: str | None = None
    limit: str | None = None
    page: str | None = None
    page_size: str | None = None
    context: str | None = None


@frozen
class SearchBody:
    """``POST /{model}/search`` body."""

    domain: list = field(factory=list)
    fields: list[str] | None = None
    query: str | None = None
    limit: int | None = None
    offset: int = 0
    order: str | list[str] | None = None
    context: dict[str, Any] | None = None


@frozen
class RecordBody:
    """A create or update body: one record's values."""

    data: dict[str, Any]
    context: dict[str, Any] | None = None


@frozen
class BatchBody:
    """``POST /{model}/batch`` body: several records' values."""

    data: list[dict[str, Any]]
    context: dict[str, Any] | None = None


@frozen
class BulkUpdateBody:
    """``PUT /{model}`` body: values for the records chosen by ``filter`` or ``?id=``."""

    data: dict[str, Any]
    filter: list | None = None
    context: dict[str, Any] | None = None


@frozen
class CallBody:
    """A method call body."""

    args: list = field(factory=list)
    kwargs: dict[str, Any] = field(factory=dict)
    context: dict[str, Any] | None = None


@frozen
class TransactionBody:
    """``POST /transaction`` body: the operations, checked one by one by ``domain.transaction``."""

    operations: list


@frozen
class UpsertBody:
    """``POST /{model}/upsert`` body: records matched by ``external_id``, or by the field ``match``."""

    data: list[dict[str, Any]]
    match: str | None = None
    context: dict[str, Any] | None = None


@frozen
class WebhookBody:
    """``POST /webhooks`` and ``PATCH /webhooks/{id}`` body (issue 25); checked by ``application.webhooks``."""

    url: str | None = None
    model: str | None = None
    events: list[str] | None = None
    query: str | None = None
    filter: list | None = None
    description: str | None = None
    active: bool | None = None
