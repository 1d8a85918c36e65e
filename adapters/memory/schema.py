"""Declaring in-memory models: fields with their Odoo metadata, constraints, defaults, methods."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from attrs import field, frozen

from ...domain.model_info import FieldInfo, ModelAccess

# What ``ondelete`` does to records pointing at a deleted one (Odoo's many2one option).
ONDELETE_ACTIONS = frozenset({"set null", "cascade", "restrict"})
MAGIC_FIELDS = frozenset({"id", "create_date", "write_date", "create_uid", "write_uid"})
DEFAULT_ACCESS = ModelAccess()

Compute = Callable[[Any, dict], Any]
"""``compute(database, row) -> value`` for a non-stored field."""


@frozen
class FieldSpec:
    """A field: what the catalog shows (``info``) plus what only the store needs.

    ``default`` is a value or a callable ``default(store_scope) -> value``; ``groups``
    names the group a user needs to read the field; ``inverse`` is the many2one of a
    one2many on its comodel. ``active_only`` is Odoo's ``domain=[('active', '=', True)]``
    with ``context={'active_test': False}`` on an x2many (``res.partner.child_ids``): reads
    and searches through the field never see archived records, whatever ``active_test``
    says, while a domain's ``in`` ids or ``= False`` on it count them. ``image`` marks a
    binary field as Odoo's ``fields.Image``: it stores only what opens as an image.
    """

    info: FieldInfo
    default: Any = None
    compute: Compute | None = None
    groups: str | None = None
    inverse: str | None = None
    ondelete: str = field(default="set null")
    active_only: bool = False
    image: bool = False

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def type(self) -> str:
        return self.info.type


def spec(name: str, type_: str, *, default: Any = None, compute: Compute | None = None,
         groups: str | None = None, inverse: str | None = None, ondelete: str | None = None,
         active_only: bool = False, image: bool = False, **info: Any) -> FieldSpec:
    """A field declaration; a computed field is read-only, not stored, not sortable.

    ``ondelete`` defaults as Odoo's many2one does: ``restrict`` when required, else ``set null``.
    """
    if ondelete is None:
        ondelete = "restrict" if info.get("required") else "set null"
    if ondelete not in ONDELETE_ACTIONS:
        raise ValueError(f"ondelete must be one of {sorted(ONDELETE_ACTIONS)}")
    if compute is not None:
        info = {"readonly": True, "stored": False, "sortable": False, **info}
    string = info.pop("string", name.replace("_", " ").title())
    info.setdefault("has_default", default is not None)
    return FieldSpec(FieldInfo(name, type_, string, **info), default, compute, groups, inverse, ondelete,
                     active_only, image)


def display_name_from(source: str) -> Compute:
    """A ``display_name`` computed as the value of the field ``source``."""
    return lambda _db, row: row.get(source) or False


def standard_fields(display_name: str | Compute | None = "name") -> list[FieldSpec]:
    """``id``, ``display_name``, ``create_date``, ``write_date``.

    ``display_name`` is the field it copies, a compute function, or None for none.
    """
    fields = [spec("id", "integer", string="ID", readonly=True)]
    if display_name is not None:
        compute = display_name_from(display_name) if isinstance(display_name, str) else display_name
        fields.append(spec("display_name", "char", compute=compute))
    fields.append(spec("create_date", "datetime", string="Created on", readonly=True))
    fields.append(spec("write_date", "datetime", string="Last Updated on", readonly=True))
    return fields


@frozen
class Unique:
    """A uniqueness rule on some fields, as Odoo declares it.

    ``sql``: an SQL ``UNIQUE`` constraint (a ``Conflict`` named ``constraint``, worded
    like Odoo's); otherwise a Python ``@api.constrains`` check (a ``ValidationError``),
    such as product barcodes.
    """

    fields: tuple[str, ...]
    constraint: str
    message: str
    sql: bool = True


def unique_of(model: str, rule: Unique | Iterable[str]) -> Unique:
    """``rule`` as a ``Unique``; a bare tuple of names gets Odoo-style default naming."""
    if isinstance(rule, Unique):
        return rule
    names = tuple(rule)
    table = model.replace(".", "_")
    return Unique(names, f"{table}_{'_'.join(names)}_uniq", f"{', '.join(names)} must be unique.")


@frozen
class ModelSchema:
    """One model: its fields in declaration order, access, unique constraints, methods.

    ``order`` is the model's default order (Odoo's ``_order``).
    """

    name: str
    description: str
    fields: Mapping[str, FieldSpec] = field(eq=False, hash=False)
    access: ModelAccess = ModelAccess()
    unique: tuple[Unique, ...] = ()
    methods: Mapping[str, Callable[..., Any]] = field(factory=dict, eq=False, hash=False)
    parent_name: str | None = None
    order: str = "id"

    @classmethod
    def declare(cls, name: str, description: str, fields: Iterable[FieldSpec], *,
                access: ModelAccess = DEFAULT_ACCESS, unique: Iterable[Unique | tuple[str, ...]] = (),
                methods: Mapping[str, Callable[..., Any]] | None = None,
                parent_name: str | None = None, order: str = "id") -> ModelSchema:
        """A model from a list of field declarations (duplicates are a programming error)."""
        by_name: dict[str, FieldSpec] = {}
        for field_spec in fields:
            if field_spec.name in by_name:
                raise ValueError(f"Field {field_spec.name} declared twice on {name}")
            by_name[field_spec.name] = field_spec
        if parent_name is None and "parent_id" in by_name:
            parent_name = "parent_id"
        return cls(name, description, by_name, access, tuple(unique_of(name, u) for u in unique),
                   dict(methods or {}), parent_name, order)

    def field(self, name: str) -> FieldSpec | None:
        """The field called ``name``, or None."""
        return self.fields.get(name)

    def stored_fields(self) -> list[FieldSpec]:
        """The fields that live in the table (not computed)."""
        return [f for f in self.fields.values() if f.compute is None]

    @property
    def company_field(self) -> FieldSpec | None:
        """The ``company_id`` many2one that Odoo's multi-company record rules look at."""
        company = self.fields.get("company_id")
        return company if company is not None and company.type == "many2one" else None


Schema = Mapping[str, ModelSchema]
"""Every model of a database, by technical name."""


def schema_of(models: Iterable[ModelSchema]) -> dict[str, ModelSchema]:
    """A schema from model declarations, checking that every relation points at a declared model."""
    schema = {model.name: model for model in models}
    for model in schema.values():
        for field_spec in model.fields.values():
            relation = field_spec.info.relation
            if relation is not None and relation not in schema:
                raise ValueError(f"{model.name}.{field_spec.name} points at undeclared model {relation}")
            if field_spec.type == "one2many" and field_spec.inverse is None:
                raise ValueError(f"{model.name}.{field_spec.name} is a one2many without inverse")
    return schema
