"""The in-memory ``ModelCatalog``: the schema's models as one user sees them."""
from __future__ import annotations

from collections.abc import Iterable

from attrs import evolve

from ...application.ports import ModelCatalog
from ...domain.errors import NotFound
from ...domain.model_info import ModelInfo
from .schema import ModelSchema, Schema

DEFAULT_LANGUAGES = frozenset({"en_US"})


class InMemoryCatalog(ModelCatalog):
    """Models of ``schema``; fields whose group is not in ``groups`` are marked unreadable."""

    def __init__(self, schema: Schema, groups: Iterable[str] = (),
                 languages: Iterable[str] = DEFAULT_LANGUAGES):
        self._schema = dict(schema)
        self._groups = frozenset(groups)
        self._languages = frozenset(languages)
        self._models: dict[str, ModelInfo] = {}

    def model(self, name: str) -> ModelInfo:
        """The model called ``name``. Raises ``NotFound`` for unknown models."""
        if name not in self._models:
            schema = self._schema.get(name)
            if schema is None:
                raise NotFound(f"Model {name!r} not found", {"model": name})
            self._models[name] = self._info(schema)
        return self._models[name]

    def model_names(self) -> list[str]:
        """Technical names of every model, sorted."""
        return sorted(self._schema)

    def languages(self) -> frozenset[str]:
        """Codes of the installed languages."""
        return self._languages

    def _info(self, schema: ModelSchema) -> ModelInfo:
        fields = {
            name: spec.info if self._readable(spec) else evolve(spec.info, readable=False)
            for name, spec in schema.fields.items()
        }
        return ModelInfo(schema.name, schema.description, fields, schema.access)

    def _readable(self, spec) -> bool:
        """As on Odoo: the field's group, and for an x2many, read access to its comodel."""
        if spec.groups is not None and spec.groups not in self._groups:
            return False
        related = self._schema.get(spec.info.relation or "") if spec.info.is_x2many else None
        return related is None or related.access.read
