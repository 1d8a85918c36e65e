"""The administrator's knobs (spec §10), with defaults that are usable and safe."""
from __future__ import annotations

from attrs import field, frozen

DEFAULT_SENSITIVE_FIELDS = frozenset({
    "password",
    "new_password",
    "new_passwd",
    "api_key_ids",
    "totp_secret",
    "totp_trusted_device_ids",
    "signup_token",
    "oauth_access_token",
    "smtp_pass",
    # a key's restrictions (issue 23): a key never sees or changes them
    "rest_api_networks",
    "rest_api_rule_ids",
    "rest_api_readonly_model_ids",
    "rest_api_line_ids",
})

DEFAULT_CONTEXT_KEYS = frozenset({"lang", "tz", "active_test", "allowed_company_ids"})

# The addon's own bookkeeping, never served whatever the configuration says.
INTERNAL_MODELS = frozenset({"rest_api.rate.counter", "rest_api.idempotency.record", "rest_api.change.deletion",
                             # a key's rules: a key never sees or changes any (issue 23)
                             "rest_api.key.rule", "rest_api.key.rule.line",
                             # webhooks (issue 25): managed through /webhooks only, they hold secrets
                             "rest_api.webhook", "rest_api.webhook.delivery", "rest_api.webhook.written"})


@frozen
class ApiSettings:
    """Limits and policies; every field maps to an optional system parameter."""

    max_body_bytes: int = 10 * 1024 * 1024
    max_upload_bytes: int = 100 * 1024 * 1024  # file uploads (§14): streamed, not held in memory
    max_limit: int = 1000
    max_query_depth: int = 6
    max_query_names: int = 500
    max_json_depth: int = 64
    max_ids: int = 10_000
    max_filter_terms: int = 1_000
    # Char fields are short text, often indexed (a btree row holds ~2.7 kB): longer values
    # are refused before the INSERT (which Odoo would log in full) rather than failing in it.
    max_char_length: int = 10_000
    extra_sensitive_fields: frozenset[str] = field(default=frozenset(), converter=frozenset)
    extra_context_keys: frozenset[str] = field(default=frozenset(), converter=frozenset)
    exposed_models: frozenset[str] | None = field(
        default=None, converter=lambda v: None if v is None else frozenset(v)
    )
    hidden_models: frozenset[str] = field(default=frozenset(), converter=frozenset)
    cors_origins: frozenset[str] = field(default=frozenset(), converter=frozenset)
    auth_failures_per_minute: int = 30
    requests_per_minute: int = 0
    max_transaction_operations: int = 100
    change_feed_models: frozenset[str] = field(default=frozenset(), converter=frozenset)
    change_feed_days: int = 30
    require_if_match: bool = False
    idempotency_hours: int = 24
    webhook_allow_private: bool = False  # webhooks to loopback/private addresses (intranets, tests)

    @property
    def sensitive_fields(self) -> frozenset[str]:
        """Field names never read, written, filtered or ordered on."""
        return DEFAULT_SENSITIVE_FIELDS | self.extra_sensitive_fields

    @property
    def context_keys(self) -> frozenset[str]:
        """Context keys a client may pass."""
        return DEFAULT_CONTEXT_KEYS | self.extra_context_keys

    def exposes(self, model: str) -> bool:
        """Whether ``model`` is served at all (allow-list, then deny-list)."""
        if model in INTERNAL_MODELS:
            return False
        if self.exposed_models is not None and model not in self.exposed_models:
            return False
        return model not in self.hidden_models
