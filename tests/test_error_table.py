"""Every exception Odoo uses to speak to users is an API error, never a 500 (issue 20, item 2)."""
import inspect

import psycopg2
from psycopg2 import errors as pg_errors

from odoo import exceptions as odoo_exceptions
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, mute_logger, tagged

from ..adapters.odoo.errors import odoo_error
from ..domain.errors import ApiError, Conflict, InternalError, NotFound, ServiceUnavailable, ValidationError
from .common import RestApiCase


def _instances(env):
    """One instance of each exception class of ``odoo.exceptions``; a new class has no builder
    here, and the walk below fails until it is given one and mapped."""
    partner = env["res.partner"].browse(1)
    builders = {
        "UserError": lambda cls: cls("a user error"),
        "ValidationError": lambda cls: cls("a constraint"),
        "AccessError": lambda cls: cls("no access"),
        "AccessDenied": lambda cls: cls(),
        "MissingError": lambda cls: cls("record gone"),
        "RedirectWarning": lambda cls: cls("go and fix it", 42, "Fix it"),
        "CacheMiss": lambda cls: cls(partner, partner._fields["name"]),
        "LockError": lambda cls: cls("locked"),
        "ConcurrencyError": lambda cls: cls("concurrent"),
    }
    for name, cls in inspect.getmembers(odoo_exceptions, inspect.isclass):
        if issubclass(cls, BaseException) and cls.__module__ == odoo_exceptions.__name__:
            yield name, builders[name](cls) if name in builders else None


@tagged("post_install", "-at_install")
class TestOdooErrorTable(TransactionCase):

    def test_every_odoo_exception_class_is_mapped(self):
        walked = 0
        for name, exc in _instances(self.env):
            with self.subTest(exception=name):
                self.assertIsNotNone(exc, f"odoo.exceptions.{name} is new: give it a builder and a mapping")
                error = odoo_error(self.env, exc)
                self.assertIsInstance(error, ApiError)
                self.assertNotIsInstance(error, InternalError)
                walked += 1
        self.assertGreaterEqual(walked, 7)

    def test_what_each_kind_becomes(self):
        partner = self.env["res.partner"].browse(1)
        cases = [
            (odoo_exceptions.RedirectWarning("You cannot delete contacts linked to an active user", 1, "Go"),
             ValidationError, 400),
            (odoo_exceptions.MissingError("gone"), NotFound, 404),
            (odoo_exceptions.CacheMiss(partner, partner._fields["name"]), NotFound, 404),
            (pg_errors.UniqueViolation("UniqueViolation"), Conflict, 409),
            (pg_errors.ForeignKeyViolation("ForeignKeyViolation"), Conflict, 409),
            (pg_errors.CheckViolation("CheckViolation"), ValidationError, 400),
            (pg_errors.SerializationFailure("SerializationFailure"), Conflict, 409),
            (pg_errors.LockNotAvailable("LockNotAvailable"), Conflict, 409),
            (pg_errors.NumericValueOutOfRange("NumericValueOutOfRange"), ValidationError, 400),
            (psycopg2.OperationalError("could not connect to server"), ServiceUnavailable, 503),
            (psycopg2.InterfaceError("connection already closed"), ServiceUnavailable, 503),
        ]
        for exc, kind, _status in cases:
            with self.subTest(exception=type(exc).__name__):
                self.assertIsInstance(odoo_error(self.env, exc), kind)
        self.assertIsInstance(odoo_error(self.env, pg_errors.UniqueViolation("UniqueViolation")), Conflict)

    def test_every_retried_concurrency_error_is_a_conflict_once_retries_are_spent(self):
        for cls in PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            with self.subTest(exception=cls.__name__):
                self.assertIsInstance(odoo_error(self.env, cls("concurrent update")), Conflict)

    def test_a_genuine_bug_stays_a_500(self):
        self.assertIsNone(odoo_error(self.env, ZeroDivisionError("x")))
        self.assertIsNone(odoo_error(self.env, KeyError("x")))


@tagged("post_install", "-at_install")
class TestRedirectWarningOverHttp(RestApiCase):

    @mute_logger("odoo.http", "odoo.addons.rest_api.controllers.odoo_http")
    def test_deleting_the_partner_of_an_active_user_is_a_400_with_odoos_words(self):
        partner = self.alice.partner_id
        error = self.assertError(self.api("DELETE", f"/res.partner/{partner.id}"), 400, "ValidationError")
        self.assertIn("linked to an active user", error["message"])
        self.assertTrue(partner.exists())
