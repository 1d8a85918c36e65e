"""Telling a file's type by its first bytes (the common formats only), for stores that keep none."""
from __future__ import annotations

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


def upload_mimetype(declared: str | None, content: bytes) -> str:
    """The type a client declared, or one sniffed from the bytes when it gave none (or a generic one)."""
    if declared and declared != DEFAULT_MIMETYPE:
        return declared
    return sniff(content)[0]
