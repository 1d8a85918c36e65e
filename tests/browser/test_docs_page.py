"""The docs page in a real browser: headless Chromium opens ``/api/v1/docs`` on the demo server,
authorizes with the demo key, runs "Try it out" on the partner list and reads the answer.

Needs Debian's ``chromium`` and Playwright for Python (``make test-browser`` installs the
latter; ``playwright install`` is never needed: the system's Chromium is used). Skips,
saying why, when either is missing. Leaves a screenshot in ``docs/swagger-ui.png``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from live_server import running_demo_server

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "swagger-ui.png"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
TIMEOUT_MS = 30_000

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                               "(pip install playwright; no 'playwright install' needed)")
if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture
def browser_page():
    """A fresh page of headless Chromium, with the console errors and request URLs it saw."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        page.console_errors, page.requested = [], []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("request", lambda request: page.requested.append(request.url))
        try:
            yield page
        finally:
            browser.close()


def open_operation(page, tag: str, method: str, path: str):
    """Expand the operation ``method path``, listed under its open ``tag``; its block."""
    page.locator(f'h3.opblock-tag[data-tag="{tag}"][data-is-open="true"]').wait_for()  # open from the start
    operation = page.locator(f".opblock-{method}").filter(
        has=page.locator(f'.opblock-summary-path[data-path="{path}"]')).first
    operation.locator(".opblock-summary").first.click()
    return operation


def save_screenshot(page, last):
    """The page from its top down to the bottom of ``last``, as ``docs/swagger-ui.png``."""
    box = last.bounding_box()
    bottom = box["y"] + box["height"] + page.evaluate("window.scrollY") + 16
    page.screenshot(path=str(SCREENSHOT), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1280, "height": bottom})


def test_try_it_out_lists_partners_with_the_pasted_key(browser_page):
    page = browser_page
    with running_demo_server() as base_url:
        page.goto(f"{base_url}/api/v1/docs")
        page.fill("#api-key", "demo")
        page.click("#load-spec")
        page.wait_for_selector("text=Authorized:")
        operation = open_operation(page, "res.partner", "get", "/res.partner")
        operation.locator("button.try-out__btn").click()
        operation.locator('tr[data-param-name="query"] input').fill("{id, name, email}")
        operation.locator('tr[data-param-name="page_size"] input').fill("4")
        # The other parameters keep the document's examples (issue 22): the order by id, from 1.
        operation.locator('tr[data-param-name="order"] input').fill("id")
        operation.locator("button.execute").click()
        body = operation.locator(".live-responses-table .response-col_description pre").first
        body.wait_for()
        text = body.inner_text()
        status = operation.locator(".live-responses-table tbody .response-col_status").first.inner_text()
        save_screenshot(page, operation.locator(".live-responses-table tbody").first)
    assert ("200", True, True) == (status.strip(), '"YourCompany"' in text, '"total_count": 14' in text)
    assert [] == [url for url in page.requested if not url.startswith(base_url)]  # no CDN
    assert [] == page.console_errors


def test_a_wrong_key_says_why(browser_page):
    page = browser_page
    with running_demo_server() as base_url:
        page.goto(f"{base_url}/api/v1/docs")
        page.fill("#api-key", "not-a-key")
        page.click("#load-spec")
        page.wait_for_selector("#status.error")
        message = page.inner_text("#status")
    assert "Could not load the API description: Invalid or expired API key" == message


def test_a_new_key_in_the_authorize_dialog_reloads_the_document(browser_page):
    page = browser_page
    with running_demo_server() as base_url:
        page.goto(f"{base_url}/api/v1/docs")
        page.fill("#api-key", "demo")
        page.click("#load-spec")
        page.wait_for_selector("text=Authorized:")
        page.click(".auth-wrapper button.authorize")
        dialog = page.locator(".auth-container").first
        dialog.locator('button:has-text("Logout")').click()
        dialog.locator("input").fill("demo-user")
        with page.expect_response(lambda response: "/openapi.json" in response.url) as fetched:
            dialog.locator('button[type="submit"]:has-text("Authorize")').click()
        reloaded = fetched.value
        page.wait_for_selector("text=Authorized:")
    assert ("Bearer demo-user", 200) == (reloaded.request.headers["authorization"], reloaded.status)
    assert "demo-user" == page.input_value("#api-key")
