"""Field metadata cached per registry, user groups and language.

Describing every field of a model costs milliseconds (``sortable`` compiles SQL);
the answer only changes when modules change (a new registry), or with the
user's groups (``readable``) and language (labels).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from ...domain.model_info import FieldInfo

MAX_ENTRIES = 2048  # more than the models of a full Odoo: OpenAPI describes them all


class FieldCache:
    """A small thread-safe LRU of ``{name: FieldInfo}`` per model and viewer."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def fields(self, env, model: str, build: Callable[[], dict[str, FieldInfo]]) -> dict[str, FieldInfo]:
        """The cached fields of ``model`` for this viewer, built on a miss."""
        # _get_group_ids is Odoo's ormcache of the user's groups (cleared, in every worker,
        # when groups change); reading groups_id would cost a query per request.
        key = (env.registry.db_name, env.registry.registry_sequence, model,
               env.su, frozenset(env.user._get_group_ids()), env.lang)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = build()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value
