"""Who a store acts as, and which rows that user sees (active_test, multi-company rule)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from ...domain.errors import AccessError, NotFound
from .database import Database, Row
from .schema import ModelSchema


@frozen
class Scope:
    """A user with their groups, allowed companies, current company and ``active_test``.

    ``superuser`` bypasses access flags and record rules (seeding only, never a request).
    """

    user_id: int
    groups: frozenset[str] = frozenset()
    company_ids: frozenset[int] = frozenset()
    company_id: int | None = None
    active_test: bool = True
    superuser: bool = False

    @classmethod
    def of_user(cls, database: Database, user_id: int, context: Mapping[str, Any]) -> Scope:
        """The scope of ``user_id`` under ``context``.

        Raises ``AccessError`` when ``allowed_company_ids`` names a company the user lacks.
        """
        user = database.row("res.users", user_id)
        if user is None:
            raise NotFound(f"User {user_id} not found", {"model": "res.users", "id": user_id})
        own = list(user.get("company_ids") or [])
        given = list(context.get("allowed_company_ids") or [])
        foreign = [c for c in given if c not in own]
        if foreign:
            raise AccessError(f"Access to unauthorized or invalid companies {foreign}",
                              {"allowed_company_ids": foreign})
        # Like Odoo's env.companies: all the user's companies when the context names none.
        current = given[0] if given else user.get("company_id")
        return cls(user_id, database.groups_of(user_id), frozenset(given or own), current,
                   bool(context.get("active_test", True)))

    @classmethod
    def root(cls) -> Scope:
        """The superuser scope used to seed data."""
        return cls(user_id=1, active_test=False, superuser=True)

    def without_active_test(self) -> Scope:
        """The same scope with ``active_test`` off (many2one ``any`` searches, like Odoo)."""
        return Scope(self.user_id, self.groups, self.company_ids, self.company_id, False, self.superuser)

    def passes_rules(self, model: ModelSchema, row: Row) -> bool:
        """Whether the record rules let the user see ``row`` (company in the allowed ones)."""
        if self.superuser or model.company_field is None:
            return True
        company = row.get("company_id")
        return company is None or company in self.company_ids

    def is_active(self, model: ModelSchema, row: Row) -> bool:
        """Whether ``row`` survives ``active_test`` (models without ``active`` always do)."""
        if not self.active_test or model.field("active") is None:
            return True
        return bool(row.get("active"))

    def sees(self, model: ModelSchema, row: Row) -> bool:
        """Whether a search would return ``row``: record rules and ``active_test``."""
        return self.passes_rules(model, row) and self.is_active(model, row)

    def check_access(self, model: ModelSchema, operation: str) -> None:
        """Raise ``AccessError`` when the model's ``operation`` flag is off."""
        if not self.superuser and not getattr(model.access, operation):
            raise AccessError(f"You are not allowed to {operation} records of model {model.name}",
                              {"model": model.name, "operation": operation})

    def check_fields(self, model: ModelSchema, names: Iterable[str]) -> None:
        """Raise ``AccessError`` naming the fields whose group the user lacks."""
        if self.superuser:
            return
        hidden = [n for n in names if (f := model.field(n)) is not None
                  and f.groups is not None and f.groups not in self.groups]
        if hidden:
            raise AccessError(f"Field(s) {', '.join(hidden)} of model {model.name} cannot be accessed",
                              {"model": model.name, "fields": hidden})
