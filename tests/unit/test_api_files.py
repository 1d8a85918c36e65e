"""Files through the HTTP edge (spec §14): uploads, clearing, attachments, Range downloads."""
import base64

import pytest

from api_client import ApiClient
from rest_api.domain.settings import ApiSettings

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
FIELD = "/api/v1/res.partner/1/image_1920"


def multipart(*files: tuple[str, bytes, str], boundary: str = "b0undary") -> tuple[bytes, dict]:
    out = b""
    for filename, content, content_type in files:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n").encode() + content + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_raw_upload_then_download(api):
    reply = api.put(FIELD, body=PNG, headers={"Content-Type": "image/png"})
    assert (200, {"id": 1, "field": "image_1920", "size": len(PNG), "mimetype": "image/png"}) == \
        (reply.status, reply.data)
    download = api.get(FIELD)
    assert (200, PNG, "bytes") == (download.status, download.body, download.headers["accept-ranges"])


def test_multipart_upload_sniffs_a_generic_type(api):
    body, headers = multipart(("pixel.png", PNG, "application/octet-stream"))
    reply = api.put(FIELD, body=body, headers=headers)
    assert (200, "image/png", len(PNG)) == (reply.status, reply.data["mimetype"], reply.data["size"])
    assert PNG == api.get(FIELD).body


def test_delete_empties_the_field(api):
    api.put(FIELD, body=PNG, headers={"Content-Type": "image/png"})
    reply = api.delete(FIELD)
    assert (200, 0, None) == (reply.status, reply.data["size"], reply.data["mimetype"])
    assert 404 == api.get(FIELD).status


@pytest.mark.parametrize("path, body, headers, status, error_type", [
    (FIELD, b'{"a": 1}', {"Content-Type": "application/json"}, 415, "UnsupportedMediaType"),
    (FIELD, PNG, {}, 415, "UnsupportedMediaType"),
    ("/api/v1/res.partner/1/name", PNG, {"Content-Type": "image/png"}, 400, "ValidationError"),
    ("/api/v1/res.partner/1/bogus", PNG, {"Content-Type": "image/png"}, 400, "ValidationError"),
    ("/api/v1/res.partner/1/display_name", PNG, {"Content-Type": "image/png"}, 400, "ValidationError"),
    ("/api/v1/res.partner/999/image_1920", PNG, {"Content-Type": "image/png"}, 404, "NotFound"),
    ("/api/v1/res.users/2/password", PNG, {"Content-Type": "image/png"}, 403, "AccessError"),
    ("/api/v1/ir.config_parameter/1/value", PNG, {"Content-Type": "image/png"}, 403, "AccessError"),
])
def test_upload_errors(api, path, body, headers, status, error_type):
    reply = api.put(path, body=body, headers=headers)
    assert (status, error_type) == (reply.status, reply.error["type"])


def test_a_field_outside_the_users_groups_cannot_be_uploaded(api):
    reply = api.put("/api/v1/res.partner/1/x_internal_note", body=b"x", headers={"Content-Type": "text/plain"},
                    key="demo-user")
    assert (403, "AccessError") == (reply.status, reply.error["type"])


def test_multipart_with_two_files_writes_nothing(api):
    body, headers = multipart(("a.png", PNG, "image/png"), ("b.png", PNG, "image/png"))
    reply = api.put(FIELD, body=body, headers=headers)
    assert (400, "Send exactly one file part to write a binary field") == (reply.status, reply.error["message"])
    assert 404 == api.get(FIELD).status


