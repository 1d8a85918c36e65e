"""Translating Odoo's exceptions into the core's errors, in one place."""
from __future__ import annotations

from contextlib import contextmanager, nullcontext

import psycopg2
from psycopg2 import errors as pg_errors

from odoo import exceptions as odoo_exceptions
from odoo.service.model import _as_validation_error

from ...domain.errors import AccessError, Conflict, NotFound, ValidationError


def _text(exc: Exception) -> str:
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
    except odoo_exceptions.AccessDenied as exc:
        raise AccessError(_text(exc)) from exc
    except odoo_exceptions.AccessError as exc:
        raise AccessError(_text(exc)) from exc
    except odoo_exceptions.MissingError as exc:
        raise NotFound(_text(exc)) from exc
    except odoo_exceptions.UserError as exc:  # ValidationError, RedirectWarning included
        raise ValidationError(_text(exc)) from exc
    except pg_errors.NotNullViolation as exc:
        raise missing_required(env, exc) from exc
    except (pg_errors.UniqueViolation, pg_errors.ForeignKeyViolation,
            pg_errors.ExclusionViolation) as exc:
        raise Conflict(_text(_as_validation_error(env, exc)), _constraint(exc)) from exc
    except psycopg2.IntegrityError as exc:  # CHECK
        raise ValidationError(_text(_as_validation_error(env, exc)), _constraint(exc)) from exc
    except pg_errors.ProgramLimitExceeded as exc:  # e.g. a value too big for a btree index
        raise ValidationError("A value is too large for the database (an indexed column holds a few kB)",
                              {"reason": exc.diag.message_primary}) from exc
    except psycopg2.DataError as exc:  # numeric out of range, invalid text for a column
        raise ValidationError(f"Invalid value: {exc.diag.message_primary or 'rejected by the database'}") from exc
    except UnicodeError as exc:  # a lone surrogate that reached the database driver
        raise ValidationError("A text value is not valid Unicode (a lone UTF-16 surrogate?)") from exc
    except ValueError as exc:  # unknown field in a domain, NUL byte, bad selection value
        raise ValidationError(_text(exc)) from exc
