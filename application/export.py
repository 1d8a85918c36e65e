"""Use case: a list (``GET /{model}``) as a table, for the CSV and XLSX answers."""
from __future__ import annotations

from attrs import frozen

from ..domain.table import Table, records_table
from .read import list_page
from .requests import ListQuery
from .session import Session


@frozen
class TableExport:
    """The table of one list page, the total count matching the filter, and the model."""

    model: str
    table: Table
    total: int


def export_records(session: Session, model_name: str, params: ListQuery) -> TableExport:
    """The same records as the JSON list (selection, filter, order, paging), as a table."""
    found = list_page(session, model_name, params)
    return TableExport(model_name, records_table(found.selection, found.records), found.total)
