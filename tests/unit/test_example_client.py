"""examples/client.py runs end to end against a live demo server."""
import contextlib
import importlib.util
import io
from pathlib import Path

from live_server import running_demo_server

CLIENT = Path(__file__).resolve().parents[2] / "examples" / "client.py"


def load_client():
    spec = importlib.util.spec_from_file_location("example_client", CLIENT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_client_lists_pages_creates_updates_and_deletes():
    client = load_client()
    with running_demo_server() as url:
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            assert client.main(["--url", url, "--key", "demo"]) == 0
        lines = output.getvalue().splitlines()
        assert lines[0] == "14 contacts, 5 pages of 3; page 1:"
        assert lines[1:4] == ["  1: YourCompany", "  2: My Company (Chicago)", "  3: Mitchell Admin"]
        assert lines[4].startswith('created: {"id": 16, "name": "REST API example contact"')
        assert lines[5] == "tags: Created by the example, Prospects, Vendor"  # in the tags' order: by name
        assert lines[6] == "after unlink: Created by the example, Prospects"
        assert lines[7].startswith("deleted contact 16 and tag ")
        api = client.RestApiClient(url, "demo")
        assert api.list("res.partner", filter='[["id", "=", 16]]')["records"] == []
        # It leaves nothing behind: the tag it created is gone too.
        left = api.list("res.partner.category", filter='[["name", "=", "Created by the example"]]')
        assert left["records"] == []


def test_example_client_raises_with_the_error_type():
    client = load_client()
    with running_demo_server() as url:
        api = client.RestApiClient(url, "wrong")
        try:
            api.list("res.partner")
        except RuntimeError as error:
            assert "401 AuthenticationError" in str(error)
        else:
            raise AssertionError("a bad key must raise")
