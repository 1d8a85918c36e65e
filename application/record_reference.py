"""A record named by its id or by its external id (``module.name``), as agents name records.

``external_record_id`` is the one place an external id becomes a record id: wire it to the
store's external-id lookup (issue 24) when there is one.
"""
from __future__ import annotations

import re
from typing import Any

from ..domain.errors import NotSupported, ValidationError
from ..domain.limits import INT4_MAX
from .session import Session

EXTERNAL_ID = re.compile(r"\A[A-Za-z0-9_][A-Za-z0-9_-]*\.[A-Za-z0-9_.-]{1,200}\Z")


def record_id(session: Session, model: str, reference: Any) -> int:
    """The id of the record ``reference`` names: an id (integer, or its digits) or an external id."""
    if isinstance(reference, str) and reference.isascii() and reference.isdigit() and len(reference) <= 10:
        reference = int(reference)
    if isinstance(reference, int) and not isinstance(reference, bool):
        if not 1 <= reference <= INT4_MAX:
            raise ValidationError(f"A record id is from 1 to {INT4_MAX}", {"id": reference})
        return reference
    if isinstance(reference, str) and EXTERNAL_ID.match(reference):
        return external_record_id(session, model, reference)
    raise ValidationError("Name the record by its id (an integer) or its external id (`module.name`, "
                          "e.g. `base.main_partner`)", {"id": str(reference)[:100]})


def external_record_id(session: Session, model: str, external_id: str) -> int:
    """The id of the record of ``model`` whose external id is ``external_id``.

    Not resolved yet on this branch: the external-id lookup of issue 24 plugs in here.
    """
    raise NotSupported(f"External ids are not resolved by this server yet: read {model} by its id",
                       {"model": model, "external_id": external_id})
