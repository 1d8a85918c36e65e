"""The README's Python examples run against a live demo server and print what the README shows."""
import contextlib
import io
import re
from pathlib import Path

from live_server import running_demo_server

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"```python\n(.*?)```\n```text\n(.*?)```", re.DOTALL)


def python_examples() -> list[tuple[str, str]]:
    """``(code, shown output)`` pairs: a python block directly followed by a text block."""
    return BLOCK.findall(README.read_text())


def test_readme_python_examples_print_what_they_show():
    """Each snippet on its own (a reader copies one): its imports and settings are its own."""
    examples = python_examples()
    assert len(examples) >= 2
    with running_demo_server() as base_url:
        for code, shown in examples:
            output = io.StringIO()
            with contextlib.redirect_stdout(output):
                exec(code.replace("http://localhost:8069", base_url), {})  # noqa: S102 - our own README
            assert output.getvalue() == shown
