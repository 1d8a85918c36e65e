"""Matching ``/api/v1`` paths against a declarative route table: 404 and 405 decided here."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from attrs import frozen

from ..domain.errors import MethodNotAllowed, NotFound
from ..domain.ids import path_id
from .docs_assets import asset_name

API_PREFIX = "/api/v1"

_MODEL = re.compile(r"\A[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*\Z")
_NAME = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z")
_REPORT = re.compile(r"\A[A-Za-z0-9_][A-Za-z0-9_.]{0,127}\Z")
_ID_LIST = re.compile(r"\A[0-9,]{1,1100}\Z")


def _model(text: str) -> str | None:
    return text if len(text) <= 128 and _MODEL.match(text) else None


def _name(text: str) -> str | None:
    return text if len(text) <= 128 and _NAME.match(text) else None


# What a ``{placeholder}`` accepts; a segment that does not fit means "no match".
PLACEHOLDERS: dict[str, Callable[[str], Any]] = {
    "model": _model,
    "id": path_id,
    "field": _name,
    "function": lambda text: text if len(text) <= 128 else None,
    "asset": asset_name,
    "report": lambda text: text if _REPORT.match(text) else None,
    "ids": lambda text: text if _ID_LIST.match(text) else None,
}


@frozen
class Route:
    """One endpoint: verb, path under ``/api/v1``, the handler's name, and what it does."""

    method: str
    path: str
    handler: str
    description: str
    public: bool = False

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(s for s in self.path.split("/") if s)

    def bind(self, parts: Sequence[str]) -> dict[str, Any] | None:
        """The placeholder values if ``parts`` fit this route's path, else None."""
        segments = self.segments
        if len(segments) != len(parts):
            return None
        args = {}
        for segment, part in zip(segments, parts, strict=True):
            if segment.startswith("{"):
                value = PLACEHOLDERS[segment[1:-1]](part)
                if value is None:
                    return None
                args[segment[1:-1]] = value
            elif segment != part:
                return None
        return args

    def specificity(self) -> tuple[bool, ...]:
        """Literal segments rank above placeholders (``/info`` beats ``/{model}``)."""
        return tuple(not s.startswith("{") for s in self.segments)


@frozen
class RouteMatch:
    """The route a request resolved to, with its path arguments."""

    route: Route
    args: dict[str, Any]


def candidates(routes: Sequence[Route], path: str) -> list[RouteMatch]:
    """The most specific routes whose path fits (one per verb); ``NotFound`` when none does."""
    parts = _parts(path)
    bound = [RouteMatch(route, args) for route in routes
             if parts is not None and (args := route.bind(parts)) is not None]
    if not bound:
        raise NotFound(f"No endpoint at {path}", {"path": path[:200]})
    best = max(found.route.specificity() for found in bound)
    return [found for found in bound if found.route.specificity() == best]


def allowed_methods(routes: Sequence[Route], path: str) -> tuple[str, ...]:
    """The verbs ``path`` answers, sorted (for ``Allow`` and CORS preflights)."""
    return _methods(candidates(routes, path))


def _methods(found: Sequence[RouteMatch]) -> tuple[str, ...]:
    return tuple(sorted({candidate.route.method for candidate in found}))


def match(routes: Sequence[Route], method: str, path: str) -> RouteMatch:
    """The route for ``method path``; ``NotFound`` or ``MethodNotAllowed`` (with ``Allow``)."""
    found = candidates(routes, path)
    for candidate in found:
        if candidate.route.method == method.upper():
            return candidate
    allowed = _methods(found)
    raise MethodNotAllowed(f"Method {method.upper()} not allowed on {path}", allowed,
                           {"allowed": list(allowed)})


def _parts(path: str) -> list[str] | None:
    if path != API_PREFIX and not path.startswith(API_PREFIX + "/"):
        return None
    rest = path[len(API_PREFIX):]
    if rest.endswith("/"):
        rest = rest[:-1]
    parts = rest.split("/")[1:] if rest else []
    return None if any(part == "" for part in parts) else parts
