"""Reading one binary field as bytes with a filename and a mimetype, through ``ir.binary``."""
from __future__ import annotations

from odoo.exceptions import MissingError

from ...application.ports import BinaryContent
from ...domain.errors import Conflict

# The fields through which ir.binary serves an attachment's own content.
ATTACHMENT_CONTENT_FIELDS = ("datas", "raw", "db_datas")


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
    if stream.type == "path":
        with open(stream.path, "rb") as file:
            content = file.read()
    else:
        content = stream.data
    return BinaryContent(content, stream.download_name, stream.mimetype)


def _url_attachment(record, field: str) -> bool:
    """Whether ``field`` is the content of an attachment stored as an external URL (empty ``datas``)."""
    return (record._name == "ir.attachment" and field in ATTACHMENT_CONTENT_FIELDS
            and record.read(["type"])[0]["type"] == "url")
