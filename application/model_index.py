"""The models an API document can describe for the calling user: which to document, and the index
the docs page picks from. Pure use cases; the document itself is HTTP, built in ``controllers/openapi``."""
from __future__ import annotations

from collections.abc import Sequence

from ..domain.errors import AccessError, NotFound, ValidationError
from ..domain.model_info import ModelInfo
from .outcome import Outcome
from .session import Session


def parse_model_list(text: str | None) -> list[str] | None:
    """``?models=a,b`` as model names (None: every model). An empty list is a 400."""
    if text is None:
        return None
    names = list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if not names:
        raise ValidationError("'models' must name at least one model, e.g. models=res.partner,res.users",
                              {"models": text[:200]})
    return names


def documented_models(session: Session, names: Sequence[str] | None) -> list[ModelInfo]:
    """The models to document: every readable exposed one, or exactly the ``names`` asked.

    Without ``names`` a model the user cannot read is left out; a named one that is
    unknown or unreadable is an error (``NotFound`` first, then ``AccessError``) naming them all.
    """
    explicit = names is not None
    found, unknown, unreadable = [], [], []
    for name in names if names is not None else session.catalog.model_names():
        try:
            found.append(session.model(name))
        except NotFound:
            unknown.append(name)
        except AccessError:
            unreadable.append(name)
    if explicit and unknown:
        raise NotFound(f"Model(s) {', '.join(unknown)} not found", {"models": unknown})
    if explicit and unreadable:
        raise AccessError(f"Model(s) {', '.join(unreadable)} not readable", {"models": unreadable})
    return found


def model_index(session: Session) -> Outcome:
    """``GET /openapi/models``: the models the document can describe for this user, by name.

    What the docs page offers to pick from: one model's document at a time stays small
    whatever the number of models (the whole document of hundreds is megabytes).
    """
    models = []
    for name in session.catalog.model_names():
        if not session.settings.exposes(name):
            continue
        summary = session.catalog.model_summary(name)
        if summary.access.read and session.restrictions.allows_model(name):
            models.append({"model": name, "description": summary.description})
    return Outcome("Models retrieved successfully", {"models": models, "count": len(models)})
