"""What the core knows of a model: its fields, their types, and the user's access."""
from __future__ import annotations

from collections.abc import Mapping

from attrs import field, frozen

RELATIONAL_TYPES = frozenset({"many2one", "one2many", "many2many"})
X2MANY_TYPES = frozenset({"one2many", "many2many"})
TEXT_TYPES = frozenset({"char", "text", "html", "selection"})


@frozen
class FieldInfo:
    """One field of a model as the current user sees it.

    ``readable`` is False for a field whose ``groups`` the user lacks: it exists,
    but naming it is an access error rather than an unknown field.
    """

    name: str
    type: str
    string: str = ""
    relation: str | None = None
    required: bool = False
    readonly: bool = False
    stored: bool = True
    sortable: bool = True
    selection: tuple[tuple[str, str], ...] = ()
    help: str = ""
    readable: bool = True
    # Whether the server fills the field when a create leaves it out (Odoo's ``default``).
    has_default: bool = False

    @property
    def is_relational(self) -> bool:
        return self.type in RELATIONAL_TYPES

    @property
    def comodel(self) -> str:
        """The related model of a relational field (``TypeError`` on any other field)."""
        if self.relation is None:
            raise TypeError(f"field {self.name!r} has no related model")
        return self.relation

    @property
    def is_x2many(self) -> bool:
        return self.type in X2MANY_TYPES

    @property
    def is_binary(self) -> bool:
        return self.type == "binary"


# Odoo's four model rights, in ModelAccess's field order.
OPERATIONS = ("read", "create", "write", "unlink")


@frozen
class ModelAccess:
    """The current user's model-level rights (Odoo ACLs)."""

    read: bool = True
    create: bool = True
    write: bool = True
    unlink: bool = True


@frozen
class ModelInfo:
    """A model: its technical name, label, fields by name, and access rights."""

    name: str
    description: str
    fields: Mapping[str, FieldInfo] = field(eq=False, hash=False)
    access: ModelAccess = ModelAccess()
    # Fields the API key's rules leave out (issue 23): unreadable here, readable by the user.
    restricted_fields: frozenset[str] = frozenset()

    def refused_fields(self, names) -> dict:
        """The details of a refusal to use ``names``: the model and the fields, and
        ``restriction: "field"`` when the API key's rules are what hid any of them."""
        details: dict = {"model": self.name, "fields": list(names)}
        if self.restricted_fields.intersection(names):
            details["restriction"] = "field"
        return details

    def field(self, name: str) -> FieldInfo | None:
        """The field called ``name``, or None."""
        return self.fields.get(name)
