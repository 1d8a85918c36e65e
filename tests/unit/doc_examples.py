"""Finding the curl examples of the docs and replaying them with the real ``curl`` binary.

An example is a fenced ``bash`` block holding one ``curl`` command, followed by a
fenced ``json`` block with the response body it shows (or a ``csv`` block: the
text of a CSV answer, compared line by line). Replays compare what does not
depend on the database's ids or the clock (``comparable``): the ``timestamp`` is
left out and every record id becomes ``"<id>"``. Both the demo server (pure
suite) and a real Odoo (``tests/test_docs_examples.py``) replay every example.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shlex
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from attrs import frozen

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
REPO = Path(__file__).resolve().parents[2]  # example files (``@docs/examples/…``) are named from here
BOUNDARY = "curl-example-boundary"


@frozen
class CurlExample:
    """One curl command of a document and the response body it shows (None: not shown)."""

    source: str
    line: int
    command: str
    expected: object
    expected_text: str | None = None


def curl_examples(path: Path) -> list[CurlExample]:
    """Every curl example of a markdown file, in reading order."""
    text = path.read_text()
    blocks = [(m.group(1), m.group(2), text[:m.start()].count("\n") + 1) for m in FENCE.finditer(text)]
    examples = []
    for index, (language, body, line) in enumerate(blocks):
        if language not in ("bash", "sh") or not body.lstrip().startswith("curl "):
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        expected = json.loads(following[1]) if following and following[0] == "json" else None
        text = following[1] if following and following[0] == "csv" else None
        examples.append(CurlExample(path.name, line, body.strip(), expected, text))
    return examples


@frozen
class CurlRequest:
    """What a curl command sends."""

    method: str
    path: str
    params: dict
    headers: dict
    body: bytes | None


def parse_curl(command: str) -> CurlRequest:
    """The request of a curl command line (the options the docs use)."""
    words = shlex.split(command.replace("\\\n", " "))
    method, headers, body, url = None, {}, None, None
    options = iter(words[1:])
    for word in options:
        if word in ("-X", "--request"):
            method = next(options)
        elif word in ("-H", "--header"):
            name, _, value = next(options).partition(":")
            headers[name.strip()] = value.strip()
        elif word in ("-d", "--data", "--data-raw"):
            body = next(options).encode()
        elif word == "--data-binary":
            value = next(options)
            body = (REPO / value[1:]).read_bytes() if value.startswith("@") else value.encode()
        elif word in ("-F", "--form"):
            body = (body or b"") + _form_part(next(options))
            headers["Content-Type"] = f"multipart/form-data; boundary={BOUNDARY}"
        elif word.startswith("http"):
            url = word
        elif not word.startswith("-"):
            raise ValueError(f"unexpected curl word {word!r}")
    if headers.get("Content-Type", "").startswith("multipart/form-data"):
        body = (body or b"") + f"--{BOUNDARY}--\r\n".encode()
    parts = urlsplit(url)
    params: dict = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        params.setdefault(key, value)
    return CurlRequest(method or ("POST" if body is not None else "GET"), parts.path, params, headers, body)


def _form_part(option: str) -> bytes:
    """One ``-F name=@file;type=…`` part, as curl sends it."""
    name, _, value = option.partition("=")
    path, *attributes = value[1:].split(";")
    content_type = dict(a.split("=", 1) for a in attributes).get("type", "application/octet-stream")
    head = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{Path(path).name}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n")
    return head.encode() + (REPO / path).read_bytes() + b"\r\n"


def without_timestamp(value):
    """A shown or actual body with its envelope timestamp left out of the comparison."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k != "timestamp"}
    return value


DOCS_BASE_URL = "http://127.0.0.1:8069"
REPOSITORY = Path(__file__).resolve().parents[2]
ID = "<id>"
ID_KEYS = frozenset({"id", "ids", "result"})
ETAG = "<etag>"
TIME = "<time>"
CONDITION = re.compile(r"""(If-(?:None-)?Match: *)("[^"]*")""")


@frozen
class CurlRun:
    """What the real ``curl`` got: the HTTP status and the body (decoded JSON, or None)."""

    exit_code: int
    status: int
    body: object
    raw: bytes


def run_curl(command: str, base_url: str, key: str, timeout: float = 60) -> CurlRun:
    """Run a documented curl ``command`` against ``base_url`` with API key ``key``, with the real curl.

    The documented base URL and the demo key ``demo`` are replaced; ``-w`` adds the status.
    """
    words = shlex.split(command.replace("\\\n", " "))
    words = [w.replace(DOCS_BASE_URL, base_url).replace("Bearer demo", f"Bearer {key}") for w in words]
    # From the repository root: examples name files such as docs/examples/pixel.png.
    done = subprocess.run([*words, "-w", "\n%{http_code}"], capture_output=True, timeout=timeout, check=False,
                          cwd=REPOSITORY)
    body, _, status = done.stdout.rpartition(b"\n")
    try:
        decoded = json.loads(body) if body else None
    except ValueError:
        decoded = None
    return CurlRun(done.returncode, int(status or 0), decoded, body)


def comparable(value, key: str | None = None):
    """``value`` with its timestamp left out and every record id replaced by ``"<id>"``.

    Ids are: the values of ``id``, ``ids`` and ``result`` (method results here are
    ids or ``[id, name]`` pairs), lists of integers, and integers under a ``*_id`` key.
    A record version (``current_etag``), a change-feed cursor and a period of the create or write date (an
    aggregate's ``create_date:month``) are hidden too: they derive from timestamps.
    """
    if key in ("current_etag", "next_cursor", "cursor") and isinstance(value, str):
        return ETAG  # a record version or a change-feed position: specific to the database
    if key is not None and key.startswith(("create_date:", "write_date:")) and isinstance(value, str):
        return TIME
    if isinstance(value, dict):
        return {k: comparable(v, k) for k, v in value.items() if k != "timestamp"}
    if isinstance(value, list):
        if key in ID_KEYS or (value and all(type(v) is int for v in value)):
            return [ID if type(v) is int else comparable(v, key) for v in value]
        return [comparable(v, key) for v in value]
    if type(value) is int and (key in ID_KEYS or (key or "").endswith("_id")):
        return ID
    return value


def current_etag(base_url: str, key: str, url: str) -> str | None:
    """The ``ETag`` a ``GET`` of ``url`` (a documented URL, query left out) answers on ``base_url``."""
    target = url.split("?")[0].replace(DOCS_BASE_URL, base_url)
    done = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-D", "-", "-H", f"Authorization: Bearer {key}", target],
                          capture_output=True, timeout=60, check=False)
    for line in done.stdout.decode("latin-1").splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "etag":
            return value.strip()
    return None


def condition_tag(command: str) -> str | None:
    """The quoted tag of an ``If-Match``/``If-None-Match`` header of ``command``, if any."""
    found = CONDITION.search(command)
    return found.group(2) if found else None


def with_condition_tag(command: str, tag: str) -> str:
    """``command`` with its ``If-Match``/``If-None-Match`` tag replaced by ``tag``."""
    return CONDITION.sub(lambda m: m.group(1) + tag, command, count=1)


def comparable_csv(text: str) -> list[list[str]]:
    """CSV rows with the cells of id columns (``id``, ``*_id``, ``*_ids``, ``*.id``) as ``"<id>"``."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return rows
    id_columns = {i for i, name in enumerate(rows[0])
                  if name == "id" or name.endswith(("_id", "_ids", ".id"))}
    return [rows[0]] + [[",".join(ID for _ in cell.split(",")) if i in id_columns and cell else cell
                         for i, cell in enumerate(row)] for row in rows[1:]]
