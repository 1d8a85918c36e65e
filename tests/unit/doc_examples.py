"""Finding the curl examples of the docs and replaying them against the in-memory API.

An example is a fenced ``bash`` block holding one ``curl`` command, followed by a
fenced ``json`` block with the response body it shows (or a ``csv`` block: the
text of a CSV answer, compared line by line). The ``timestamp`` of a
shown envelope is not compared (it is the time of the request).
"""
from __future__ import annotations

import json
import re
import shlex
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
