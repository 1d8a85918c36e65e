"""``GET /docs``: the Swagger UI page and its static files, served by the addon itself (no CDN)."""
import re

import pytest

from api_client import ApiClient
from rest_api.controllers.docs_assets import ASSET_TYPES, STATIC_DOCS, read_static


@pytest.fixture(scope="module")
def page():
    reply = ApiClient().get("/api/v1/docs", key=None)
    assert (200, "text/html; charset=utf-8") == (reply.status, reply.headers["content-type"])
    return reply.body.decode()


def test_the_page_loads_only_files_of_the_addon(page):
    urls = [url for url in re.findall(r'(?:src|href)="([^"]+)"', page) if url != "data:,"]
    assert ["/api/v1/docs/assets/swagger-ui.css", "/api/v1/docs/assets/docs.css",
            "/api/v1/docs/assets/swagger-ui-bundle.js", "/api/v1/docs/assets/docs.js"] == urls


def test_the_page_has_no_inline_script(page):
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.DOTALL)
    assert [] == [attributes for attributes, body in scripts if "src=" not in attributes or body.strip()]
    assert "script-src 'self'" in page  # its Content-Security-Policy forbids inline scripts too


@pytest.mark.parametrize("name", sorted(ASSET_TYPES))
def test_every_asset_is_served_with_its_type(name):
    reply = ApiClient().get(f"/api/v1/docs/assets/{name}", key=None)
    assert (200, ASSET_TYPES[name], "public, max-age=3600") == (
        reply.status, reply.headers["content-type"], reply.headers["cache-control"])
    assert (STATIC_DOCS / name).read_bytes() == reply.body


@pytest.mark.parametrize("path", [
    "/api/v1/docs/assets/index.html.bak",
    "/api/v1/docs/assets/../../../__manifest__.py",
    "/api/v1/docs/assets/..%2F__manifest__.py",
    "/api/v1/docs/assets/",
    "/api/v1/docs/assets/docs.js/x",
])
def test_only_listed_assets_are_served(path):
    reply = ApiClient().get(path, key=None)
    assert (404, "NotFound") == (reply.status, reply.error["type"])


def test_the_page_answers_only_get():
    reply = ApiClient().post("/api/v1/docs", key=None)
    assert (405, "GET") == (reply.status, reply.headers["allow"])


def test_reading_a_file_outside_the_list_is_refused():
    with pytest.raises(KeyError):
        read_static("../__manifest__.py")


def test_swagger_ui_ships_with_its_license():
    assert "Apache License" in (STATIC_DOCS / "LICENSE").read_text()
    assert "swagger-ui-dist 5.35.0" in (STATIC_DOCS / "README.md").read_text()


def test_the_page_opens_with_every_operation_listed_as_its_status_line_says():
    """Swagger UI shows each tag's operations (``docExpansion: "list"``), so "Open an operation"
    names something on the screen; the browser tests (tests/browser) open one without a tag click."""
    script = read_static("docs.js").decode()
    assert ['docExpansion: "list"'] == re.findall(r'docExpansion: "\w+"', script)
    assert 'Open an operation, then \\"Try it out\\"' in script
