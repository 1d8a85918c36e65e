"""Reports through the HTTP edge (spec §15), on the demo renderer (HTML only, no wkhtmltopdf)."""
import pytest

from api_client import ApiClient
from rest_api.domain.settings import ApiSettings

REPORT = "/api/v1/report/rest_api_demo.report_partner_card"


def test_html_report_of_several_records(api):
    reply = api.get(f"{REPORT}/1,3", params={"format": "html"})
    assert (200, "text/html") == (reply.status, reply.headers["content-type"])
    assert reply.headers["content-disposition"].startswith('attachment; filename="Contact cards.html"')
    one = api.get(f"{REPORT}/1", params={"format": "html"})
    assert one.headers["content-disposition"].startswith('attachment; filename="Contact cards - YourCompany.html"')
    assert reply.body.count(b"<article>") == 2


def test_pdf_without_a_renderer_is_a_503_naming_it(api):
    reply = api.get(f"{REPORT}/1")  # pdf is the default
    assert (503, "ServiceUnavailable", {"service": "wkhtmltopdf"}) == \
        (reply.status, reply.error["type"], reply.error["details"])
    assert "wkhtmltopdf" in reply.error["message"]


@pytest.mark.parametrize("path, params, key, status", [
    ("/api/v1/report/no.such_report/1", {}, "demo", 404),
    (f"{REPORT}/1,999", {"format": "html"}, "demo", 404),        # one record missing
    (f"{REPORT}/1,13", {"format": "html"}, "demo-user", 404),    # one record hidden from this user
    (f"{REPORT}/1", {"format": "docx"}, "demo", 400),
    (f"{REPORT}/1,,2", {"format": "html"}, "demo", 400),
    (f"{REPORT}/" + ",".join(map(str, range(1, 102))), {"format": "html"}, "demo", 400),  # over 100 records
    (f"{REPORT}/1", {"format": "html"}, None, 401),
])
def test_report_errors(api, path, params, key, status):
    assert status == api.get(path, params=params, key=key).status


def test_a_report_on_a_hidden_model_is_not_found():
    api = ApiClient(ApiSettings(hidden_models={"res.partner"}))
    assert 404 == api.get(f"{REPORT}/1", params={"format": "html"}).status
