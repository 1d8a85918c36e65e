"""Naming and typing binary content by its first bytes (the common formats only)."""
from __future__ import annotations

from ...application.ports import BinaryContent

# (magic prefix, mimetype, extension)
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
    (b"%PDF-", "application/pdf", ".pdf"),
)
DEFAULT_MIMETYPE = "application/octet-stream"


def sniff(content: bytes) -> tuple[str, str]:
    """The mimetype and file extension of ``content`` (``.bin`` when unknown)."""
    for magic, mimetype, extension in SIGNATURES:
        if content.startswith(magic):
            return mimetype, extension
    return DEFAULT_MIMETYPE, ".bin"


def binary_content(model: str, record_id: int, field: str, content: bytes, name: str | None = None) -> BinaryContent:
    """``content`` with a sniffed mimetype and Odoo's ``ir.binary`` filename: the record's ``name``,
    else ``<table>-<id>-<field>``, with the extension of the mimetype."""
    mimetype, extension = sniff(content)
    stem = (name or f"{model.replace('.', '_')}-{record_id}-{field}").replace("\n", "_").replace("\r", "_")
    return BinaryContent(content, stem + (extension if mimetype != DEFAULT_MIMETYPE else ""), mimetype)
