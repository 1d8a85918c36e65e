"""The ``query`` field selection language (spec §5): its tree, parser and renderer.

Grammar (ASCII whitespace is free between tokens)::

    selection := "{" [ item ("," item)* ] "}"
    item      := "*" | name | "-" name | name selection
    name      := [A-Za-z_][A-Za-z0-9_]*
"""
from __future__ import annotations

import re
import string
from itertools import islice
from typing import NoReturn

from attrs import frozen

from .errors import QuerySyntaxError, ValidationError
from .limits import IDENTIFIER_PATTERN


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

# A name, or any single non-whitespace character; findall skips only ASCII whitespace,
# so the tokens cover the whole text and the parser sees every bad character.
_TOKEN = re.compile(rf"{IDENTIFIER_PATTERN}|\S", re.ASCII)
_NAME_START = frozenset(string.ascii_letters + "_")
_EXCERPT_RADIUS = 20
_ITEM = "a field name, '*' or '-name'"


def parse_selection(text: str, max_depth: int = 6, max_names: int = 500) -> FieldSelection:
    """Parse a ``query`` text into a ``FieldSelection``, merging duplicates.

    Raises ``QuerySyntaxError`` (with the 1-based ``column`` and an ``excerpt`` in
    ``details``) for text outside the grammar or an include/exclude clash, and
    ``ValidationError`` when the text is not a string or exceeds ``max_depth``
    levels or ``max_names`` field names.
    """
    if not isinstance(text, str):
        raise ValidationError(f"The query must be a string, not {type(text).__name__}")
    return _Parser(text, max_depth, max_names).parse()


def render_selection(selection: FieldSelection) -> str:
    """The canonical text of ``selection``: ``*``, includes in order, sorted exclusions."""
    items = ["*"] if selection.star else []
    for inclusion in selection.includes:
        nested = inclusion.nested
        name = inclusion.name
        items.append(name if nested is None else name + render_selection(nested))
    items.extend("-" + name for name in sorted(selection.excludes))
    return "{" + ", ".join(items) + "}"


class _Level:
    """One selection level while it is being parsed; merged duplicates share it."""

    __slots__ = ("star", "includes", "excludes", "frozen")

    def __init__(self) -> None:
        self.star = False
        self.includes: dict[str, _Level | None] = {}
        self.excludes: set[str] = set()
        self.frozen: FieldSelection | None = None

    def freeze(self) -> FieldSelection:
        """The immutable level; every nested level must be frozen already."""
        leaves = _LEAVES
        includes = tuple([
            (leaves.get(name) or _leaf(name)) if nested is None else Inclusion(name, nested.frozen)
            for name, nested in self.includes.items()
        ])
        excludes = frozenset(self.excludes) if self.excludes else _NO_NAMES
        self.frozen = FieldSelection(self.star, includes, excludes)
        return self.frozen


# Building attrs values dominates the parse time, and field names repeat from one
# request to the next: leaf inclusions are immutable, so a bounded table shares them.
_LEAVES: dict[str, Inclusion] = {}
_MAX_LEAVES = 4096
_NO_NAMES: frozenset[str] = frozenset()


def _leaf(name: str) -> Inclusion:
    """The shared ``Inclusion`` of ``name`` without nesting (kept while the table has room)."""
    leaf = Inclusion(name)
    if len(_LEAVES) < _MAX_LEAVES:
        _LEAVES[name] = leaf
    return leaf


