"""The documentation's examples are executed: Python snippets by doctest, curl commands replayed."""
import doctest
from pathlib import Path

import pytest

from api_client import ApiClient
from doc_examples import curl_examples, parse_curl, without_timestamp

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
EXISTING = [path for path in DOCUMENTS if path.exists()]


@pytest.mark.parametrize("path", EXISTING, ids=lambda p: p.name)
def test_python_examples(path):
    result = doctest.testfile(str(path), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize("path", EXISTING, ids=lambda p: p.name)
def test_curl_examples_answer_what_they_show(path):
    api = ApiClient()  # one fresh database per document: its examples run in reading order
    for example in curl_examples(path):
        request = parse_curl(example.command)
        reply = api.request(request.method, request.path, params=request.params, body=request.body,
                            headers=request.headers, key=None)
        if example.expected is not None:
            assert without_timestamp(reply.json) == without_timestamp(example.expected), \
                f"{example.source}:{example.line}: {example.command}"
        if example.expected_text is not None:
            assert reply.body.decode("utf-8").splitlines() == example.expected_text.splitlines(), \
                f"{example.source}:{example.line}: {example.command}"


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
