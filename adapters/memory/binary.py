"""Naming and typing binary content by its first bytes (the common formats only)."""
from __future__ import annotations

from ...application.ports import BinaryContent
from ...domain.file_types import sniff

def binary_content(model: str, record_id: int, field: str, content: bytes) -> BinaryContent:
    """``content`` with a sniffed mimetype and a ``<model>-<id>-<field>.<ext>`` filename."""
    mimetype, extension = sniff(content)
    return BinaryContent(content, f"{model}-{record_id}-{field}{extension}", mimetype)
