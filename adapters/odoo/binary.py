"""Reading one binary field through ``ir.binary``: a file in the filestore is streamed, never loaded."""
from __future__ import annotations

from collections.abc import Iterator

from attrs import frozen
from odoo.exceptions import MissingError

from ...application.ports import BinaryContent, ByteSource
from ...domain.errors import Conflict

# The fields through which ir.binary serves an attachment's own content.
ATTACHMENT_CONTENT_FIELDS = ("datas", "raw", "db_datas")


@frozen
class FileBytes(ByteSource):
    """A file on disk, opened only when its bytes are sent (after the transaction ended)."""

    path: str
    file_size: int

    @property
    def size(self) -> int:
        return self.file_size

    def chunks(self, start: int, end: int) -> Iterator[bytes]:
        with open(self.path, "rb") as file:
            file.seek(start)
            remaining = end - start + 1
            while remaining > 0:
                chunk = file.read(min(self.CHUNK_SIZE, remaining))
                if not chunk:
                    return
                remaining -= len(chunk)
                yield chunk


def binary_content(env, record, field: str) -> BinaryContent | None:
    """The field's content, or None when empty. Access is checked before anything is read."""
    record.check_access("read")
    # read() enforces the field's groups, which attribute access would not.
    if not record.with_context(bin_size=True).read([field])[0][field] and not _url_attachment(record, field):
        return None
    try:
        stream = env["ir.binary"]._get_stream_from(record, field)
    except MissingError:
        return None
    if stream.type == "url":
        raise Conflict("This content is stored at an external URL and cannot be downloaded here",
                       {"url": stream.url})
    source = FileBytes(stream.path, stream.size) if stream.type == "path" else stream.data
    return BinaryContent(source, stream.download_name, stream.mimetype)


def _url_attachment(record, field: str) -> bool:
    """Whether ``field`` is the content of an attachment stored as an external URL (empty ``datas``)."""
    return (record._name == "ir.attachment" and field in ATTACHMENT_CONTENT_FIELDS
            and record.read(["type"])[0]["type"] == "url")
