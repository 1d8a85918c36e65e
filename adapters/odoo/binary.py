"""Reading one binary field through ``ir.binary``: a file in the filestore is streamed, never loaded."""
from __future__ import annotations

import base64
from collections.abc import Iterator
from mimetypes import guess_extension

from attrs import frozen
from odoo.exceptions import MissingError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from ...application.ports import BinaryContent, ByteSource
from ...domain.errors import Conflict, ValidationError
from ...domain.file_types import DEFAULT_MIMETYPE
from ..binary_content import download_name

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
    if record._fields[field].type != "binary":
        raise ValidationError(f"Field {field} of model {record._name} is not a binary field",
                              {"model": record._name, "field": field})
    record.check_access("read")
    if not _has_content(record, field):
        return None
    if not request:  # no HTTP request (shell, cron, tests): ir.binary needs one for the filestore path
        return _content_outside_a_request(record, field)
    try:
        stream = env["ir.binary"]._get_stream_from(record, field)
    except MissingError:
        return None
    if stream.type == "url":
        raise Conflict("This content is stored at an external URL and cannot be downloaded here",
                       {"url": stream.url})
    if not stream.size:
        return None
    source = FileBytes(stream.path, stream.size) if stream.type == "path" else stream.data
    return BinaryContent(source, stream.download_name, stream.mimetype)


def _has_content(record, field: str) -> bool:
    """Whether the field may hold something, found without loading it.

    (Reading a field kept in an attachment with ``bin_size`` still loads the whole
    content in Odoo 18, as does an attachment's computed ``datas``: never read those.)
    """
    if record._name == "ir.attachment" and field in ATTACHMENT_CONTENT_FIELDS:
        [info] = record.read(["type", "file_size"])
        return info["type"] == "url" or bool(info["file_size"])
    if record._fields[field].attachment:
        record.check_field_access_rights("read", [field])  # the field's groups
        return True  # ir.binary says whether its attachment exists
    # A column: read() enforces the field's groups, and bin_size reads only its size.
    return bool(record.with_context(bin_size=True).read([field])[0][field])


def _content_outside_a_request(record, field: str) -> BinaryContent | None:
    """What ``ir.binary`` would serve, read through the ORM: same name and mimetype rules."""
    value = record.with_context(bin_size=False)[field]
    if not value:
        return None
    content = base64.b64decode(value)
    mimetype = guess_mimetype(content[:1024], default=DEFAULT_MIMETYPE)
    extension = (guess_extension(mimetype) or "") if mimetype != DEFAULT_MIMETYPE else ""
    name = download_name(record["name"] if "name" in record else "", record._table, record.id, field, extension)
    return BinaryContent(content, name, mimetype)
