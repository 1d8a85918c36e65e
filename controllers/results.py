"""What a handler may answer besides an ``Outcome`` (JSON data) and a ``BinaryContent`` (a file)."""
from __future__ import annotations

from attrs import frozen


@frozen
class InlineContent:
    """A document shown as is (a page, a script, a spec, a JSON-RPC answer): no envelope, no attachment.

    ``status``: 200, or 202 with an empty ``content`` (an MCP notification, accepted).
    """

    content: bytes
    mimetype: str
    cache_seconds: int = 0
    headers: tuple[tuple[str, str], ...] = ()
    status: int = 200


@frozen
class DownloadContent:
    """A file made by the API (an export): saved as ``filename``, with extra headers."""

    content: bytes
    mimetype: str
    filename: str
    headers: tuple[tuple[str, str], ...] = ()
