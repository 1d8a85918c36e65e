"""The model catalog read from Odoo's registry, as the current user sees it."""
from __future__ import annotations

from ...application.ports import ModelCatalog
from ...domain.errors import NotFound
from ...domain.model_info import FieldInfo, ModelAccess, ModelInfo
from .viewer_cache import ViewerCache

_ATTRIBUTES = ["type", "string", "required", "readonly", "relation", "selection", "help",
               "sortable", "store"]


def field_info(env, field) -> FieldInfo:
    """One Odoo field as the core describes it, for the user of ``env``."""
    desc = field.get_description(env, _ATTRIBUTES)
    selection = desc.get("selection") if field.type == "selection" else None
    return FieldInfo(
        name=field.name,
        type=field.type,
        string=desc.get("string") or "",
        relation=desc.get("relation") or None,
        required=bool(desc.get("required")),
        readonly=bool(desc.get("readonly")),
        stored=bool(desc.get("store")),
        sortable=bool(desc.get("sortable")),
        selection=tuple((str(k), str(v)) for k, v in selection) if isinstance(selection, list) else (),
        help=desc.get("help") or "",
        readable=field.is_accessible(env) and _related_records_readable(env, field),
        has_default=field.default is not None,
    )


def _related_records_readable(env, field) -> bool:
    """An x2many of a model the user may not read cannot be read either (Odoo searches the
    comodel to list the ids): such a field is left out of ``*`` and refused when named.
    A many2one still reads (its id), whatever the comodel's rights."""
    if field.type not in ("one2many", "many2many"):
        return True
    return env["ir.model.access"].check(field.comodel_name, "read", raise_exception=False)


class OdooCatalog(ModelCatalog):
    """Models of the registry; abstract models (no table, no records) are not served."""

    cache = ViewerCache()

    def __init__(self, env):
        self.env = env

    def model(self, name: str) -> ModelInfo:
        if name not in self.env.registry or self.env.registry[name]._abstract:
            raise NotFound(f"Model {name!r} not found", {"model": name})
        model = self.env[name]
        access = self.env["ir.model.access"]
        return ModelInfo(
            name=name,
            description=model._description or name,
            fields=self.cache.get(self.env, ("fields", name), lambda: self._fields(model)),
            access=ModelAccess(*(access.check(name, op, raise_exception=False)
                                 for op in ("read", "create", "write", "unlink"))),
        )

    def model_summary(self, name: str) -> ModelInfo:
        if name not in self.env.registry or self.env.registry[name]._abstract:
            raise NotFound(f"Model {name!r} not found", {"model": name})
        access = self.env["ir.model.access"]
        return ModelInfo(name=name, description=self.env[name]._description or name, fields={},
                         access=ModelAccess(*(access.check(name, op, raise_exception=False)
                                              for op in ("read", "create", "write", "unlink"))))

    def _fields(self, model) -> dict[str, FieldInfo]:
        return {name: field_info(self.env, field) for name, field in model._fields.items()}

    def model_names(self) -> list[str]:
        registry = self.env.registry
        return sorted(name for name in registry if not registry[name]._abstract)

    def languages(self) -> frozenset[str]:
        return frozenset(code for code, _name in self.env["res.lang"].get_installed())
