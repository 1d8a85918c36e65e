"""Resolving a parsed selection against model metadata into the fields to read."""
from __future__ import annotations

from collections.abc import Callable, Set

from attrs import frozen

from .errors import AccessError, ValidationError
from .external_ids import EXTERNAL_ID
from .model_info import FieldInfo, ModelInfo
from .selection import STAR, FieldSelection

ModelLookup = Callable[[str], ModelInfo]


@frozen
class ResolvedField:
    """A field to read, with the resolved selection of related records when nested."""

    field: FieldInfo
    nested: ResolvedSelection | None = None

    @property
    def name(self) -> str:
        return self.field.name


@frozen
class ResolvedSelection:
    """The exact fields to read on ``model``, in answer order."""

    model: str
    fields: tuple[ResolvedField, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @classmethod
    def of(cls, model: ModelInfo, names: tuple[str, ...]) -> ResolvedSelection:
        """A flat selection of already-checked field names (``id`` first)."""
        ordered = ("id",) + tuple(n for n in names if n != "id")
        return cls(model.name, tuple(ResolvedField(model.fields[n]) for n in ordered))


def star_fields(model: ModelInfo, sensitive: Set[str]) -> tuple[str, ...]:
    """The names ``*`` stands for: readable, non-sensitive, non-binary fields (``external_id``
    only when named: it costs a lookup)."""
    return tuple(
        name for name, f in model.fields.items()
        if f.readable and not f.is_binary and name not in sensitive and name != EXTERNAL_ID
    )


def resolve(selection: FieldSelection, model: ModelInfo, lookup: ModelLookup,
            sensitive: Set[str]) -> ResolvedSelection:
    """Turn ``selection`` into the fields to read on ``model``; ``id`` always comes first.

    Raises ``ValidationError`` listing every unknown field or scalar nesting of a
    level, and ``AccessError`` listing the sensitive or unreadable fields named.
    """
    _check_names(selection, model, sensitive)
    nested = {inc.name: inc.nested for inc in selection.includes}
    names = list(star_fields(model, sensitive)) if selection.star else []
    names = [n for n in names if n not in selection.excludes]
    names += [n for n in nested if n not in names]
    names = ["id"] + [n for n in names if n != "id"]
    fields = []
    for name in names:
        field = model.fields[name]
        sub = nested.get(name)
        resolved_sub = resolve(sub, lookup(field.comodel), lookup, sensitive) if sub is not None else None
        fields.append(ResolvedField(field, resolved_sub))
    return ResolvedSelection(model.name, tuple(fields))


def _check_names(selection: FieldSelection, model: ModelInfo, sensitive: Set[str]) -> None:
    named = [inc.name for inc in selection.includes] + sorted(selection.excludes)
    unknown = [n for n in named if model.field(n) is None]
    if unknown:
        raise ValidationError(
            f"Unknown field(s) {', '.join(unknown)} on model {model.name}",
            {"model": model.name, "fields": unknown},
        )
    # Excluding a sensitive field is harmless; only asking for one is refused.
    included = [inc.name for inc in selection.includes]
    hidden = [n for n in included if n in sensitive or not model.fields[n].readable]
    if hidden:
        raise AccessError(
            f"Field(s) {', '.join(hidden)} of model {model.name} cannot be read",
            model.refused_fields(hidden),
        )
    scalar = [inc.name for inc in selection.includes
              if inc.nested is not None and not model.fields[inc.name].is_relational]
    if scalar:
        raise ValidationError(
            f"Field(s) {', '.join(scalar)} of model {model.name} are not relational and cannot be nested",
            {"model": model.name, "fields": scalar},
        )


def default_selection() -> FieldSelection:
    """No ``query`` means ``{*}``."""
    return STAR
