"""The ``query`` field selection language (spec §5): its tree, parser and renderer."""
from __future__ import annotations

from attrs import frozen


@frozen
class Inclusion:
    """A named field, with the selection of the related records when nested."""

    name: str
    nested: FieldSelection | None = None


@frozen
class FieldSelection:
    """A parsed selection level: ``*``, included names in first-seen order, excluded names.

    A level with exclusions always has ``star`` set (an exclusion implies ``*``).
    """

    star: bool = False
    includes: tuple[Inclusion, ...] = ()
    excludes: frozenset[str] = frozenset()


STAR = FieldSelection(star=True)
