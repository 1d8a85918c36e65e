"""The ``context`` a client may pass to the ORM (spec §9): an allow-list, checked."""
from __future__ import annotations

from collections.abc import Collection, Set
from typing import Any

from .errors import AccessError, ValidationError


def validate_context(raw: Any, allowed_keys: Set[str], languages: Collection[str],
                     company_ids: Collection[int]) -> dict:
    """Check a decoded ``context`` object; returns it as a dict.

    Unknown keys, a language that is not installed or a malformed value are a
    ``ValidationError``; companies the user does not belong to an ``AccessError``.
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValidationError("context must be a JSON object", {"got": type(raw).__name__})
    refused = sorted(k for k in raw if k not in allowed_keys)
    if refused:
        raise ValidationError(
            f"Context key(s) not allowed: {', '.join(refused)}",
            {"refused": refused, "allowed": sorted(allowed_keys)},
        )
    _check_lang(raw.get("lang"), languages)
    _check_tz(raw.get("tz"))
    _check_active_test(raw)
    _check_companies(raw, company_ids)
    return dict(raw)


def _check_lang(lang: Any, languages: Collection[str]) -> None:
    if lang is not None and (not isinstance(lang, str) or lang not in languages):
        raise ValidationError(
            f"Language {lang!r} is not installed",
            {"lang": lang, "installed": sorted(languages)},
        )


def _check_tz(tz: Any) -> None:
    if tz is not None and (not isinstance(tz, str) or not tz or len(tz) > 64):
        raise ValidationError("context tz must be a time zone name", {"tz": tz})


def _check_active_test(raw: dict) -> None:
    if "active_test" in raw and not isinstance(raw["active_test"], bool):
        raise ValidationError("context active_test must be true or false")


def _check_companies(raw: dict, company_ids: Collection[int]) -> None:
    if "allowed_company_ids" not in raw:
        return
    ids = raw["allowed_company_ids"]
    if (not isinstance(ids, list) or not ids
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids)):
        raise ValidationError("context allowed_company_ids must be a non-empty list of company ids")
    foreign = sorted(set(ids) - set(company_ids))
    if foreign:
        raise AccessError(
            "Access to unauthorized or invalid companies",
            {"companies": foreign},
        )
