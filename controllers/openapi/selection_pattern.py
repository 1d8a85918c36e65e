"""The ``query`` field selection (spec §5) of one model as a JSON Schema ``pattern``.

The pattern is a subset of the grammar of ``domain/selection.py`` that the server always
accepts on this model: its readable fields by name, nested selections of ``*``, ``id`` and
``display_name`` on its relations (the related model's own fields are its document's business),
and either inclusions or exclusions (the grammar refuses a name both included and excluded).
"""
from __future__ import annotations

import re
from collections.abc import Collection

from ...domain.model_info import ModelInfo
from .parts import readable_fields

_SPACE = r"[ \t\n\r\x0b\x0c]*"  # the grammar's ASCII whitespace, free between tokens


def _either(names: list[str]) -> str:
    return "(" + "|".join(re.escape(name) for name in names) + ")"


def _listed(item: str) -> str:
    return f"{item}({_SPACE},{_SPACE}{item})*"


def selection_pattern(model: ModelInfo, sensitive: Collection[str]) -> str:
    """The pattern of the selections of ``model`` this user may send."""
    fields = readable_fields(model, sensitive)
    names = _either([field.name for field in fields])
    relations = [field.name for field in fields if field.is_relational]
    nested_items = _listed(r"(\*|id|display_name)")
    nested = rf"\{{{_SPACE}({nested_items})?{_SPACE}\}}"
    included = r"\*|" + names + (f"|{_either(relations)}{_SPACE}{nested}" if relations else "")
    excluded = _listed(f"(-{_SPACE}{names})")
    star_first = rf"(\*{_SPACE},{_SPACE})?"
    body = f"{_listed(f'({included})')}|{star_first}{excluded}"
    return rf"^{_SPACE}(\{{{_SPACE}({body})?{_SPACE}\}}{_SPACE})?$"  # empty: absent, every field


def selection_schema(model: ModelInfo, sensitive: Collection[str]) -> dict:
    """The schema of a ``query`` on ``model``: a string of the selection language."""
    return {"type": "string", "pattern": selection_pattern(model, sensitive),
            "description": "Field selection, e.g. `{id, name, company_id{display_name}}`; none means `{*}`",
            "examples": ["{id, name}"]}
