"""Paging of list results (spec §6): the store window a request asks for, and its block.

``page_size`` pages over every matching record; a ``limit`` the client sends caps the whole
result set first. Page ``p`` covers rows ``[(p-1)*page_size, min(p*page_size, limit))``, so
the store is asked for exactly that window, or not at all when the page lies past the cap.
The server's largest page (``max_limit``) bounds one page, never the set. Without
``page_size`` the answer is one bounded page: ``limit`` rows, or ``max_limit``.
"""
from __future__ import annotations

import json
import re

from attrs import frozen

from .errors import ValidationError
from .limits import INT4_MAX

MAX_PAGE = INT4_MAX
NEEDS_PAGE_SIZE = "'page_size' given as well"
_DIGITS = re.compile(r"[0-9]+")


@frozen
class PageRequest:
    """The store window of a list request, with the page it came from.

    ``offset``/``limit`` are what the store is asked for; ``page``/``page_size`` are the
    client's paging (``page_size`` None when not paging); ``cap`` is the client's ``limit``,
    the size the whole result set is capped at (None: the client sent none, nothing caps it).
    """

    offset: int
    limit: int
    page: int = 1
    page_size: int | None = None
    cap: int | None = None

    def pages_of(self, total: int) -> int:
        """How many pages the ``total`` matching records fill: never below 1 (an empty result
        still has one, empty, page 1); 1 when not paging."""
        if self.page_size is None:
            return 1
        capped = total if self.cap is None else min(total, self.cap)
        return max(1, -(-capped // self.page_size))

    @property
    def is_empty(self) -> bool:
        """True when the window holds no row: the store must not be asked for records."""
        return self.limit <= 0

    @classmethod
    def from_params(
        cls,
        limit: str | None,
        page: str | None,
        page_size: str | None,
        max_limit: int = 1000,
    ) -> PageRequest:
        """Validate the raw query-string parameters; every problem is reported in one error."""
        problems: list[dict] = []
        # Without paging ``limit`` sizes the one page; when paging it only caps the set.
        cap = _parse_param("limit", limit, max_limit if page_size is None else MAX_PAGE, problems)
        size = _parse_param("page_size", page_size, max_limit, problems)
        number = _parse_param("page", page, MAX_PAGE, problems)
        if page is not None and page_size is None:
            problems.append({"parameter": "page", "expected": NEEDS_PAGE_SIZE, "got": page})
        if problems:
            raise _params_error(problems)
        if size is None:
            return cls(offset=0, limit=max_limit if cap is None else cap, page=1, page_size=None, cap=cap)
        number = 1 if number is None else number
        offset = (number - 1) * size
        end = offset + size if cap is None else min(offset + size, cap)
        # No table holds 2**31 rows: a window starting past that is empty, not a huge OFFSET.
        window = 0 if offset > MAX_PAGE else max(0, end - offset)
        return cls(offset=offset, limit=window, page=number, page_size=size, cap=cap)


def _parse_param(name: str, text: str | None, maximum: int, problems: list[dict]) -> int | None:
    """The integer in ``text`` if it lies in 1…maximum; else None, with a problem recorded."""
    if text is None:
        return None
    digits = text.lstrip("0") if _DIGITS.fullmatch(text) else None
    # Compare lengths first: int() of a huge digit string is slow or refused outright.
    if digits and len(digits) <= len(str(maximum)) and int(digits) <= maximum:
        return int(digits)
    problems.append({"parameter": name, "expected": f"an integer from 1 to {maximum}", "got": text})
    return None


def _params_error(problems: list[dict]) -> ValidationError:
    """One error listing every bad paging parameter."""
    return ValidationError("; ".join(_sentence(p) for p in problems), details={"parameters": problems})


def _sentence(problem: dict) -> str:
    """One paging problem in words."""
    if problem["expected"] == NEEDS_PAGE_SIZE:
        return "Parameter 'page' needs 'page_size' as well"
    return f"Parameter '{problem['parameter']}' expects {problem['expected']}, got {_quote(problem['got'])}"


def _quote(text: str, size: int = 40) -> str:
    """``text`` cut to ``size`` characters and quoted, so a huge parameter does not flood the message."""
    return json.dumps(text if len(text) <= size else text[:size] + "…", ensure_ascii=False)


def pagination_block(request: PageRequest, total: int, count: int) -> dict:
    """The ``pagination`` object of a list answer.

    ``count`` is the number of records returned, ``total`` the number matching the filter
    (reported whole as ``total_count`` even when ``limit`` caps the set). When paging,
    ``total_pages`` counts the pages of every matching record (of the capped set when the
    client sent ``limit``). A page past the end answers with no ``next_page`` and
    ``prev_page`` = page - 1.
    """
    current = 1 if request.page_size is None else request.page
    pages = request.pages_of(total)
    return {
        "count": count,
        "total_count": total,
        "current_page": current,
        "total_pages": pages,
        "page_size": request.page_size,
        "prev_page": current - 1 if current > 1 else None,
        "next_page": current + 1 if current < pages else None,
    }
