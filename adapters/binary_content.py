"""Binary content held in memory, named as Odoo's ir.binary names it and typed by its first bytes
(the in-memory store and the RPC store, which both hold the bytes rather than a file)."""
from __future__ import annotations

from ..application.ports import BinaryContent
from ..domain.file_types import DEFAULT_MIMETYPE, sniff


def binary_content(model: str, record_id: int, field: str, content: bytes, name: str | None = None) -> BinaryContent:
    """``content`` with a sniffed mimetype and Odoo's ``ir.binary`` filename: the record's ``name``,
    else ``<table>-<id>-<field>``, with the extension of the mimetype."""
    mimetype, extension = sniff(content)
    stem = (name or f"{model.replace('.', '_')}-{record_id}-{field}").replace("\n", "_").replace("\r", "_")
    return BinaryContent(content, stem + (extension if mimetype != DEFAULT_MIMETYPE else ""), mimetype)
