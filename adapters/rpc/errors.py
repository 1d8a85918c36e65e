"""Odoo's answers to a refused RPC call, as the API's errors (spec §3 table)."""
from __future__ import annotations

import re

from ...domain.errors import (OUTAGE_RETRY_SECONDS, AccessError, ApiError, AuthenticationError, BadGateway,
                              Conflict, GatewayTimeout, InternalError, NotFound, ServiceUnavailable,
                              ValidationError)
from .transport import RpcFault, UpstreamBadAnswer, UpstreamTimeout, UpstreamUnavailable

_BY_NAME: dict[str, type[ApiError]] = {
    "odoo.exceptions.AccessDenied": AuthenticationError,
    "odoo.exceptions.AccessError": AccessError,
    "odoo.exceptions.MissingError": NotFound,
    "odoo.exceptions.ValidationError": ValidationError,
    "odoo.exceptions.UserError": ValidationError,
    "odoo.exceptions.RedirectWarning": ValidationError,
    "builtins.TypeError": ValidationError,
    "builtins.ValueError": ValidationError,
    "werkzeug.exceptions.NotFound": NotFound,
    "werkzeug.exceptions.Unauthorized": AuthenticationError,
    "werkzeug.exceptions.Forbidden": AccessError,
    # The JSON-2 API (Odoo 19+) names a missing method this way.
    "builtins.AttributeError": NotFound,
}

# Odoo's RPC turns integrity errors into a ValidationError; the traceback tells which.
_CONFLICTS = ("UniqueViolation", "ForeignKeyViolation", "SerializationFailure")
_CONSTRAINT = re.compile(r'constraint "([A-Za-z0-9_]+)"')


# Faults of an Odoo that cannot reach its own database: the outage is passing, not the call wrong.
_DATABASE_DOWN = ("psycopg2.OperationalError", "psycopg2.InterfaceError", "odoo.modules.registry.RegistryError")


def upstream_error(exc: UpstreamUnavailable) -> ServiceUnavailable:
    """The gateway's answer when its Odoo cannot be used: 502 (not its API), 504 (too slow), 503."""
    if isinstance(exc, UpstreamBadAnswer):
        return BadGateway(str(exc), retry_after=OUTAGE_RETRY_SECONDS)
    if isinstance(exc, UpstreamTimeout):
        return GatewayTimeout(str(exc))
    return ServiceUnavailable(str(exc), retry_after=OUTAGE_RETRY_SECONDS)


def translate_fault(fault: RpcFault) -> ApiError:
    """The API error for an Odoo fault. A fault of no known kind is Odoo's own failure: a 500
    naming the exception's class only (its message may carry server internals)."""
    if any(name in fault.debug for name in _CONFLICTS) and fault.name == "odoo.exceptions.ValidationError":
        named = _CONSTRAINT.search(fault.debug)  # as the addon's 409 names it
        return Conflict(fault.message, {"constraint": named.group(1)} if named else None)
    if fault.name == "odoo.exceptions.AccessDenied":
        return AuthenticationError("Invalid or expired API key")
    if fault.name in _DATABASE_DOWN:
        return ServiceUnavailable("The Odoo server cannot reach its database; retry shortly",
                                  {"upstream_error": fault.name}, retry_after=OUTAGE_RETRY_SECONDS)
    error = _BY_NAME.get(fault.name)
    if error is not None:
        return error(fault.message)
    return InternalError("The Odoo server could not complete the call", {"upstream_error": fault.name})