class _Parser:
    """One parse of one text: a token loop with an explicit stack of open levels.

    The stack (not recursion) keeps any nesting depth safe from ``RecursionError``.
    """

    __slots__ = ("text", "tokens", "count", "max_depth", "max_names", "names", "stack", "levels")

    def __init__(self, text: str, max_depth: int, max_names: int) -> None:
        self.text = text
        self.tokens: list[str] = _TOKEN.findall(text)
        self.count = len(self.tokens)
        # An end sentinel: it matches no rule, so a missing token is reported there.
        self.tokens.append("")
        self.max_depth = max_depth
        self.max_names = max_names
        self.names = 0
        self.stack: list[_Level] = []
        self.levels: list[_Level] = []  # creation order: every parent before its children

    def parse(self) -> FieldSelection:
        """Run the token loop, then freeze the levels children first."""
        tokens = self.tokens
        if tokens[0] != "{":
            self._expected(0, "'{'")
        self._enter(0, self._new_level())
        i = 1
        while True:
            token = tokens[i]
            if token != "}" or tokens[i - 1] != "{":  # not an empty level: read one item
                i = self._item(i, token)
                if tokens[i - 1] == "{":
                    continue  # the item opened a nested level
                token = tokens[i]
            while token == "}":
                self.stack.pop()
                i += 1
                if not self.stack:
                    return self._finish(i)
                token = tokens[i]
            if token != ",":
                self._expected(i, "',' or '}'")
            i += 1

    def _finish(self, i: int) -> FieldSelection:
        if i < self.count:
            self._fail(i, "Unexpected text after the closing '}'")
        frozen = [level.freeze() for level in reversed(self.levels)]
        return frozen[-1]

    def _item(self, i: int, token: str) -> int:
        if token == "*":
            self.stack[-1].star = True
            return i + 1
        if token == "-":
            return self._exclude(i)
        if token[:1] in _NAME_START:
            return self._include(i)
        self._expected(i, _ITEM)

    def _exclude(self, i: int) -> int:
        tokens = self.tokens
        name = tokens[i + 1]
        if name[:1] not in _NAME_START:
            self._expected(i + 1, "a field name after '-'")
        self.names += 1
        if self.names > self.max_names:
            self._too_many_names(i + 1)
        level = self.stack[-1]
        if name in level.includes:
            self._fail(i, f"Field '{name}' is both included and excluded")
        if tokens[i + 2] == "{":
            self._fail(i + 2, f"The excluded field '-{name}' cannot have a nested selection")
        level.excludes.add(name)
        level.star = True
        return i + 2

    def _include(self, i: int) -> int:
        name = self.tokens[i]
        self.names += 1
        if self.names > self.max_names:
            self._too_many_names(i)
        level = self.stack[-1]
        if name in level.excludes:
            self._fail(i, f"Field '{name}' is both included and excluded")
        nested = level.includes.get(name)
        if self.tokens[i + 1] != "{":
            level.includes.setdefault(name, None)
            return i + 1
        if nested is None:
            nested = level.includes[name] = self._new_level()
        self._enter(i + 1, nested)
        return i + 2

    def _new_level(self) -> _Level:
        level = _Level()
        self.levels.append(level)
        return level

    def _enter(self, i: int, level: _Level) -> None:
        if len(self.stack) >= self.max_depth:
            what = f"nests more than {self.max_depth} levels"
            self._over_limit(i, what, "max_query_depth", self.max_depth)
        self.stack.append(level)

    def _too_many_names(self, i: int) -> NoReturn:
        what = f"names more than {self.max_names} fields"
        self._over_limit(i, what, "max_query_names", self.max_names)

    def _over_limit(self, i: int, what: str, limit: str, maximum: int) -> NoReturn:
        column = self._column(i)
        raise ValidationError(
            f"The query {what} (limit {limit}) at column {column}",
            {"limit": limit, "maximum": maximum, "column": column,
             "excerpt": _excerpt(self.text, column)},
        )

    def _expected(self, i: int, what: str) -> NoReturn:
        if i >= self.count:
            found = "the end of the query"
        else:
            token = self.tokens[i]
            shown = token if len(token) <= _EXCERPT_RADIUS else token[:_EXCERPT_RADIUS] + "..."
            found = repr(shown)
        self._fail(i, f"Expected {what} but found {found}")

    def _fail(self, i: int, message: str) -> NoReturn:
        column = self._column(i)
        raise QuerySyntaxError(
            f"{message} at column {column}",
            {"column": column, "excerpt": _excerpt(self.text, column)},
        )

    def _column(self, i: int) -> int:
        """The 1-based column of token ``i``; one past the end for a missing token."""
        if i >= self.count:
            return len(self.text) + 1
        match = next(islice(_TOKEN.finditer(self.text), i, None))
        return match.start() + 1


def _excerpt(text: str, column: int) -> str:
    """The text around ``column`` (about 40 characters) with a caret line under it."""
    position = column - 1
    start = max(0, position - _EXCERPT_RADIUS)
    end = min(len(text), position + _EXCERPT_RADIUS)
    head = "..." if start > 0 else ""
    tail = "..." if end < len(text) else ""
    # Non-printable characters (tabs, newlines, NUL) would break the caret's alignment.
    window = "".join(c if c.isprintable() else " " for c in text[start:end])
    return f"{head}{window}{tail}\n{' ' * (len(head) + position - start)}^"


def parse_query(text: str, max_depth: int = 6, max_names: int = 500) -> FieldSelection:
    """The ``query`` parameter: a selection, or its top level without braces.

    ``id,name`` means ``{id,name}``: curl expands unescaped braces itself
    (``{id,name}`` becomes two requests, ``query=id`` and ``query=name``), so a
    brace-less level keeps copied commands working. Error columns still point
    into the text the client sent.
    """
    if not isinstance(text, str) or text.lstrip(" \t\r\n\f\v").startswith("{"):
        return parse_selection(text, max_depth, max_names)
    try:
        return parse_selection("{" + text + "}", max_depth, max_names)
    except (QuerySyntaxError, ValidationError) as exc:
        if not (isinstance(exc.details, dict) and "column" in exc.details):
            raise
        wrapped = exc.details["column"]
        column = min(max(1, wrapped - 1), len(text) + 1)
        details = {**exc.details, "column": column, "excerpt": _excerpt(text, column)}
        message = exc.message.replace(f"column {wrapped}", f"column {column}")
        raise type(exc)(message, details) from None
