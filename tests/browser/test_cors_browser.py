"""CORS in a real browser: a page on another origin calls the API with ``fetch``.

The API (the standalone demo server) allows one origin. A ``PUT`` with ``Authorization`` and a
JSON ``Content-Type`` is not a "simple" request, so Chromium sends a preflight ``OPTIONS`` first;
the allowed page gets the JSON, a page on a second, not allowed origin sees ``fetch`` reject.
Skips, like ``test_docs_page.py``, without Chromium or Playwright.
"""
from __future__ import annotations

import shutil
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from live_server import quiet_wsgi_server, serving
from rest_api.adapters.memory.seed import seed_database
from rest_api.controllers.standalone import MemoryHost, StandaloneApp
from rest_api.domain.settings import ApiSettings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PAGE = b"<!doctype html><html><head><title>shop</title></head><body>another origin</body></html>"
CALL = """async ([url]) => {
    try {
        const response = await fetch(url, {method: 'PUT', headers: {
            'Authorization': 'Bearer demo', 'Content-Type': 'application/json'},
            body: JSON.stringify({data: {name: 'Renamed from the browser'}})});
        return {status: response.status, body: await response.json(),
                requestId: response.headers.get('X-Request-Id')};
    } catch (error) {
        return {rejected: String(error)};
    }
}"""

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                               "(pip install playwright; no 'playwright install' needed)")
if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)


class _PageHandler(BaseHTTPRequestHandler):
    """Serves the same small HTML page for every path."""

    def do_GET(self):  # noqa: N802 - the stdlib's name
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def sites():
    """(api URL, allowed page URL, foreign page URL, the API's requests log) on three loopback ports."""
    allowed_page = ThreadingHTTPServer(("127.0.0.1", 0), _PageHandler)
    foreign_page = ThreadingHTTPServer(("127.0.0.1", 0), _PageHandler)
    allowed_origin = f"http://127.0.0.1:{allowed_page.server_port}"
    seen = []
    app = StandaloneApp(MemoryHost(seed_database(), settings=ApiSettings(cors_origins={allowed_origin})))

    def recording_app(environ, start_response):
        seen.append((environ["REQUEST_METHOD"], environ.get("HTTP_ORIGIN")))
        return app(environ, start_response)
    with serving(quiet_wsgi_server(recording_app)) as api_url, serving(allowed_page) as allowed, \
            serving(foreign_page) as foreign:
        yield api_url, allowed, foreign, seen


@pytest.fixture
def page():
    """A fresh page of headless Chromium."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def test_allowed_origin_passes_the_preflight_and_reads_the_json(sites, page):
    api_url, allowed, _, seen = sites
    page.goto(f"{allowed}/shop.html")
    result = page.evaluate(CALL, [f"{api_url}/api/v1/res.partner/5"])
    assert (200, True, "Renamed from the browser") == (
        result.get("status"), result["body"]["success"], result["body"]["data"]["name"])
    assert 32 == len(result["requestId"])  # an exposed header the page may read
    assert [("OPTIONS", allowed), ("PUT", allowed)] == seen


def test_foreign_origin_is_blocked_by_the_browser(sites, page):
    api_url, _, foreign, seen = sites
    page.goto(f"{foreign}/evil.html")
    result = page.evaluate(CALL, [f"{api_url}/api/v1/res.partner/5"])
    assert "TypeError: Failed to fetch" == result.get("rejected"), result
    # The preflight was refused, so the PUT itself was never sent.
    assert [("OPTIONS", foreign)] == seen
