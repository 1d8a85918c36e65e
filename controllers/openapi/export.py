"""The CSV and XLSX answers of ``GET /{model}`` in the OpenAPI document."""
from __future__ import annotations

from ...domain.limits import XLSX_TYPE

CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = XLSX_TYPE

FORMAT_PARAMETER = {
    "name": "format", "in": "query", "schema": {"enum": ["json", "csv", "xlsx"]}, "example": "json",
    "description": "`csv` or `xlsx`: the same records as a file, nested fields as dotted columns "
                   "(`company_id.name`), x2many as comma-separated ids; also chosen by `Accept: "
                   f"{CSV_MEDIA_TYPE}` or `{XLSX_MEDIA_TYPE}` (default `json`)"}


def with_file_answers(operation: dict) -> dict:
    """The list operation with ``format`` and the CSV/XLSX forms of its 200 answer."""
    answer = dict(operation["responses"]["200"])
    answer["content"] = {**answer["content"],
                         CSV_MEDIA_TYPE: {"schema": {"type": "string"}},
                         XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}
    answer["headers"] = {**answer.get("headers", {}), "X-Total-Count": {
        "description": "CSV/XLSX answers: how many records match the filter (all pages)",
        "schema": {"type": "integer", "minimum": 0}}}
    return {**operation, "parameters": [*operation.get("parameters", []), FORMAT_PARAMETER],
            "responses": {**operation["responses"], "200": answer}}
