"""The administrator's settings as the *Settings* page edits them: one ``rest_api.*`` parameter each.

Each parameter knows its label, its help text and how its text is checked, so the
settings form and its validation say the same thing. Values are the texts stored
in the system parameters; ``ApiSettings`` is what they become.
"""
from __future__ import annotations

import re

from attrs import frozen

from .settings import ApiSettings
from .limits import IDENTIFIER, INT4_MAX, MODEL_NAME, comma_list

POSITIVE, LIMIT, FIELD_NAMES, KEYS, MODELS, ORIGINS, FLAG = (
    "positive", "limit", "field_names", "keys", "models", "origins", "flag")
INTEGER_KINDS = frozenset({POSITIVE, LIMIT})
LARGEST = INT4_MAX

_IDENTIFIER, _MODEL = IDENTIFIER, MODEL_NAME
_ORIGIN = re.compile(r"\Ahttps?://[A-Za-z0-9.-]+(:[0-9]{1,5})?\Z")
_NAME_CHECKS = {FIELD_NAMES: (_IDENTIFIER, "field names"), KEYS: (_IDENTIFIER, "context keys"),
                MODELS: (_MODEL, "model names such as res.partner"),
                ORIGINS: (_ORIGIN, "origins such as https://app.example.com (scheme, host, optional port)")}


@frozen
class Parameter:
    """One setting: its system parameter, the ``ApiSettings`` attribute it sets, how it reads."""

    key: str
    attribute: str
    kind: str
    label: str
    help: str

    @property
    def is_integer(self) -> bool:
        return self.kind in INTEGER_KINDS

    @property
    def is_flag(self) -> bool:
        return self.kind == FLAG

    def default(self) -> int | str | bool:
        """The value in force when the parameter is not set."""
        value = getattr(ApiSettings(), self.attribute)
        if self.is_integer or self.is_flag:
            return value
        return "" if value is None else ", ".join(sorted(value))


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("rest_api.exposed_models", "exposed_models", MODELS, "Exposed models",
              "Comma-separated allow-list: only these models are served. Empty: every model "
              "(access rights still apply)."),
    Parameter("rest_api.hidden_models", "hidden_models", MODELS, "Hidden models",
              "Comma-separated models never served, even when in the allow-list."),
    Parameter("rest_api.sensitive_fields", "extra_sensitive_fields", FIELD_NAMES, "Extra sensitive fields",
              "Comma-separated field names never read, written, filtered or ordered on, on any model "
              "(password, API keys, TOTP secrets and tokens always are)."),
    Parameter("rest_api.context_keys", "extra_context_keys", KEYS, "Extra context keys",
              "Comma-separated context keys clients may pass besides lang, tz, active_test and "
              "allowed_company_ids."),
    Parameter("rest_api.max_page_size", "max_limit", POSITIVE, "Largest page",
              "Most records one list or search answers (limit and page_size)."),
    Parameter("rest_api.max_body_bytes", "max_body_bytes", POSITIVE, "Largest request body (bytes)",
              "Bodies above this size are refused with 413 before they are read."),
    Parameter("rest_api.max_upload_bytes", "max_upload_bytes", POSITIVE, "Largest file upload (bytes)",
              "Files uploaded to a binary field or as attachments are streamed, not held in memory; "
              "above this size: 413 (Odoo itself refuses bodies over 128 MiB)."),
    Parameter("rest_api.max_query_depth", "max_query_depth", POSITIVE, "Deepest field selection",
              "How many levels of nested relations a query may select."),
    Parameter("rest_api.max_query_names", "max_query_names", POSITIVE, "Largest field selection",
              "How many field names a query may select, all levels together."),
    Parameter("rest_api.max_ids", "max_ids", POSITIVE, "Most ids per request",
              "How many ids one request may name (?id=[…], batches), and how many values all the "
              "lists of one filter may hold together."),
    Parameter("rest_api.max_char_length", "max_char_length", POSITIVE, "Longest char value",
              "Longest value written to a char field (400 beyond it); text fields are for long text."),
    Parameter("rest_api.requests_per_minute", "requests_per_minute", LIMIT, "Requests per minute per key",
              "Rate limit of each API key (429 beyond it). 0: no limit."),
    Parameter("rest_api.auth_failures_per_minute", "auth_failures_per_minute", LIMIT,
              "Failed authentications per minute per address",
              "Requests with a wrong key from one address beyond this are refused (429). 0: no limit."),
    Parameter("rest_api.cors_origins", "cors_origins", ORIGINS, "CORS origins",
              "Comma-separated web origins allowed to call the API from a browser. Empty: CORS off."),
    Parameter("rest_api.require_if_match", "require_if_match", FLAG, "Require If-Match",
              "Single-record PUT, PATCH and DELETE without an If-Match header are refused (428), "
              "so no client overwrites a change it has not seen."),
    Parameter("rest_api.webhook_allow_private", "webhook_allow_private", FLAG, "Webhooks to private addresses",
              "Allow webhooks to loopback and private network addresses (intranets, tests). Cloud metadata "
              "addresses stay refused."),
    Parameter("rest_api.idempotency_hours", "idempotency_hours", POSITIVE, "Idempotency-Key retention (hours)",
              "How long the answers to requests with an Idempotency-Key are kept and replayed."),
    Parameter("rest_api.max_transaction_operations", "max_transaction_operations", POSITIVE,
              "Most operations per transaction", "How many operations one POST /transaction may run."),
    Parameter("rest_api.change_feed_models", "change_feed_models", MODELS, "Change feed: models with deletions",
              "Comma-separated models whose deletions are recorded, so that their change feed lists them."),
    Parameter("rest_api.change_feed_days", "change_feed_days", POSITIVE, "Change feed retention (days)",
              "How long deletions are kept; a change-feed cursor older than this gets 410."),
)


def split_names(text: str | None) -> list[str]:
    """The names of a comma-separated list, trimmed, in order, without repeats."""
    return comma_list(text)


def parameter_problem(parameter: Parameter, value: int | str | bool | None) -> str | None:
    """Why ``value`` is not a valid value of ``parameter`` (None: it is)."""
    if parameter.is_flag:
        return None  # a checkbox: any value means on or off
    if parameter.is_integer:
        lowest = 1 if parameter.kind == POSITIVE else 0
        if not isinstance(value, int) or isinstance(value, bool) or not lowest <= value <= LARGEST:
            return f"{parameter.label}: a whole number from {lowest} to {LARGEST} is expected"
        return None
    pattern, what = _NAME_CHECKS[parameter.kind]
    wrong = [name for name in split_names(value if isinstance(value, str) else None) if not pattern.match(name)]
    if wrong:
        return f"{parameter.label}: {', '.join(wrong)} — expected comma-separated {what}"
    return None


def normalized(parameter: Parameter, value: int | str | bool | None) -> str:
    """The text stored for a valid ``value`` (an empty list is the empty text)."""
    if parameter.is_flag:
        return "1" if value else "0"
    if parameter.is_integer:
        return str(value)
    return ",".join(split_names(value if isinstance(value, str) else None))
