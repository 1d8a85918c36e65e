"""The streaming multipart/form-data reader: parts in order, bytes in chunks, bad bodies refused."""
import pytest

from rest_api.controllers.multipart import MultipartReader, boundary_of, is_multipart
from rest_api.domain.errors import ValidationError

BOUNDARY = b"XyZ123"


def body(*parts: tuple[str, bytes]) -> bytes:
    out = b"preamble\r\n"
    for headers, content in parts:
        out += b"--" + BOUNDARY + b"\r\n" + headers.encode() + b"\r\n\r\n" + content + b"\r\n"
    return out + b"--" + BOUNDARY + b"--\r\nepilogue"


def file_part(name: str, filename: str, content: bytes, content_type: str = "text/plain"):
    return (f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}", content)


def read_all(raw: bytes, chunk: int):
    chunks = (raw[i:i + chunk] for i in range(0, len(raw), chunk))
    return [(p.name, p.filename, p.content_type, b"".join(p.chunks))
            for p in MultipartReader(chunks, BOUNDARY).parts()]


@pytest.mark.parametrize("chunk", [1, 2, 7, 64, 100_000])  # boundaries split across every chunk edge
def test_parts_come_whole_whatever_the_chunking(chunk):
    raw = body(file_part("a", "a.txt", b"first\r\n--XyZ12 almost a boundary"),
               ('Content-Disposition: form-data; name="note"', b"plain field"),
               file_part("b", "b.bin", bytes(range(256)) * 10, "application/octet-stream"))
    assert [("a", "a.txt", "text/plain", b"first\r\n--XyZ12 almost a boundary"),
            ("note", None, None, b"plain field"),
            ("b", "b.bin", "application/octet-stream", bytes(range(256)) * 10)] == read_all(raw, chunk)


def test_unread_parts_are_skipped():
    raw = body(file_part("a", "a.txt", b"x" * 1000), file_part("b", "b.txt", b"second"))
    parts = MultipartReader([raw], BOUNDARY).parts()
    next(parts)  # not read
    assert b"second" == b"".join(next(parts).chunks)


def test_rfc5987_filename_wins():
    raw = body(("Content-Disposition: form-data; name=\"f\"; filename=\"a.txt\"; "
                "filename*=UTF-8''%C3%A9t%C3%A9.txt", b"x"))
    assert "été.txt" == read_all(raw, 10)[0][1]


@pytest.mark.parametrize("raw, message", [
    (b"no boundary at all", "no boundary line"),
    (b"--XyZ123\r\nContent-Disposition: form-data; name=a\r\n\r\nunfinished", "ends inside a part"),
    (b"--XyZ123junk", "must end with CRLF"),
    (b"--XyZ123\r\n" + b"X-Long: " + b"a" * 20000, "too long"),
])
def test_malformed_bodies_are_a_400(raw, message):
    with pytest.raises(ValidationError, match=message):
        read_all(raw, 5)


def test_boundary_of_content_types():
    assert b"abc" == boundary_of("multipart/form-data; boundary=abc")
    assert b"a b" == boundary_of('multipart/form-data; boundary="a b"')
    assert is_multipart("Multipart/Form-Data; boundary=x") and not is_multipart("text/plain")
    with pytest.raises(ValidationError):
        boundary_of("multipart/form-data")
