"""Odoo 18's rules on its base records: what it refuses to delete or archive, with its own words
(``res_users._unlink_except_master_data``, ``res_users.write``, ``res_partner._unlink_except_user``);
Odoo raises ``UserError`` (``RedirectWarning`` for a partner of a user), which the API answers
as a 400 ``ValidationError``."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...domain.errors import ValidationError
from .database import Database
from .scope import Scope

_MASTER_USERS = {  # login → Odoo's message, in the order Odoo checks them
    "__system__": "You can not remove the admin user as it is used internally for resources created by Odoo "
                  "(updates, module installation, ...)",
    "admin": "You cannot delete the admin user because it is utilized in various places (such as security "
                 "configurations,...). Instead, archive it.",
    "portaltemplate": "Deleting the template users is not allowed. Deleting this profile will compromise "
                      "critical functionalities.",
    "public": "Deleting the public user is not allowed. Deleting this profile will compromise critical "
              "functionalities.",
}


def refuse_protected_unlink(database: Database, model: str, ids: Sequence[int]) -> None:
    """Raise Odoo's refusal when ``ids`` holds a user or a partner Odoo will not delete."""
    if model == "res.users":
        logins = {database.table(model)[i]["login"] for i in ids}
        for login, message in _MASTER_USERS.items():
            if login in logins:
                raise ValidationError(message)
    elif model == "res.partner":
        partners = set(ids)
        users = [row for row in database.table("res.users").values()
                 if row["active"] and row.get("partner_id") in partners]
        if users:
            names = ", ".join(row["name"] for row in users)
            raise ValidationError("You cannot delete contacts linked to an active user.\nYou should rather archive "
                                  f"them after archiving their associated user.\n\nLinked active users : {names}")


def refuse_self_deactivation(scope: Scope, model: str, ids: Sequence[int], values: Mapping[str, Any]) -> None:
    """Odoo's refusal to archive the user the request acts as."""
    if model == "res.users" and values.get("active") is False and scope.user_id in ids:
        raise ValidationError("You cannot deactivate the user you're currently logged in as.")


def with_company_partners(create_partners, model: str, values_list: Sequence[Mapping[str, Any]]) -> list:
    """Odoo's ``res.company.create``: a company given no partner gets a new one of its name."""
    if model != "res.company":
        return list(values_list)
    missing = [values for values in values_list if not values.get("partner_id")]
    partner_ids = iter(create_partners([{"name": values.get("name"), "is_company": True} for values in missing]))
    return [values if values.get("partner_id") else {**values, "partner_id": next(partner_ids)}
            for values in values_list]
