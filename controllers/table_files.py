"""CSV and XLSX renderings of a table, and choosing one from ``?format=`` or ``Accept``.

Spreadsheet formula injection: a CSV cell holding text that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is prefixed with ``'``, so that a spreadsheet
opening the file shows the text instead of running it as a formula (OWASP's advice).
Numbers are never prefixed. XLSX cells are written as typed cells (``write_string``
for text, with formula and URL detection off), which a spreadsheet never evaluates,
so their text is left exactly as stored.
"""
from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from ..domain.errors import ServiceUnavailable, ValidationError
from ..domain.table import Table
from ..domain.limits import XLSX_TYPE

CSV_TYPE = "text/csv; charset=utf-8"
JSON_FORMAT, CSV_FORMAT, XLSX_FORMAT = "json", "csv", "xlsx"
FORMATS = (JSON_FORMAT, CSV_FORMAT, XLSX_FORMAT)
_MEDIA_TYPES = {"application/json": JSON_FORMAT, "text/csv": CSV_FORMAT,
                XLSX_TYPE: XLSX_FORMAT, "*/*": JSON_FORMAT, "application/*": JSON_FORMAT}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = str.maketrans({char: "_" for char in "[]:*?/\\"})


def answer_format(format_param: str | None, accept: str | None) -> str:
    """``json``, ``csv`` or ``xlsx``: ``?format=`` when given, else the first known ``Accept`` type."""
    if format_param is not None:
        if format_param not in FORMATS:
            raise ValidationError(f"format must be one of {', '.join(FORMATS)}",
                                  {"format": format_param[:40]})
        return format_param
    for media_type in (accept or "").split(","):
        found = _MEDIA_TYPES.get(media_type.split(";")[0].strip().lower())
        if found is not None:
            return found
    return JSON_FORMAT


def guarded_text(text: str) -> str:
    """``text``, prefixed with ``'`` when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return guarded_text(value)
    return guarded_text(json.dumps(value, ensure_ascii=False))


def table_csv(table: Table) -> bytes:
    """RFC 4180 CSV (CRLF line ends, quotes where needed), UTF-8, one header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([guarded_text(header) for header in table.headers])
    writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
    return out.getvalue().encode("utf-8")


def table_xlsx(table: Table, sheet: str) -> bytes:
    """One worksheet: a bold header row, then typed cells (numbers, booleans, text)."""
    try:
        import xlsxwriter  # shipped with Odoo; imported here so CSV needs nothing
    except ImportError as exc:
        raise ServiceUnavailable("XLSX export needs the Python package xlsxwriter",
                                 {"dependency": "xlsxwriter"}) from exc
    out = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}
    with xlsxwriter.Workbook(out, options) as workbook:
        worksheet = workbook.add_worksheet(sheet.translate(_SHEET_FORBIDDEN)[:31] or "Sheet1")
        bold = workbook.add_format({"bold": True})
        for col, header in enumerate(table.headers):
            worksheet.write_string(0, col, header, bold)
        for row_number, row in enumerate(table.rows, start=1):
            for col, value in enumerate(row):
                _write_cell(worksheet, row_number, col, value)
    return out.getvalue()


def _write_cell(worksheet: Any, row: int, col: int, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        worksheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float)) and math.isfinite(value):
        worksheet.write_number(row, col, value)
    elif isinstance(value, str):
        worksheet.write_string(row, col, value)
    else:
        worksheet.write_string(row, col, json.dumps(value, ensure_ascii=False))
