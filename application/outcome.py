"""What a use case answers, before the edge wraps it in the envelope."""
from __future__ import annotations

from attrs import frozen


@frozen
class Outcome:
    """The envelope message, its data, the HTTP status and any extra headers; ``location``: the path,
    under the API's root, of the record a create made (the edge answers it as ``Location``)."""

    message: str
    data: object
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    location: str | None = None
