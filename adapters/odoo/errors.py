"""Translating Odoo's exceptions into the core's errors, in one place.

``odoo_error`` is the table: every exception Odoo uses to speak to users, and the database's,
as an API error (None: a genuine bug, answered 500). The adapters use it through
``odoo_errors``; the dispatcher uses it for what escapes them (Odoo's retries exhausted, a
database gone mid-request). ``tests/test_errors.py`` walks ``odoo.exceptions`` against it.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from typing import Any

import psycopg2
from psycopg2 import errors as pg_errors

from odoo import exceptions as odoo_exceptions
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, _as_validation_error

from ...domain.errors import (OUTAGE_RETRY_SECONDS, AccessError, ApiError, Conflict, NotFound, ServiceUnavailable,
                              ValidationError)
from .outage import OUTAGE

CONCURRENT = "The record was modified or locked by a concurrent transaction; retry the request"


def _text(exc: BaseException) -> str:
    return str(exc.args[0]) if exc.args else type(exc).__name__


def _constraint(exc: psycopg2.Error) -> dict | None:
    name = exc.diag.constraint_name
    return {"constraint": name} if name else None


def missing_required(env, exc: pg_errors.NotNullViolation) -> ValidationError:
    """A NOT NULL violation as the required field it is, named (Odoo's text also speaks of deletes)."""
    table, column = exc.diag.table_name, exc.diag.column_name
    model = next((cls for cls in env.registry.values() if cls._table == table and not cls._abstract), None)
    field = model._fields.get(column) if model is not None else None
    model_name = model._name if model is not None else table
    label = f"{field._description_string(env)} ({column})" if field is not None else column
    return ValidationError(f"Required field not set: {label} on {model_name}",
                           {"model": model_name, "fields": [column]})


def _integrity(env, exc: psycopg2.IntegrityError) -> ApiError:
    if isinstance(exc, pg_errors.NotNullViolation) and env is not None:
        return missing_required(env, exc)
    text = _text(_as_validation_error(env, exc)) if env is not None else exc.diag.message_primary or _text(exc)
    if isinstance(exc, (pg_errors.UniqueViolation, pg_errors.ForeignKeyViolation, pg_errors.ExclusionViolation)):
        return Conflict(text, _constraint(exc))
    return ValidationError(text, _constraint(exc))  # CHECK, NOT NULL


def _data_error(_env, exc: psycopg2.DataError) -> ApiError:
    if isinstance(exc, pg_errors.ProgramLimitExceeded):  # e.g. a value too big for a btree index
        return ValidationError("A value is too large for the database (an indexed column holds a few kB)",
                               {"reason": exc.diag.message_primary})
    # numeric out of range, invalid text for a column
    return ValidationError(f"Invalid value: {exc.diag.message_primary or 'rejected by the database'}")


# (exception class, its API error): the first class the exception is an instance of wins, so
# subclasses come before their bases (AccessDenied and MissingError are UserErrors).
_TABLE: tuple[tuple[Any, Callable[[Any, Any], ApiError | None]], ...] = (
    (odoo_exceptions.AccessDenied, lambda env, exc: AccessError(_text(exc))),
    (odoo_exceptions.AccessError, lambda env, exc: AccessError(_text(exc))),
    (odoo_exceptions.MissingError, lambda env, exc: NotFound(_text(exc))),
    # a field value missing from the cache: the record is gone (deleted by a concurrent request)
    (odoo_exceptions.CacheMiss, lambda env, exc: NotFound("The record is not there any more: "
                                                          f"{_text(exc)}")),
    (getattr(odoo_exceptions, "LockError", ()), lambda env, exc: Conflict(_text(exc))),
    (odoo_exceptions.UserError, lambda env, exc: ValidationError(_text(exc))),  # ValidationError too
    # not a UserError subclass: the action it carries is for the web client
    (odoo_exceptions.RedirectWarning, lambda env, exc: ValidationError(_text(exc))),
    (getattr(odoo_exceptions, "ConcurrencyError", ()), lambda env, exc: Conflict(CONCURRENT)),
    (PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, lambda env, exc: Conflict(CONCURRENT)),
    (psycopg2.IntegrityError, _integrity),
    (psycopg2.DataError, _data_error),
    (pg_errors.QueryCanceled, lambda env, exc: ServiceUnavailable(
        "The database canceled the request's statement (a statement timeout)")),
    ((psycopg2.OperationalError, psycopg2.InterfaceError), lambda env, exc: _lost_database(exc)),
    (UnicodeError, lambda env, exc: ValidationError("A text value is not valid Unicode (a lone UTF-16 "
                                                    "surrogate?)")),
    (ValueError, lambda env, exc: ValidationError(_text(exc))),  # unknown field in a domain, NUL byte
)


def _lost_database(exc: psycopg2.Error) -> ApiError | None:
    """The server cannot reach PostgreSQL, or lost its connection mid-request: no SQLSTATE (the
    client library's own error), class 08 (connection exception) or 57P (shut down, restarting)."""
    code = getattr(exc, "pgcode", None)
    if code is None or code.startswith(("08", "57P")):
        return database_unavailable(exc)
    return None


def database_unavailable(cause: BaseException) -> ServiceUnavailable:
    """The answer while PostgreSQL cannot be reached: retry later (the outage is logged once)."""
    OUTAGE.began(cause)
    return ServiceUnavailable("The database is unavailable; retry shortly", retry_after=OUTAGE_RETRY_SECONDS)


def odoo_error(env, exc: BaseException) -> ApiError | None:
    """``exc`` as the API error a client gets, or None for a genuine bug (``env`` None: no database)."""
    if isinstance(exc, ApiError):
        return exc
    for classes, translated in _TABLE:
        if classes and isinstance(exc, classes):
            return translated(env, exc)
    return None


@contextmanager
def odoo_errors(env, savepoint: bool = True):
    """Run ORM work in a savepoint; its failures leave as API errors.

    The savepoint keeps the cursor usable after a constraint violation, so the
    violation can be described (and the request still rolls back as a whole).
    Serialization failures are left alone: Odoo retries the whole request.
    Reads pass ``savepoint=False``: they violate no constraint, nothing queries
    after their failure, and the savepoint's flushes and round trips cost
    about 1.5 ms per request.
    """
    try:
        with env.cr.savepoint(flush=True) if savepoint else nullcontext():
            yield
    except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
        raise
    except (odoo_exceptions.UserError, odoo_exceptions.RedirectWarning, odoo_exceptions.CacheMiss,
            psycopg2.Error, ValueError) as exc:  # ValueError: UnicodeError too
        error = odoo_error(env, exc)
        if error is None:
            raise
        raise error from exc
