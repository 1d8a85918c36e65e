"""Binary content held in memory, named as Odoo's ir.binary names it and typed by its first bytes
(the in-memory store and the RPC store, which both hold the bytes rather than a file)."""
from __future__ import annotations

import os.path

from ..application.ports import BinaryContent
from ..domain.file_types import DEFAULT_MIMETYPE, sniff


def download_name(name: object, table: str, record_id: int, field: str, extension: str) -> str:
    """Odoo's ``ir.binary`` filename: the record's ``name``, else ``<table>-<id>-<field>``, line
    breaks made safe, and ``extension`` (the mimetype's) added when the name has none."""
    stem = str(name or f"{table}-{record_id}-{field}").replace("\n", "_").replace("\r", "_")
    return stem if os.path.splitext(stem)[1] else stem + extension


def binary_content(model: str, record_id: int, field: str, content: bytes, name: str | None = None) -> BinaryContent:
    """``content`` with a sniffed mimetype and Odoo's ``ir.binary`` filename."""
    mimetype, extension = sniff(content)
    filename = download_name(name, model.replace(".", "_"), record_id, field,
                             extension if mimetype != DEFAULT_MIMETYPE else "")
    return BinaryContent(content, filename, mimetype)
