"""Writing uploaded files into Odoo: streamed into the filestore, never held whole in memory.

Odoo's own write path (``ir.attachment.create`` with ``raw``/``datas``) needs the whole
content in memory, several times over (base64, decoded, checksum). For files kept in
the filestore the upload is copied there chunk by chunk instead, hashed on the way;
the attachment row is created through the ORM as the user (so every access check
runs) and its content columns filled once the file is in place. What Odoo must see
whole (image fields, which it resizes; binary columns in the table; the ``db``
storage) goes through the ORM, bounded by ``max_body_bytes``.
"""
from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from collections.abc import Iterable

from attrs import frozen
from odoo import fields as odoo_fields
from odoo.tools.mimetypes import guess_mimetype

from ...application.ports import FileUpload, StoredFile
from ...domain.errors import PayloadTooLarge

HEAD_BYTES = 64 * 1024  # kept to guess the type and index text, as Odoo does on the whole file
GENERIC_TYPES = (None, "", "application/octet-stream")


@frozen
class FilestoreFile:
    """An upload now in the filestore: its name there, checksum, size and first bytes."""

    store_fname: str
    checksum: str
    size: int
    head: bytes


def _streamable(env, record, field_name: str) -> bool:
    field = record._fields[field_name]
    return (field.type == "binary" and field.attachment and not isinstance(field, odoo_fields.Image)
            and env["ir.attachment"]._storage() != "db")


def to_filestore(env, chunks: Iterable[bytes]) -> FilestoreFile:
    """Copy ``chunks`` into the filestore under their SHA-1, as ``ir.attachment._file_write`` names files."""
    attachments = env["ir.attachment"]
    root = attachments._full_path("")
    os.makedirs(root, exist_ok=True)
    digest, size, head = hashlib.sha1(), 0, b""
    with tempfile.NamedTemporaryFile(dir=root, prefix=".rest_api-upload-", delete=False) as temporary:
        try:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                if len(head) < HEAD_BYTES:
                    head += chunk[:HEAD_BYTES - len(head)]
                temporary.write(chunk)
        except BaseException:
            temporary.close()
            os.unlink(temporary.name)
            raise
    checksum = digest.hexdigest()
    store_fname = f"{checksum[:2]}/{checksum}"
    full_path = attachments._full_path(store_fname)
    if os.path.exists(full_path):  # the same content is already stored
        os.unlink(temporary.name)
    else:
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        os.replace(temporary.name, full_path)
        attachments._mark_for_gc(store_fname)  # removed again if this transaction rolls back
    return FilestoreFile(store_fname, checksum, size, head)


def _mimetype(declared: str | None, head: bytes) -> str:
    return guess_mimetype(head) if declared in GENERIC_TYPES else declared


def _fill(attachment, stored: FilestoreFile) -> None:
    """Point a fresh attachment row at its file (columns ``create``/``write`` refuse to set)."""
    index = attachment._index(stored.head, attachment.mimetype)
    attachment.env.cr.execute(
        "UPDATE ir_attachment SET store_fname = %s, checksum = %s, file_size = %s, db_datas = NULL,"
        " index_content = %s WHERE id = %s",
        (stored.store_fname, stored.checksum, stored.size, index or None, attachment.id))
    attachment.invalidate_recordset(["store_fname", "checksum", "file_size", "db_datas", "index_content"])


def _in_memory(chunks: Iterable[bytes], max_bytes: int) -> bytes:
    data = bytearray()
    for chunk in chunks:
        data += chunk
        if len(data) > max_bytes:
            raise PayloadTooLarge(f"This field keeps its content in memory: at most {max_bytes} bytes",
                                  {"limit": max_bytes})
    return bytes(data)


def write_binary(env, record, field_name: str, upload: FileUpload, max_memory_bytes: int) -> StoredFile:
    """Write ``upload`` into ``record[field_name]`` as the user; the record is visible already."""
    if not _streamable(env, record, field_name):
        data = _in_memory(upload.chunks, max_memory_bytes)
        record.write({field_name: base64.b64encode(data)})
        return StoredFile(None, field_name, _mimetype(upload.mimetype, data[:HEAD_BYTES]), len(data))
    # The user's own write (access rights, record rules, field groups, write_date) empties the
    # field; the new content becomes the field's attachment, created as the user too (Odoo's
    # Binary field creates it as superuser: the write just made holds the same checks).
    record.write({field_name: False})
    stored = to_filestore(env, upload.chunks)
    attachment = env["ir.attachment"].create({
        "name": field_name, "res_model": record._name, "res_field": field_name, "res_id": record.id,
        "type": "binary", "mimetype": _mimetype(upload.mimetype, stored.head)})
    _fill(attachment, stored)
    record.invalidate_recordset([field_name])
    return StoredFile(attachment.id, field_name, attachment.mimetype, stored.size)


def create_attachments(env, record, uploads: Iterable[FileUpload]) -> list[StoredFile]:
    """One ``ir.attachment`` per upload on ``record``, created as the user (write access needed)."""
    record.check_access("write")  # before reading any byte of the body
    made = []
    for upload in uploads:
        stored = to_filestore(env, upload.chunks)
        name = upload.filename or "file"
        attachment = env["ir.attachment"].create({
            "name": name, "res_model": record._name, "res_id": record.id, "type": "binary",
            "mimetype": _mimetype(upload.mimetype, stored.head)})
        _fill(attachment, stored)
        made.append(StoredFile(attachment.id, name, attachment.mimetype, stored.size))
    return made
