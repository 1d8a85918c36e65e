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


def with_test_methods(database):
    """``database`` with ``write_then_fail`` and ``boom`` on ``res.partner`` (like rest_api_test's model)."""
    database.model("res.partner").methods.update({"write_then_fail": write_then_fail, "boom": explode})
    return database
