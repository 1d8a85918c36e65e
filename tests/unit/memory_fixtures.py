"""Test-only methods for the in-memory demo models (the demo server never exposes them)."""
from __future__ import annotations

from rest_api.domain.errors import ValidationError


def write_then_fail(store, ids) -> None:
    """Rename the records, then fail: the caller's transaction must undo the rename."""
    store.write("res.partner", ids, {"name": "Renamed before failing"})
    raise ValidationError("write_then_fail always fails after writing")


def explode(store, ids) -> float:
    """Fail with an unexpected error (a ZeroDivisionError), like a bug in a method."""
    return len(ids) / 0


def search_count(store, ids, domain, limit=None) -> int:
    """Odoo's ``search_count``, for ``/object`` calls that take a domain."""
    return store.search_count("res.partner", domain)


def with_test_methods(database):
    """``database`` with ``write_then_fail``, ``boom`` and ``search_count`` on ``res.partner``
    (like rest_api_test's model)."""
    database.model("res.partner").methods.update({"write_then_fail": write_then_fail, "boom": explode,
                                                  "search_count": search_count})
    return database
