"""Files in request bodies (spec §14): one raw body, or the file parts of a multipart body."""
from __future__ import annotations

from collections.abc import Iterator

from ..application.ports import FileUpload
from ..domain.errors import UnsupportedMediaType, ValidationError
from ..domain.json_input import is_json_media_type
from .messages import HttpRequest
from .multipart import MultipartReader, Part, boundary_of, is_multipart


def _media_type(content_type: str | None) -> str | None:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media or None


def _parts(request: HttpRequest) -> Iterator[Part]:
    content_type = request.header("content-type") or ""
    return MultipartReader(request.body_chunks(), boundary_of(content_type)).parts()


def single_upload(request: HttpRequest) -> FileUpload:
    """The one file of a ``PUT``: the raw body with its type, or the one file part of a multipart body."""
    content_type = request.header("content-type")
    if is_multipart(content_type):
        parts = _parts(request)
        first = next((part for part in parts if part.is_file), None)
        if first is None:
            raise ValidationError("The multipart body has no file part")
        return FileUpload(first.filename, _media_type(first.content_type), _only_file(first, parts))
    if not content_type or is_json_media_type(content_type):
        raise UnsupportedMediaType(
            "Send the file as the raw body with its own (non-JSON) Content-Type, or as multipart/form-data",
            {"content_type": content_type})
    return FileUpload(None, _media_type(content_type), request.body_chunks())


def _only_file(first: Part, rest: Iterator[Part]) -> Iterator[bytes]:
    """The first file's bytes; then a 400 if another file part follows (nothing is kept)."""
    yield from first.chunks
    if any(part.is_file for part in rest):
        raise ValidationError("Send exactly one file part to write a binary field")


def file_uploads(request: HttpRequest) -> Iterator[FileUpload]:
    """Every file part of a multipart body, in order (plain form fields are skipped)."""
    content_type = request.header("content-type")
    if not is_multipart(content_type):
        raise UnsupportedMediaType("Attachments are uploaded as multipart/form-data",
                                   {"content_type": content_type})
    for part in _parts(request):
        if part.is_file:
            yield FileUpload(part.filename, _media_type(part.content_type), part.chunks)
