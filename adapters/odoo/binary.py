"""Reading one binary field as bytes with a filename and a mimetype, through ``ir.binary``."""
from __future__ import annotations

import base64
from mimetypes import guess_extension

from odoo.exceptions import MissingError
from odoo.http import request
from odoo.tools.mimetypes import get_extension, guess_mimetype

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
    if not request:  # no HTTP request (shell, cron, tests): ir.binary needs one for the filestore path
        return _content_outside_a_request(record, field)
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


def _content_outside_a_request(record, field: str) -> BinaryContent | None:
    """What ``ir.binary`` would serve, read through the ORM: same name and mimetype rules."""
    value = record.with_context(bin_size=False)[field]
    if not value:
        return None
    content = base64.b64decode(value)
    mimetype = guess_mimetype(content[:1024], default="application/octet-stream")
    name = (record["name"] if "name" in record else "") or f"{record._table}-{record.id}-{field}"
    name = str(name).replace("\n", "_").replace("\r", "_")
    if not get_extension(name) and mimetype != "application/octet-stream":
        name += guess_extension(mimetype) or ""
    return BinaryContent(content, name, mimetype)
