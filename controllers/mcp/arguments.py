"""The arguments of each MCP tool, as sent: structured strictly (unknown names and wrong types are
one ``ValidationError`` listing them all, which the agent gets as a tool error)."""
from __future__ import annotations

from typing import Any

from attrs import field, frozen


@frozen
class ListModelsArguments:
    search: str | None = None


@frozen
class DescribeModelArguments:
    model: str
    attributes: list[str] | None = None


@frozen
class SearchArguments:
    model: str
    domain: list = field(factory=list)
    query: str | None = None
    order: str | list[str] | None = None
    limit: int | None = None
    page: int = 1


@frozen
class ReadArguments:
    model: str
    id: Any  # an id (integer) or an external id ("module.name"), told apart by ``record_reference``
    query: str | None = None


@frozen
class AggregateArguments:
    model: str
    groupby: list[str] = field(factory=list)
    aggregates: list[str] = field(factory=list)
    domain: list = field(factory=list)
    order: str | None = None
    limit: int | None = None


@frozen
class CreateArguments:
    model: str
    values: dict[str, Any]
    query: str | None = None


@frozen
class UpdateArguments:
    model: str
    values: dict[str, Any]
    ids: list[int] | None = None
    domain: list | None = None


@frozen
class DeleteArguments:
    model: str
    ids: list[int]


@frozen
class CallArguments:
    model: str
    method: str
    ids: list[int] | None = None
    args: list = field(factory=list)
    kwargs: dict[str, Any] = field(factory=dict)
