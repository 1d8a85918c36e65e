"""What every use case needs for one request: the ports, the settings, the clock-free facts."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen

from ..domain.context import validate_context
from ..domain.errors import AccessError, NotFound
from ..domain.external_ids import with_external_id
from ..domain.json_input import decode_json
from ..domain.key_restrictions import KeyRestrictions
from ..domain.model_info import ModelInfo
from ..domain.settings import ApiSettings
from .ports import ModelCatalog, RecordStore, ReportRenderer



@frozen
class Session:
    """The ports bound to the authenticated user, and the administrator's settings."""

    catalog: ModelCatalog
    store: RecordStore
    settings: ApiSettings = ApiSettings()
    user_id: int | None = None
    reports: ReportRenderer | None = None
    restrictions: KeyRestrictions = KeyRestrictions()  # the API key's rules (issue 23); none: the user
    key_id: int | None = None  # the API key's own id (webhooks belong to a key, issue 25)

    def model(self, name: str, operation: str = "read", method: str | None = None) -> ModelInfo:
        """The exposed model ``name`` if the key and its user may perform ``operation`` on it (or,
        with ``method``, call that method), as the key sees it (its fields, its rights).

        Raises ``NotFound`` (unknown or unexposed model) or ``AccessError`` (the key's rules first).
        """
        if not self.settings.exposes(name):
            raise NotFound(f"Model {name!r} not found", {"model": name})
        info = with_external_id(self.restrictions.narrow(self.catalog.model(name), operation, method))
        if not getattr(info.access, operation):
            raise AccessError(
                f"You are not allowed to {operation} records of model {name}",
                {"model": name, "operation": operation},
            )
        return info

    def lookup(self, name: str) -> ModelInfo:
        """A related model, for nested selections and dotted paths (read access needed)."""
        return self.model(name, "read")

    @property
    def sensitive(self) -> frozenset[str]:
        return self.settings.sensitive_fields

    def store_for(self, context: Mapping[str, Any] | None) -> RecordStore:
        """The store running with a validated client ``context`` (no context: as is)."""
        if context is None:
            return self.store
        checked = validate_context(
            context, self.settings.context_keys, self.catalog.languages(),
            self.store.current_user().company_ids,
        )
        return self.store.with_context(checked) if checked else self.store

    def store_for_text(self, context_text: str | None) -> RecordStore:
        """``store_for`` with the context as JSON text (a query parameter)."""
        if context_text is None:
            return self.store
        return self.store_for(decode_json(context_text, "context", self.settings.max_json_depth))
