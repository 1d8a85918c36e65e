"""The binary download use case (spec §7.4)."""
from __future__ import annotations

import base64

from ..domain.errors import NotFound
from ..domain.external_ids import RecordRef
from .external_ids import record_id as record_of
from .files import binary_field
from .outcome import Outcome
from .ports import BinaryContent
from .session import Session


def download_binary(session: Session, model_name: str, ref: RecordRef, field_name: str,
                    context: str | None = None) -> BinaryContent:
    """The content of a binary field: 400 when not binary, 404 when empty or unseen."""
    model = session.model(model_name)
    binary_field(session, model, field_name)
    record_id = record_of(session, model.name, ref)
    content = session.store_for_text(context).read_binary(model.name, record_id, field_name)
    if content is None:
        raise NotFound(f"Field {field_name} of {model.name} {record_id} is empty",
                       {"model": model.name, "id": record_id, "field": field_name})
    return content


def binary_as_json(content: BinaryContent, field_name: str) -> Outcome:
    """``?encoding=base64``: the content inside the envelope."""
    data = {"field": field_name, "filename": content.filename, "mimetype": content.mimetype,
            "content": base64.b64encode(content.content).decode("ascii")}
    return Outcome("Binary content retrieved successfully", data)
