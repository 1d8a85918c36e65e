"""The database outage as the log tells it: once when it starts, once when it is over (per process).

While PostgreSQL cannot be reached every request answers 503; logging each would bury the
one line an operator needs under thousands.
"""
from __future__ import annotations

import logging
import threading
import time

_logger = logging.getLogger(__name__)


class DatabaseOutage:
    """Whether this process is in a database outage, and since when."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._since: float | None = None
        self.refused = 0

    def began(self, cause: BaseException) -> None:
        """A request could not use the database; logged only when it is the first of an outage."""
        with self._lock:
            self.refused += 1
            if self._since is not None:
                return
            self._since = time.monotonic()
        _logger.warning("rest_api: the database is unavailable (%s: %s); answering 503 until it is back",
                        type(cause).__name__, str(cause).strip().splitlines()[0] if str(cause).strip() else "")

    def ended(self) -> None:
        """A request used the database: if an outage was on, it is over (cheap when none was)."""
        if self._since is None:
            return
        with self._lock:
            if self._since is None:
                return
            seconds, refused = time.monotonic() - self._since, self.refused
            self._since, self.refused = None, 0
        _logger.warning("rest_api: the database is back after %.1f s; %d requests were answered 503",
                        seconds, refused)


OUTAGE = DatabaseOutage()
