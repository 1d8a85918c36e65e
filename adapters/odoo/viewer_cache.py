"""Answers that depend only on the registry, the caches' state, the viewer's groups and language.

Describing every field of a model costs milliseconds (``sortable`` compiles SQL),
and the OpenAPI document describes many models. Both change only with the
modules (a new registry), access rules or other cached data (Odoo's cache
sequences, bumped in every worker), the user's groups (readable fields, ACLs)
and the language (labels).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

MAX_ENTRIES = 2048  # more than the models of a full Odoo: OpenAPI describes them all


def viewer_key(env) -> tuple:
    """What the answers depend on, for the user and language of ``env``."""
    registry = env.registry
    # _get_group_ids is Odoo's ormcache of the user's groups (cleared, in every worker,
    # when groups change); reading groups_id would cost a query per request.
    return (registry.db_name, registry.registry_sequence, tuple(sorted(registry.cache_sequences.items())),
            env.su, frozenset(env.user._get_group_ids()), env.lang)


class ViewerCache:
    """A small thread-safe LRU keyed by the viewer and a question."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, env, question: Hashable, build: Callable[[], T]) -> T:
        """The cached answer to ``question`` for this viewer, built on a miss."""
        key = (viewer_key(env), question)
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
