"""Methods that only a browser session with a fresh password check may run (spec §11).

Odoo marks them with ``@check_identity`` (new API keys, password change, 2FA changes,
device revocation): they trust the *session*'s last password check. API requests have
no session, and a REST key must never become a password, a session or another key, so
the API refuses them outright (403) instead of answering with the identity-check wizard.
"""
from __future__ import annotations

from ...domain.errors import AccessError

# Methods that check or set a password or key: each would turn a REST key into a password
# oracle (or a new password). The identity-check wizard's ``run_check`` checks a password,
# then runs the guarded method; ``authenticate`` and ``check`` answer for any user's
# password or key; ``change_password`` takes the old password; ``signup`` sets one from a token.
PASSWORD_CHECKS = {
    "res.users.identitycheck": frozenset({"run_check"}),
    "res.users": frozenset({"authenticate", "check", "change_password", "signup"}),
}
_MARK = "__has_check_identity"  # set by odoo.addons.base.models.res_users.check_identity


def needs_identity_check(records, method: str) -> bool:
    """Whether ``method`` of ``records``, or any method it overrides, is ``@check_identity``."""
    if method in PASSWORD_CHECKS.get(records._name, ()):
        return True
    return any(getattr(cls.__dict__.get(method), _MARK, False) for cls in type(records).__mro__)


def refuse_identity_checked(records, method: str) -> None:
    """``AccessError`` for a method that needs an interactive password check."""
    if needs_identity_check(records, method):
        raise AccessError(
            f"{records._name}.{method} checks or needs a password in Odoo's web client; "
            "API requests have no browser session, so it cannot be called through the API",
            {"model": records._name, "method": method, "reason": "identity_check"})
