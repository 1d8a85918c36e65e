"""Records as a table (CSV/XLSX export): one column per leaf of the selection, dotted names.

``{id, name, company_id{name}, category_id}`` gives the columns ``id``, ``name``,
``company_id.name``, ``category_id``. Cells hold the JSON values of the records
(spec §4), except:
- an x2many without a nested selection is its ids comma-separated: ``"1,3"``;
- below an x2many with a nested selection (``category_id{name}``), a cell joins the
  related records' values in their order, ids with ``","`` like above, other values
  with ``", "``: ``category_id.id`` ``"1,3"``, ``category_id.name`` ``"Vendor, Services"``;
- an empty relation gives empty cells (None).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from attrs import frozen

from .resolution import ResolvedSelection

JOIN = ", "


@frozen
class Column:
    """One column: its dotted header and the path of field names that reaches it."""

    header: str
    path: tuple[str, ...]


@frozen
class Table:
    """A header row and the rows of cells (None for an empty cell)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)


def table_columns(selection: ResolvedSelection, prefix: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """The columns of ``selection``, depth first, in selection order."""
    columns: list[Column] = []
    for resolved in selection.fields:
        path = prefix + (resolved.name,)
        if resolved.nested is None:
            columns.append(Column(".".join(path), path))
        else:
            columns.extend(table_columns(resolved.nested, path))
    return tuple(columns)


def records_table(selection: ResolvedSelection, records: Sequence[Mapping[str, Any]]) -> Table:
    """The JSON-encoded ``records`` of ``selection`` as a table."""
    columns = table_columns(selection)
    getters = [_cell_getter(column.path) for column in columns]
    return Table(columns, tuple(tuple(get(record) for get in getters) for record in records))


def _cell_getter(path: tuple[str, ...]) -> Callable[[Mapping[str, Any]], Any]:
    def cell(record: Mapping[str, Any]) -> Any:
        values, crossed_list = _leaves(record, path)
        if crossed_list:
            shown = [_flat(value) for value in values if value is not None]
            joiner = "," if all(_is_id(value) for value in shown) else JOIN
            return joiner.join(str(value) for value in shown) if shown else None
        return _flat(values[0]) if values else None
    return cell


def _leaves(record: Mapping[str, Any], path: tuple[str, ...]) -> tuple[list[Any], bool]:
    """The values at the end of ``path``, and whether an x2many of records was crossed."""
    current: list[Any] = [record]
    crossed = False
    for name in path[:-1]:
        following: list[Any] = []
        for item in current:
            value = item.get(name)
            if isinstance(value, list):
                crossed = True
                following.extend(value)
            elif isinstance(value, Mapping):
                following.append(value)
        current = following
    return [item.get(path[-1]) for item in current], crossed


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _flat(value: Any) -> Any:
    """An x2many's ids as ``"1,2,3"`` (None when empty); anything else unchanged."""
    if isinstance(value, list) and all(_is_id(item) for item in value):
        return ",".join(map(str, value)) or None
    return value
