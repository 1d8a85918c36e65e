"""Telling a file's type by its first bytes (``domain/file_types.py``)."""
import pytest

from rest_api.domain.file_types import sniff, upload_mimetype


@pytest.mark.parametrize(("content", "expected"), [
    (b"\x89PNG\r\n\x1a\n....", ("image/png", ".png")),
    (b"\xff\xd8\xff\xe0JFIF", ("image/jpeg", ".jpg")),
    (b"GIF87a..", ("image/gif", ".gif")),
    (b"GIF89a..", ("image/gif", ".gif")),
    (b"%PDF-1.4", ("application/pdf", ".pdf")),
    (b"hello", ("application/octet-stream", ".bin")),
    (b"", ("application/octet-stream", ".bin")),
])
def test_sniff(content, expected):
    assert expected == sniff(content)


@pytest.mark.parametrize(("declared", "expected"), [
    ("text/csv", "text/csv"), (None, "application/pdf"), ("application/octet-stream", "application/pdf"),
])
def test_a_declared_type_wins_unless_it_is_generic(declared, expected):
    assert expected == upload_mimetype(declared, b"%PDF-1.7")
