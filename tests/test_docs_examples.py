"""docs/api.md, checked against a real Odoo: every curl example answers with the shape it shows.

The examples show the demo data (the pure suite compares them exactly); on Odoo the records
differ, so this compares what does not depend on them: success, status family, message, and
the keys of the data (and of its first record).
"""
from pathlib import Path

from odoo.tests import tagged

from .common import RestApiCase
from .unit.doc_examples import curl_examples, parse_curl

API_DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"
PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"


def shape(data):
    """The keys of ``data`` and of its first record, the part that is the same on every database."""
    if not isinstance(data, dict):
        return type(data).__name__
    first = data.get("records", [None])[0] if isinstance(data.get("records"), list) else None
    return sorted(data), sorted(first) if isinstance(first, dict) else None


@tagged("post_install", "-at_install")
class TestDocsExamplesOnOdoo(RestApiCase):

    def test_every_api_md_example_answers_like_it_shows(self):
        # The binary example downloads contact 5's image, which Odoo's demo contact lacks.
        self.env["res.partner"].browse(5).image_1920 = PIXEL_PNG
        # A change-feed cursor is signed with the database's secret: the demo's do not verify here.
        examples = [e for e in curl_examples(API_DOC) if e.expected is not None and "cursor=" not in e.command]
        self.assertGreaterEqual(len(examples), 15)
        for example in examples:
            with self.subTest(line=example.line):
                request = parse_curl(example.command)
                headers = {k: v for k, v in request.headers.items() if k != "Authorization"}
                key = None if "Authorization" not in request.headers else self.key_admin
                if "If-Match" in headers and example.expected["success"]:
                    # A version of the demo data: on Odoo the record's current one stands for it.
                    headers["If-Match"] = self.api("GET", request.path).headers["ETag"]
                response = self.api(request.method, request.path, key=key, params=request.params,
                                    data=request.body, headers=headers)
                body, shown = response.json(), example.expected
                self.assertEqual(body["success"], shown["success"], body)
                if shown["success"]:
                    self.assertEqual(body["message"], shown["message"])
                    self.assertEqual(shape(body["data"]), shape(shown["data"]))
                else:
                    self.assertEqual(body["error"]["type"], shown["error"]["type"])
