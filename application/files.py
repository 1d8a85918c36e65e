"""Uploading files (spec §14): binary fields written or emptied, attachments added to a record."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..domain.errors import AccessError, PayloadTooLarge, ValidationError
from ..domain.model_info import FieldInfo, ModelInfo
from ..domain.external_ids import RecordRef
from .external_ids import record_id as record_of
from .outcome import Outcome
from .ports import FileUpload, StoredFile
from .session import Session
from .write_values import MAGIC_FIELDS
from .capabilities import FileStore, capability


def binary_field(session: Session, model: ModelInfo, name: str, writing: bool = False) -> FieldInfo:
    """The binary field ``name``: 400 unknown or not binary (or read-only when writing),
    403 sensitive or outside the user's groups."""
    field = model.field(name)
    if field is None:
        raise ValidationError(f"Unknown field {name} on model {model.name}",
                              {"model": model.name, "fields": [name]})
    if name in session.sensitive or not field.readable:
        verb = "written" if writing else "read"
        raise AccessError(f"Field {name} of model {model.name} cannot be {verb}",
                          model.refused_fields([name]))
    if not field.is_binary:
        raise ValidationError(f"Field {name} of model {model.name} is not a binary field",
                              {"model": model.name, "field": name, "type": field.type})
    if writing and (field.readonly or name in MAGIC_FIELDS):
        raise ValidationError(f"Field {name} of model {model.name} is read-only",
                              {"model": model.name, "field": name})
    return field


def limited(chunks: Iterable[bytes], max_bytes: int) -> Iterator[bytes]:
    """``chunks`` as they come; ``PayloadTooLarge`` as soon as they add up to more than ``max_bytes``."""
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > max_bytes:
            raise PayloadTooLarge(f"Uploaded file exceeds {max_bytes} bytes", {"limit": max_bytes})
        yield chunk


def _bounded(session: Session, upload: FileUpload) -> FileUpload:
    return FileUpload(upload.filename, upload.mimetype,
                      limited(upload.chunks, session.settings.max_upload_bytes))


def upload_binary(session: Session, model_name: str, ref: RecordRef, field_name: str,
                  upload: FileUpload) -> Outcome:
    """Write ``upload`` into a binary field of one record."""
    model = session.model(model_name, "write")
    binary_field(session, model, field_name, writing=True)
    record_id = record_of(session, model.name, ref)
    files = capability(session.store, FileStore)
    stored = files.write_binary(model.name, record_id, field_name, _bounded(session, upload))
    return Outcome("Binary field written successfully",
                   {"id": record_id, "field": field_name, "size": stored.size, "mimetype": stored.mimetype})


def clear_binary(session: Session, model_name: str, ref: RecordRef, field_name: str) -> Outcome:
    """Empty a binary field of one record."""
    model = session.model(model_name, "write")
    binary_field(session, model, field_name, writing=True)
    record_id = record_of(session, model.name, ref)
    session.store.write(model.name, [record_id], {field_name: False})
    return Outcome("Binary field cleared successfully",
                   {"id": record_id, "field": field_name, "size": 0, "mimetype": None})


def add_attachments(session: Session, model_name: str, ref: RecordRef,
                    uploads: Iterable[FileUpload]) -> Outcome:
    """Attach the uploaded files to one record (write access to it needed) → 201."""
    model = session.model(model_name, "write")
    record_id = record_of(session, model.name, ref)
    stored = capability(session.store, FileStore).create_attachments(
        model.name, record_id, (_bounded(session, upload) for upload in uploads))
    if not stored:
        raise ValidationError("No file in the request: send multipart/form-data with at least one file part")
    records = [_attachment(item) for item in stored]
    return Outcome("Attachments created successfully", {"records": records, "count": len(records)},
                   status=201)


def _attachment(stored: StoredFile) -> dict:
    return {"id": stored.id, "name": stored.name, "mimetype": stored.mimetype, "file_size": stored.size}
