"""The addon's version, licence and author, as its manifest says (read without Odoo, for the demo and
the gateway too)."""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

MANIFEST = Path(__file__).resolve().parents[1] / "__manifest__.py"
# The SPDX identifiers of the licence names Odoo manifests use.
SPDX = {"LGPL-3": "LGPL-3.0-only", "AGPL-3": "AGPL-3.0-only", "GPL-3": "GPL-3.0-only",
        "OPL-1": "LicenseRef-OPL-1", "Other proprietary": "LicenseRef-Proprietary"}


@cache
def _manifest() -> dict:
    return ast.literal_eval(MANIFEST.read_text(encoding="utf-8"))


def module_version() -> str:
    """``version`` of ``__manifest__.py``."""
    return str(_manifest()["version"])


def module_license() -> tuple[str, str]:
    """``license`` of ``__manifest__.py``, and its SPDX identifier."""
    name = str(_manifest()["license"])
    return name, SPDX.get(name, f"LicenseRef-{name.replace(' ', '-')}")


def module_author() -> str:
    """``author`` of ``__manifest__.py``."""
    return str(_manifest()["author"])
