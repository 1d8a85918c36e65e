"""External ids (issue 24): Odoo's ``module.name`` names of records, as clients write them.

A record keeps any number of names in ``ir.model.data``; the API reads the first one as the
pseudo-field ``external_id`` of every model, addresses records by any of them, and creates new
ones only in a client namespace (one that is not a module's name).
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any, Union

from attrs import frozen

from .errors import ValidationError
from .ids import path_id
from .model_info import FieldInfo, ModelInfo

# The pseudo-field every model has: its record's first external id, or null.
EXTERNAL_ID = "external_id"
EXTERNAL_ID_FIELD = FieldInfo(EXTERNAL_ID, "char", "External ID", readonly=True, stored=False,
                              sortable=False,
                              help="The record's external id (module.name), or null when it has none")
# Odoo's module names (``[a-z0-9_]``), and the record names Odoo's own XML and imports make.
PATTERN = r"([a-z0-9_]{1,64})\.([A-Za-z0-9_][A-Za-z0-9_.\-]{0,190})"
_FORM = re.compile(rf"\A{PATTERN}\Z")
FORM_TEXT = "module.name (a namespace of lower-case letters, digits and _, a dot, then a name)"


@frozen
class ExternalId:
    """One ``namespace.name``: ``base.main_partner``, ``shop.p42``."""

    namespace: str
    name: str

    @classmethod
    def parse(cls, text: Any) -> ExternalId | None:
        """``text`` as an external id, or None when it is not one."""
        found = _FORM.match(text) if isinstance(text, str) else None
        return cls(found.group(1), found.group(2)) if found else None

    @classmethod
    def required(cls, text: Any, where: str) -> ExternalId:
        """``text`` as an external id; a ``ValidationError`` naming ``where`` when it is not one."""
        found = cls.parse(text)
        if found is None:
            raise ValidationError(f"{where}: expected an external id {FORM_TEXT}, got {_shown(text)}",
                                  {"external_id": _shown(text), "expected": FORM_TEXT})
        return found

    def __str__(self) -> str:
        return f"{self.namespace}.{self.name}"


RecordRef = Union[int, ExternalId]
"""How a path names a record: its id, or one of its external ids."""


def path_record(text: str) -> RecordRef | None:
    """A path segment as a record id or an external id, or None when it is neither."""
    found = path_id(text)
    return found if found is not None else ExternalId.parse(text)


def reference(raw: Any) -> ExternalId | None:
    """``{"external_id": "module.name"}`` (a related record named by external id) as its name;
    None for any other value. ``ValidationError`` for such an object with a bad name or extra keys."""
    if not isinstance(raw, dict) or EXTERNAL_ID not in raw:
        return None
    if len(raw) != 1:
        raise ValidationError(f'A reference by external id is {{"{EXTERNAL_ID}": "module.name"}} alone, '
                              f"got the keys {', '.join(sorted(map(str, raw)))}")
    return ExternalId.required(raw[EXTERNAL_ID], "reference")


def check_new_namespaces(names: Iterable[ExternalId], modules: Collection[str]) -> None:
    """Refuse new external ids whose namespace is a module's name (``base.x``): a module update
    would overwrite them, and a client must not plant data under a module's name."""
    refused = sorted({str(name) for name in names if name.namespace in modules})
    if refused:
        raise ValidationError(
            f"New external ids must use a namespace that is not a module's name: {', '.join(refused[:10])}",
            {"rule": "namespace", "external_ids": refused[:10],
             "namespaces": sorted({name.split('.', 1)[0] for name in refused})})


def with_external_id(model: ModelInfo) -> ModelInfo:
    """``model`` with the pseudo-field ``external_id``."""
    if EXTERNAL_ID in model.fields:
        return model
    return ModelInfo(model.name, model.description, {**model.fields, EXTERNAL_ID: EXTERNAL_ID_FIELD},
                     model.access, model.restricted_fields)


def _shown(value: Any) -> str:
    return value[:200] if isinstance(value, str) else repr(value)[:200]


def parse_record_list(text: str, max_records: int) -> list[RecordRef]:
    """``1,2,base.main_partner``: record ids and external ids, each once, order kept."""
    parts = list(dict.fromkeys(part.strip() for part in text.split(",")))
    if parts == [""]:
        raise ValidationError("List at least one record id or external id", {"ids": text[:100]})
    if len(parts) > max_records:
        raise ValidationError(f"Too many records: {len(parts)} (at most {max_records})")
    refs = [path_record(part) for part in parts]
    bad = [part for part, ref in zip(parts, refs, strict=True) if ref is None]
    if bad:
        raise ValidationError(f"Invalid record id(s): {', '.join(bad[:10])} (ids, or external ids {FORM_TEXT})",
                              {"invalid": bad[:10]})
    return [ref for ref in refs if ref is not None]
