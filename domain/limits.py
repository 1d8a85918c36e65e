"""Limits and names, each spelled once: the bounds PostgreSQL and Odoo set, and the shapes of the
names the API accepts (fields, methods, models)."""
from __future__ import annotations

import re

# PostgreSQL's int4: ids are int4 serials, so no id, count, page or offset is larger.
INT4_MIN, INT4_MAX = -(2**31), 2**31 - 1
# A field, method or context key: Python's identifier rule in ASCII.
IDENTIFIER_PATTERN = r"[A-Za-z_][A-Za-z0-9_]*"
IDENTIFIER = re.compile(rf"\A{IDENTIFIER_PATTERN}\Z")
# A model's technical name (``res.partner``): Odoo's ``_name`` rule.
MODEL_NAME_PATTERN = r"[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*"
MODEL_NAME = re.compile(rf"\A{MODEL_NAME_PATTERN}\Z")
# The longest name (model, field, method) a path or a parameter may carry.
NAME_LENGTH = 128
# The field types that hold numbers (sum, average, numeric comparison).
NUMERIC_TYPES = frozenset({"integer", "float", "monetary"})
# The media type of an XLSX workbook.
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def comma_list(text: str | None) -> list[str]:
    """``"a, b,,a"`` as ``["a", "b"]``: the parts, stripped, empty ones left out, each once."""
    return list(dict.fromkeys(part.strip() for part in (text or "").split(",") if part.strip()))

# MCP (issue 26): an agent's context is small; a page and a default selection sized for it.
AGENT_PAGE_SIZE = 20
AGENT_SUMMARY_FIELDS = 8
