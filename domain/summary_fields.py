"""The fields a person looks at first in a record: the default selection of an AI agent's reads
(MCP, issue 26), small enough for a model's context window.

The rule: ``id`` and ``display_name``, then ``name``, then the required fields, then the usual
first-look fields (``state``, ``email``, ``phone``, codes, dates, amounts, the partner), up to
``AGENT_SUMMARY_FIELDS`` in all; only short, readable, non-sensitive fields (no text, html,
binary or x2many). A many2one comes as ``{id, display_name}``, which says what it points at.
"""
from __future__ import annotations

from collections.abc import Callable, Collection

from .limits import AGENT_SUMMARY_FIELDS
from .model_info import FieldInfo, ModelInfo

SHORT_TYPES = frozenset({"char", "selection", "many2one", "date", "datetime", "monetary", "float",
                         "integer", "boolean"})
FIRST_LOOK = ("state", "email", "phone", "ref", "code", "default_code", "date", "date_order",
              "partner_id", "list_price", "amount_total", "active")
_OWN = frozenset({"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"})


def summary_fields(model: ModelInfo, sensitive: Collection[str],
                   most: int = AGENT_SUMMARY_FIELDS) -> list[str]:
    """The names of the summary fields of ``model``, in the order above."""
    chosen = [name for name in ("id", "display_name") if _usable(model.field(name), sensitive, own=True)]
    required = [name for name, field in model.fields.items() if field.required]
    for name in ("name", *required, *FIRST_LOOK):
        if len(chosen) >= most:
            break
        if name not in chosen and _usable(model.field(name), sensitive):
            chosen.append(name)
    return chosen


def summary_query(model: ModelInfo, sensitive: Collection[str], readable: Callable[[str], bool],
                  most: int = AGENT_SUMMARY_FIELDS) -> str:
    """The summary fields as a ``query`` selection, e.g. ``{id, display_name, partner_id{id, display_name}}``;
    a many2one is nested only where its model is ``readable`` (else its id alone)."""
    parts = [f"{name}{{id, display_name}}" if _nests(model.fields[name], readable) else name
             for name in summary_fields(model, sensitive, most)]
    return "{" + ", ".join(parts) + "}"


def _nests(field: FieldInfo, readable: Callable[[str], bool]) -> bool:
    return field.type == "many2one" and field.relation is not None and readable(field.relation)


def _usable(field: FieldInfo | None, sensitive: Collection[str], own: bool = False) -> bool:
    if field is None or not field.readable or field.name in sensitive:
        return False
    return own or (field.name not in _OWN and field.type in SHORT_TYPES)
