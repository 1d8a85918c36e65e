"""The addon's version, as its manifest says (read without Odoo, for the demo and the gateway too)."""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

MANIFEST = Path(__file__).resolve().parents[1] / "__manifest__.py"


@cache
def module_version() -> str:
    """``version`` of ``__manifest__.py``."""
    return str(ast.literal_eval(MANIFEST.read_text(encoding="utf-8"))["version"])
