"""A record named by an agent: its id (an integer, or its digits) or one of its external ids
(``module.name``, issue 24), as the MCP tools take it."""
from __future__ import annotations

from typing import Any

from ..domain.errors import ValidationError
from ..domain.external_ids import FORM_TEXT, ExternalId, RecordRef
from ..domain.ids import path_id


def record_ref(reference: Any) -> RecordRef:
    """``reference`` as a record id or an external id; a ``ValidationError`` when it is neither."""
    if isinstance(reference, int) and not isinstance(reference, bool):
        reference = str(reference)
    if isinstance(reference, str):
        found = path_id(reference)
        if found is not None:
            return found
        named = ExternalId.parse(reference)
        if named is not None:
            return named
    raise ValidationError(f"Name the record by its id (an integer) or its external id, {FORM_TEXT}, "
                          "e.g. `base.main_partner`", {"id": str(reference)[:100]})
