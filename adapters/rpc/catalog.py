"""The model catalog of a remote Odoo, read through ``fields_get`` and ``has_access`` as the user."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ...application.ports import ModelCatalog
from ...domain.errors import AccessError, NotFound, ValidationError
from ...domain.model_info import OPERATIONS, FieldInfo, ModelAccess, ModelInfo
from .calls import RpcCalls

T = TypeVar("T")
_ATTRIBUTES = ["type", "string", "required", "readonly", "relation", "selection", "help",
               "sortable", "store"]


class TtlCache:
    """Answers kept for ``seconds`` per key, in this process only (each gateway process has its own)."""

    def __init__(self, seconds: float = 60.0, max_entries: int = 4096,
                 clock: Callable[[], float] = time.monotonic):
        self.seconds, self.max_entries, self.clock = seconds, max_entries, clock
        self._entries: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The kept answer for ``key``, or ``build()`` kept from now on."""
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self.seconds:
            return entry[1]
        value = build()
        with self._lock:
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
            self._entries[key] = (now, value)
        return value


def field_info(name: str, description: dict) -> FieldInfo:
    """One field as ``fields_get`` describes it (fields the user may not read are not listed)."""
    selection = description.get("selection")
    return FieldInfo(
        name=name,
        type=description.get("type", "char"),
        string=description.get("string") or "",
        relation=description.get("relation") or None,
        required=bool(description.get("required")),
        readonly=bool(description.get("readonly")),
        stored=bool(description.get("store", True)),
        sortable=bool(description.get("sortable", True)),
        selection=(tuple((str(k), str(v)) for k, v in selection)
                   if description.get("type") == "selection" and isinstance(selection, list) else ()),
        help=description.get("help") or "",
    )


class RpcCatalog(ModelCatalog):
    """Models of the remote database as the user sees them, kept a minute per user and model."""

    def __init__(self, calls: RpcCalls, cache: TtlCache, known_models: tuple[str, ...] = ()):
        self.calls, self.cache, self.known_models = calls, cache, known_models

    def model(self, name: str) -> ModelInfo:
        return self.cache.get((self.calls.user_key, "model", name), lambda: self._model(name))

    def _model(self, name: str) -> ModelInfo:
        try:
            fields = self.calls.execute(name, "fields_get", kwargs={"attributes": _ATTRIBUTES})
        except ValidationError as exc:  # Odoo's RPC: "Object <name> doesn't exist" (a UserError)
            raise NotFound(f"Model {name!r} not found", {"model": name}) from exc
        access = ModelAccess(*(bool(self.calls.execute(name, "has_access", kwargs={"operation": op}, ids=[]))
                               for op in OPERATIONS))
        return ModelInfo(name=name, description=self._descriptions().get(name, name),
                         fields={key: field_info(key, value) for key, value in fields.items()},
                         access=access)

    def _descriptions(self) -> dict[str, str]:
        """Model labels by technical name; only administrators may read ``ir.model``, so others
        get the models the gateway was told about, labelled by their names."""
        def build() -> dict[str, str]:
            try:
                rows = self.calls.execute("ir.model", "search_read",
                                          kwargs={"domain": [], "fields": ["model", "name"], "order": "model"})
            except AccessError:
                return {name: name for name in self.known_models}
            return {row["model"]: row["name"] for row in rows}
        return self.cache.get((self.calls.user_key, "descriptions"), build)

    def model_names(self) -> list[str]:
        return sorted(self._descriptions())

    def languages(self) -> frozenset[str]:
        return self.cache.get((self.calls.user_key, "languages"), lambda: frozenset(
            code for code, _name in self.calls.execute("res.lang", "get_installed")))
