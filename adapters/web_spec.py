"""The ``web_read`` specification of a resolved selection: Odoo's own batched nested read."""
from __future__ import annotations

from ..domain.resolution import ResolvedSelection


def web_specification(selection: ResolvedSelection) -> dict:
    """A resolved selection as ``web_read``'s specification (nested levels batched by Odoo)."""
    return {f.name: ({"fields": web_specification(f.nested)} if f.nested else {})
            for f in selection.fields}