def test_multipart_without_a_file_is_a_400(api):
    reply = api.put(FIELD, body=b"--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b--",
                    headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert (400, "The multipart body has no file part") == (reply.status, reply.error["message"])


def svg(size: int) -> bytes:
    """``size`` bytes an image field takes (Odoo keeps text starting with "<" as SVG, unprocessed)."""
    return b"<svg/>".ljust(size, b" ")


def test_uploads_over_the_limit_are_a_413_and_write_nothing():
    api = ApiClient(ApiSettings(max_upload_bytes=10))
    reply = api.put(FIELD, body=svg(11), headers={"Content-Type": "image/svg+xml"})
    assert (413, "PayloadTooLarge", {"limit": 10}) == (reply.status, reply.error["type"], reply.error["details"])
    assert 404 == api.get(FIELD).status
    assert 200 == api.put(FIELD, body=svg(10), headers={"Content-Type": "image/svg+xml"}).status


def test_uploads_may_be_larger_than_the_json_body_limit():
    api = ApiClient(ApiSettings(max_body_bytes=10))
    assert 200 == api.put(FIELD, body=svg(100), headers={"Content-Type": "image/svg+xml"}).status


def test_an_image_field_refuses_what_is_not_an_image(api):
    reply = api.put(FIELD, body=b"%PDF-1.7 not an image", headers={"Content-Type": "application/pdf"})
    assert (400, "ValidationError") == (reply.status, reply.error["type"])
    assert 404 == api.get(FIELD).status


def test_attachments_are_created_and_linked(api):
    body, headers = multipart(("notes.txt", b"hello", "text/plain"), ("pixel", PNG, "application/octet-stream"))
    reply = api.post("/api/v1/res.partner/1/attachments", body=body, headers=headers)
    assert 201 == reply.status
    assert [{"name": "notes.txt", "mimetype": "text/plain", "file_size": 5},
            {"name": "pixel", "mimetype": "image/png", "file_size": len(PNG)}] == \
        [{k: v for k, v in r.items() if k != "id"} for r in reply.data["records"]]
    assert 2 == reply.data["count"]
    first = reply.data["records"][0]["id"]
    linked = api.get(f"/api/v1/ir.attachment/{first}", params={"query": "{res_model, res_id}"}).data
    assert {"id": first, "res_model": "res.partner", "res_id": 1} == linked
    assert b"hello" == api.get(f"/api/v1/ir.attachment/{first}/datas").body


@pytest.mark.parametrize("path, body, headers, status", [
    ("/api/v1/res.partner/999/attachments", *multipart(("a.txt", b"a", "text/plain")), 404),
    ("/api/v1/res.partner/13/attachments", *multipart(("a.txt", b"a", "text/plain")), 404),  # hidden
    ("/api/v1/res.partner/1/attachments", b"raw", {"Content-Type": "text/plain"}, 415),
    ("/api/v1/res.partner/1/attachments", *multipart(), 400),
    ("/api/v1/ir.config_parameter/1/attachments", *multipart(("a.txt", b"a", "text/plain")), 403),
])
def test_attachment_errors_create_nothing(api, path, body, headers, status):
    before = len(api.database.table("ir.attachment"))
    assert status == api.post(path, body=body, headers=headers, key="demo-user").status
    assert before == len(api.database.table("ir.attachment"))


@pytest.mark.parametrize("range_header, status, content, content_range", [
    ("bytes=0-3", 206, PNG[:4], f"bytes 0-3/{len(PNG)}"),
    ("bytes=-4", 206, PNG[-4:], f"bytes {len(PNG) - 4}-{len(PNG) - 1}/{len(PNG)}"),
    ("bytes=10-", 206, PNG[10:], f"bytes 10-{len(PNG) - 1}/{len(PNG)}"),
    ("bytes=0-99999", 200, PNG, None),  # the whole content is no partial answer
])
def test_range_downloads(api, range_header, status, content, content_range):
    api.put(FIELD, body=PNG, headers={"Content-Type": "image/png"})
    reply = api.get(FIELD, headers={"Range": range_header})
    assert (status, content, str(len(content)), content_range) == \
        (reply.status, reply.body, reply.headers["content-length"], reply.headers.get("content-range"))


def test_an_unsatisfiable_range_is_a_416(api):
    api.put(FIELD, body=PNG, headers={"Content-Type": "image/png"})
    reply = api.get(FIELD, headers={"Range": f"bytes={len(PNG)}-"})
    assert (416, "RangeNotSatisfiable", f"bytes */{len(PNG)}") == \
        (reply.status, reply.error["type"], reply.headers["content-range"])

