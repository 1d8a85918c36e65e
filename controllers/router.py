"""Matching ``/api/v1`` paths against a declarative route table: 404 and 405 decided here."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from difflib import get_close_matches
from typing import Any

from attrs import field, frozen

from ..domain.errors import MethodNotAllowed, NotFound, ValidationError
from ..domain.external_ids import path_record
from .docs_assets import asset_name
from ..domain.limits import IDENTIFIER, MODEL_NAME, NAME_LENGTH

API_PREFIX = "/api/v1"

_REPORT = re.compile(r"\A[A-Za-z0-9_][A-Za-z0-9_.]{0,127}\Z")
_ID_LIST = re.compile(r"\A[A-Za-z0-9_.,\-]{1,4000}\Z")  # ids or external ids: checked by the use case


def _model(text: str) -> str | None:
    return text if len(text) <= NAME_LENGTH and MODEL_NAME.match(text) else None


def _name(text: str) -> str | None:
    return text if len(text) <= NAME_LENGTH and IDENTIFIER.match(text) else None


# What a ``{placeholder}`` accepts; a segment that does not fit means "no match".
PLACEHOLDERS: dict[str, Callable[[str], Any]] = {
    "model": _model,
    "id": path_record,  # a record id, or one of its external ids (issue 24)
    "field": _name,
    "function": lambda text: text if len(text) <= NAME_LENGTH else None,
    "asset": asset_name,
    "report": lambda text: text if _REPORT.match(text) else None,
    "ids": lambda text: text if _ID_LIST.match(text) else None,
    # a free-form segment of an addon's route: printable, at most 128 characters
    "name": lambda text: text if len(text) <= NAME_LENGTH and text.isprintable() else None,
}


# Odoo's own switch on any URL: accepted everywhere and ignored, API requests have no debug mode (spec §11).
IGNORED_PARAMETERS = frozenset({"debug"})
# What a client used to another API means by a name this one does not take, where the route takes the other.
_INSTEAD = {
    "offset": ("page", "page with `page` and `page_size` (or send `offset` in the body of "
                       f"`POST {API_PREFIX}/{{model}}/search`)."),
    "fields": ("query", "choose fields with `query`, e.g. `query={id,name}`."),
}


@frozen
class Route:
    """One endpoint: verb, path under ``/api/v1``, its handler, what it does, the query parameters it
    takes (the only ones), and its OpenAPI operation.

    ``permission``: what a ``{model}`` route does to its model — ``read``, ``create``, ``write``,
    ``unlink`` or ``method`` (a call of ``{function}``) — for guards and restricted keys.
    ``handler(call)`` answers the request. ``operation`` documents it: None (not in the document),
    an OpenAPI operation object as it stands (what an addon's route usually gives), or a builder
    that ``controllers/openapi`` calls per model (``{model}`` routes) or once. ``in_transaction``:
    whether ``POST /transaction`` may run it as one of its operations.
    """

    method: str
    path: str
    handler: Callable[..., Any]
    description: str
    public: bool = False
    params: tuple[str, ...] = ()
    operation: Any = None
    in_transaction: bool = True
    placeholders: Mapping[str, Callable[[str], Any]] = field(factory=dict)
    permission: str | None = None

    @property
    def name(self) -> str:
        """The handler's name: how logs, tests and the route's users refer to it."""
        return self.handler.__name__

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
                name = segment[1:-1]
                value = (self.placeholders.get(name) or PLACEHOLDERS[name])(part)
                if value is None:
                    return None
                args[name] = value
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


def check_query_parameters(route: Route, names: Iterable[str]) -> None:
    """Refuse, all at once, the query parameters ``route`` does not take: a 400 naming each, with
    the name probably meant, and the known ones (``details``: ``parameter``, ``unknown``, ``known``)."""
    unknown = sorted(set(names) - set(route.params) - IGNORED_PARAMETERS)
    if not unknown:
        return
    known = (f"Known: {', '.join(route.params)}" if route.params
             else f"{route.method} {API_PREFIX}{route.path} takes no query parameters")
    if len(unknown) == 1:
        advice = _advice(route, unknown[0])
        message = f"Unknown query parameter `{unknown[0]}`" + (f"; {advice} " if advice else ". ") + known
    else:
        names_text = ", ".join(f"`{name}`" + (f" ({advice.rstrip('.')})" if (advice := _advice(route, name)) else "")
                               for name in unknown)
        message = f"Unknown query parameters {names_text}. {known}"
    raise ValidationError(message, {"parameter": unknown[0], "unknown": unknown, "known": list(route.params)})


def _advice(route: Route, name: str) -> str | None:
    """What the client probably meant by ``name`` on ``route``, as a sentence, or None."""
    if name in _INSTEAD and _INSTEAD[name][0] in route.params:
        return _INSTEAD[name][1]
    close = get_close_matches(name, route.params, n=1)
    return f"did you mean `{close[0]}`?" if close else None


def _parts(path: str) -> list[str] | None:
    if path != API_PREFIX and not path.startswith(API_PREFIX + "/"):
        return None
    rest = path[len(API_PREFIX):]
    if rest.endswith("/"):
        rest = rest[:-1]
    parts = rest.split("/")[1:] if rest else []
    return None if any(part == "" for part in parts) else parts


def endpoint_list(routes: Sequence[Route]) -> list[dict]:
    """The routes as ``/info`` lists them."""
    return [{"method": r.method, "path": f"{API_PREFIX}{r.path}", "description": r.description}
            for r in routes]
