"""The documentation's examples are executed: Python snippets by doctest, curl commands by the real curl.

The same replay runs on a real Odoo in ``tests/test_docs_examples.py`` (``make test-odoo``).
"""
import doctest
import shutil
from pathlib import Path

import pytest

from doc_examples import comparable, comparable_csv, curl_examples, parse_curl, run_curl
from live_server import running_demo_server

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
EXISTING = [path for path in DOCUMENTS if path.exists()]


@pytest.mark.parametrize("path", EXISTING, ids=lambda p: p.name)
def test_python_examples(path):
    result = doctest.testfile(str(path), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.skipif(shutil.which("curl") is None, reason="the curl binary is not installed")
@pytest.mark.parametrize("path", EXISTING, ids=lambda p: p.name)
def test_curl_examples_answer_what_they_show(path):
    with running_demo_server() as base_url:  # one fresh database per document, examples in reading order
        for example in curl_examples(path):
            where = f"{example.source}:{example.line}: {example.command}"
            run = run_curl(example.command, base_url, "demo")
            assert run.exit_code == 0 and run.status, where
            if isinstance(run.body, dict) and not run.body.get("success", True):
                assert run.body["error"]["code"] == run.status, where
            if example.expected is not None:
                assert comparable(run.body) == comparable(example.expected), where
            if example.expected_text is not None:
                assert run.raw.decode("utf-8").splitlines() == example.expected_text.splitlines(), where


@pytest.mark.parametrize("path", EXISTING, ids=lambda p: p.name)
def test_curl_examples_are_safe_for_curl(path):
    """No spaces in URLs (curl refuses them: exit 3), errors shown (-sS), braces kept (-g)."""
    for example in curl_examples(path):
        url = next(word for word in example.command.split() if "http" in word)
        assert " " not in parse_curl(example.command).path, example.command
        assert "-sS" in example.command.split(), f"{example.source}:{example.line}"
        assert not ("{" in url or "[" in url) or "-g" in example.command.split(), f"{example.source}:{example.line}"


def test_the_docs_have_examples_of_both_kinds():
    curls = sum(len(curl_examples(path)) for path in EXISTING)
    doctests = sum(path.read_text().count(">>> ") for path in EXISTING)
    assert curls >= 10 and doctests >= 5


def test_curl_parser_reads_the_options_the_docs_use():
    request = parse_curl("curl -s -g -X PUT -H 'Authorization: Bearer demo' -H 'Content-Type: application/json' "
                         "-d '{\"data\": {}}' 'http://127.0.0.1:8069/api/v1/res.partner?id=[1,2]&id=3'")
    assert (request.method, request.path, request.params) == ("PUT", "/api/v1/res.partner", {"id": "[1,2]"})
    assert request.headers == {"Authorization": "Bearer demo", "Content-Type": "application/json"}
    assert request.body == b'{"data": {}}'


def test_comparable_hides_ids_and_the_timestamp_but_nothing_else():
    shown = {"success": True, "message": "m", "timestamp": "t", "data": {
        "id": 5, "ids": [1, 2], "parent_id": 3, "category_id": [4, 2], "result": [[8, "Deco"]],
        "color": 5, "records": [{"id": 1, "company_id": {"id": 1, "name": "YourCompany"}}],
        "pagination": {"count": 1, "total_count": 7}}}
    assert comparable(shown) == {"success": True, "message": "m", "data": {
        "id": "<id>", "ids": ["<id>", "<id>"], "parent_id": "<id>", "category_id": ["<id>", "<id>"],
        "result": [["<id>", "Deco"]], "color": 5,
        "records": [{"id": "<id>", "company_id": {"id": "<id>", "name": "YourCompany"}}],
        "pagination": {"count": 1, "total_count": 7}}}
    assert comparable({"data": {"category_id": [1]}}) != comparable({"data": {"category_id": [1, 2]}})
    assert comparable({"data": {"total_count": 2}}) != comparable({"data": {"total_count": 3}})


def test_comparable_csv_hides_the_id_columns_only():
    text = "id,name,parent_id.id,category_id\r\n5,Azure,,\"1,3\"\r\n6,Brandon,5,\r\n"
    assert comparable_csv(text) == [["id", "name", "parent_id.id", "category_id"],
                                    ["<id>", "Azure", "", "<id>,<id>"], ["<id>", "Brandon", "<id>", ""]]
