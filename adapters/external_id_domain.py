"""The ``ir.model.data`` domain of a set of external ids, shared by the Odoo and RPC stores."""
from __future__ import annotations

from collections.abc import Collection


def names_domain(names: Collection[str]) -> list:
    """The domain matching the ``ir.model.data`` rows of ``names`` (``module.name``); [] for none."""
    by_module: dict[str, list[str]] = {}
    for text in names:
        module, _dot, name = text.partition(".")
        by_module.setdefault(module, []).append(name)
    domain: list = ["|"] * (len(by_module) - 1)
    for module, module_names in by_module.items():
        domain += ["&", ["module", "=", module], ["name", "in", module_names]]
    return domain


def found_names(rows: list[dict]) -> dict[str, tuple[str, int]]:
    """``ir.model.data`` rows as ``module.name`` → (model, record id)."""
    return {f"{row['module']}.{row['name']}": (row["model"], row["res_id"]) for row in rows}
