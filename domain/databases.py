"""Choosing the database of a request on a server that serves several (spec §13)."""
from __future__ import annotations

import re
from collections.abc import Callable

from .errors import NotFound

DATABASE_HEADER = "X-Odoo-Database"
# Odoo's database name rule (web/controllers/database.py), within PostgreSQL's 63 bytes.
_DATABASE_NAME = re.compile(r"\A[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}\Z")


def choose_database(requested: str | None, served: Callable[[str], bool],
                    only_database: Callable[[], str | None]) -> str:
    """The database named by the header, or the server's only one.

    ``served(name)``: whether the database exists and passes the server's filter.
    ``only_database()``: the one database the server serves, or None when it serves
    several (or none). A name that is malformed, unknown or filtered out gets the
    same 404, so the answer does not tell which databases exist.
    """
    if requested is None:
        only = only_database()
        if only is None:
            raise NotFound(f"No database chosen: this server serves several, name one in the "
                           f"{DATABASE_HEADER} header", {"header": DATABASE_HEADER})
        return only
    if not _DATABASE_NAME.match(requested) or not served(requested):
        raise NotFound("Database not found", {"header": DATABASE_HEADER, "database": requested[:63]})
    return requested
