"""Rows read over RPC, back in the shapes the ``RecordStore`` port promises (dates as objects)."""
from __future__ import annotations

import datetime as dt
from ...domain.resolution import ResolvedSelection

_PARSERS = {
    "date": dt.date.fromisoformat,
    "datetime": lambda text: dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S"),
}


def typed_rows(rows: list[dict], selection: ResolvedSelection) -> list[dict]:
    """``rows`` with the date and datetime texts of JSON-RPC parsed again, nested levels included."""
    for row in rows:
        for resolved in selection.fields:
            value = row.get(resolved.name)
            parse = _PARSERS.get(resolved.field.type)
            if parse is not None and isinstance(value, str):
                row[resolved.name] = parse(value)
            elif resolved.nested is not None and value:
                typed_rows(value if isinstance(value, list) else [value], resolved.nested)
    return rows

