"""Files (spec §14) on a real Odoo: uploads streamed into the filestore, attachments, Range downloads."""
import base64
import hashlib
import os

from odoo.tests import tagged

from .common import RestApiCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
CONTENT = bytes(range(256)) * 1000  # 256 kB, several chunks


def multipart(*files, boundary="rest-api-boundary"):
    body = b""
    for filename, content, content_type in files:
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 f"Content-Type: {content_type}\r\n\r\n").encode() + content + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


@tagged("post_install", "-at_install")
class TestFiles(RestApiCase):
    """Binary fields written and emptied, attachments added, downloads by range."""

    def setUp(self):
        super().setUp()
        self.record = self.make_test_record()
        self.path = f"/x.api.test/{self.record.id}/data"

    def put_raw(self, path, content, content_type="application/octet-stream", key=None):
        return self.api("PUT", path, key=key or self.key_alice, data=content,
                        headers={"Content-Type": content_type})

    def field_attachment(self, record, field="data"):
        return self.env["ir.attachment"].sudo().search(
            [("res_model", "=", record._name), ("res_id", "=", record.id), ("res_field", "=", field)])

    def test_raw_upload_lands_in_the_filestore_and_downloads_back(self):
        data = self.assertOk(self.put_raw(self.path, CONTENT, "application/x-test"),
                             message="Binary field written successfully")
        self.assertEqual(data, {"id": self.record.id, "field": "data", "size": len(CONTENT),
                                "mimetype": "application/x-test"})
        self.env.invalidate_all()
        attachment = self.field_attachment(self.record)
        self.assertEqual((attachment.file_size, attachment.checksum, attachment.mimetype),
                         (len(CONTENT), hashlib.sha1(CONTENT).hexdigest(), "application/x-test"))
        self.assertTrue(attachment.store_fname and os.path.isfile(attachment._full_path(attachment.store_fname)))
        self.assertEqual(base64.b64decode(self.record.data), CONTENT)  # what Odoo itself reads
        self.assertEqual(self.record.write_uid, self.alice)
        download = self.api("GET", self.path, key=self.key_alice)
        self.assertEqual((download.status_code, download.content), (200, CONTENT))
        self.assertEqual((download.headers["Accept-Ranges"], download.headers["Content-Length"]),
                         ("bytes", str(len(CONTENT))))

    def test_multipart_upload_guesses_a_generic_type(self):
        body, headers = multipart(("pixel.png", PNG, "application/octet-stream"))
        data = self.assertOk(self.api("PUT", self.path, key=self.key_alice, data=body, headers=headers))
        self.assertEqual((data["size"], data["mimetype"]), (len(PNG), "image/png"))
        self.env.invalidate_all()
        self.assertEqual(base64.b64decode(self.record.data), PNG)

    def test_an_image_field_goes_through_odoo_which_resizes_it(self):
        partner = self.env["res.partner"].create({"name": "Pictured"})
        data = self.assertOk(self.put_raw(f"/res.partner/{partner.id}/image_1920", PNG, "image/png",
                                          key=self.key_admin))
        self.assertEqual(data["mimetype"], "image/png")
        self.env.invalidate_all()
        self.assertTrue(partner.image_128)  # computed by Odoo from the uploaded image

    def test_an_image_field_over_the_body_limit_is_a_413(self):
        self.set_param("rest_api.max_body_bytes", "10")
        partner = self.env["res.partner"].create({"name": "Pictured"})
        self.assertError(self.put_raw(f"/res.partner/{partner.id}/image_1920", PNG, "image/png",
                                      key=self.key_admin), 413, "PayloadTooLarge")
        self.env.invalidate_all()
        self.assertFalse(partner.image_1920)

    def test_delete_empties_the_field(self):
        self.put_raw(self.path, CONTENT)
        data = self.assertOk(self.api("DELETE", self.path, key=self.key_alice))
        self.assertEqual(data, {"id": self.record.id, "field": "data", "size": 0, "mimetype": None})
        self.env.invalidate_all()
        self.assertFalse(self.record.data)
        self.assertFalse(self.field_attachment(self.record))
        self.assertError(self.api("GET", self.path), 404, "NotFound")

    def test_range_downloads(self):
        self.put_raw(self.path, CONTENT)
        part = self.api("GET", self.path, headers={"Range": "bytes=1000-1999"})
        self.assertEqual((part.status_code, part.content, part.headers["Content-Range"]),
                         (206, CONTENT[1000:2000], f"bytes 1000-1999/{len(CONTENT)}"))
        tail = self.api("GET", self.path, headers={"Range": "bytes=-10"})
        self.assertEqual((tail.status_code, tail.content), (206, CONTENT[-10:]))
        error = self.assertError(self.api("GET", self.path, headers={"Range": f"bytes={len(CONTENT)}-"}),
                                 416, "RangeNotSatisfiable")
        self.assertEqual(error["details"], {"range": f"bytes={len(CONTENT)}-", "size": len(CONTENT)})

    def test_field_guards_apply_to_uploads(self):
        self.assertError(self.put_raw(f"/x.api.test/{self.record.id}/secret_file", b"x", key=self.key_alice),
                         403, "AccessError")
        self.assertOk(self.put_raw(f"/x.api.test/{self.record.id}/secret_file", b"x", key=self.key_admin))
        self.assertError(self.put_raw(f"/res.users/{self.alice.id}/password", b"x"), 403, "AccessError")
        self.assertError(self.put_raw(f"/x.api.test/{self.record.id}/name", b"x"), 400, "ValidationError")
        self.assertError(self.api("DELETE", f"/x.api.test/{self.record.id}/secret_file", key=self.key_alice),
                         403, "AccessError")

    def test_uploads_need_write_access_to_the_record(self):
        self.assertError(self.put_raw(f"/res.users/{self.admin.id}/image_1920", PNG, "image/png"),
                         403, "AccessError")
        self.assertError(self.put_raw(self.path, b"x", key=self.key_portal), 403, "AccessError")
        self.assertError(self.put_raw("/x.api.test/999999/data", b"x"), 404, "NotFound")

    def test_upload_errors_write_nothing(self):
        self.put_raw(self.path, b"before")
        body, headers = multipart(("a.bin", b"one", "text/plain"), ("b.bin", b"two", "text/plain"))
        self.assertError(self.api("PUT", self.path, key=self.key_alice, data=body, headers=headers),
                         400, "ValidationError")
        self.assertError(self.api("PUT", self.path, key=self.key_alice, json={"data": "x"}),
                         415, "UnsupportedMediaType")
        self.set_param("rest_api.max_upload_bytes", "100")
        self.assertError(self.put_raw(self.path, CONTENT), 413, "PayloadTooLarge")
        self.env.invalidate_all()
        self.assertEqual(base64.b64decode(self.record.data), b"before")

    def test_uploads_may_exceed_the_json_body_limit(self):
        self.set_param("rest_api.max_body_bytes", "100")
        self.assertOk(self.put_raw(self.path, CONTENT))
        self.assertError(self.api("PUT", f"/x.api.test/{self.record.id}", json={"data": {"name": "x" * 200}}),
                         413, "PayloadTooLarge")

    def test_attachments_are_created_as_the_user_and_linked(self):
        body, headers = multipart(("notes.txt", b"hello world", "text/plain"),
                                  ("big.bin", CONTENT, "application/x-test"))
        data = self.assertOk(self.api("POST", f"/x.api.test/{self.record.id}/attachments", key=self.key_alice,
                                      data=body, headers=headers),
                             status=201, message="Attachments created successfully")
        self.assertEqual(data["count"], 2)
        self.assertEqual([{k: v for k, v in r.items() if k != "id"} for r in data["records"]],
                         [{"name": "notes.txt", "mimetype": "text/plain", "file_size": 11},
                          {"name": "big.bin", "mimetype": "application/x-test", "file_size": len(CONTENT)}])
        self.env.invalidate_all()
        attachments = self.env["ir.attachment"].browse([r["id"] for r in data["records"]])
        self.assertEqual(attachments.mapped("res_model"), ["x.api.test"] * 2)
        self.assertEqual(attachments.mapped("res_id"), [self.record.id] * 2)
        self.assertEqual(attachments.mapped("create_uid"), self.alice)
        self.assertEqual([a.raw for a in attachments], [b"hello world", CONTENT])
        self.assertEqual(attachments[0].index_content, "hello world")
        download = self.api("GET", f"/ir.attachment/{attachments[1].id}/datas", key=self.key_alice,
                            headers={"Range": "bytes=0-99"})
        self.assertEqual((download.status_code, download.content), (206, CONTENT[:100]))

    def test_attachments_need_write_access_and_create_nothing_otherwise(self):
        count = self.env["ir.attachment"].search_count([])
        body, headers = multipart(("a.txt", b"a", "text/plain"))
        self.assertError(self.api("POST", f"/res.users/{self.admin.id}/attachments", key=self.key_alice,
                                  data=body, headers=headers), 403, "AccessError")
        self.assertError(self.api("POST", f"/x.api.test/{self.record.id}/attachments", key=self.key_portal,
                                  data=body, headers=headers), 403, "AccessError")
        self.assertError(self.api("POST", "/x.api.test/999999/attachments", data=body, headers=headers),
                         404, "NotFound")
        self.assertError(self.api("POST", f"/x.api.test/{self.record.id}/attachments", data=b"raw",
                                  headers={"Content-Type": "text/plain"}), 415, "UnsupportedMediaType")
        self.assertError(self.api("POST", f"/x.api.test/{self.record.id}/attachments",
                                  data=b"--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b--\r\n",
                                  headers={"Content-Type": "multipart/form-data; boundary=b"}),
                         400, "ValidationError")
        self.assertEqual(self.env["ir.attachment"].search_count([]), count)
