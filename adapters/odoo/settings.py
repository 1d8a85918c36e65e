"""Reading ``ApiSettings`` from system parameters (``rest_api.*``), falling back to defaults."""
from __future__ import annotations

import logging
from collections.abc import Callable

from ...domain.settings import ApiSettings
from ...domain.limits import comma_list

_logger = logging.getLogger(__name__)

INTEGER_PARAMETERS = {
    "max_body_bytes": "rest_api.max_body_bytes",
    "max_upload_bytes": "rest_api.max_upload_bytes",
    "max_limit": "rest_api.max_page_size",
    "max_query_depth": "rest_api.max_query_depth",
    "max_query_names": "rest_api.max_query_names",
    "max_ids": "rest_api.max_ids",
    "max_char_length": "rest_api.max_char_length",
    "max_transaction_operations": "rest_api.max_transaction_operations",
    "change_feed_days": "rest_api.change_feed_days",
    "idempotency_hours": "rest_api.idempotency_hours",
}
# Rate limits may be 0 (off).
LIMIT_PARAMETERS = {
    "auth_failures_per_minute": "rest_api.auth_failures_per_minute",
    "requests_per_minute": "rest_api.requests_per_minute",
}
LIST_PARAMETERS = {
    "extra_sensitive_fields": "rest_api.sensitive_fields",
    "extra_context_keys": "rest_api.context_keys",
    "hidden_models": "rest_api.hidden_models",
    "cors_origins": "rest_api.cors_origins",
    "change_feed_models": "rest_api.change_feed_models",
}
ALLOW_LIST_PARAMETER = "rest_api.exposed_models"
FLAG_PARAMETERS = {
    "require_if_match": "rest_api.require_if_match",
    "webhook_allow_private": "rest_api.webhook_allow_private",
}
TRUE_TEXTS = frozenset({"1", "true", "yes", "on"})


def _names(text: str) -> frozenset[str]:
    return frozenset(comma_list(text))


def _integer(text: str | None, key: str, lowest: int) -> int | None:
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is None or number < lowest:
        _logger.warning("Ignoring system parameter %s=%r: not an integer >= %s", key, text, lowest)
        return None
    return number


def load_settings(env) -> ApiSettings:
    """The settings in force; a malformed parameter is logged and its default kept."""
    # Configuration, not data: read with the superuser, as Odoo itself reads
    # ir.config_parameter for every request (ir.http._pre_dispatch).
    return settings_from(env["ir.config_parameter"].sudo().get_param)


def settings_from(get_param: Callable[[str], str | None]) -> ApiSettings:
    """``ApiSettings`` from parameters by their ``rest_api.*`` names (Odoo's, or the gateway's
    environment variables); a malformed one is logged and its default kept."""
    values: dict = {}
    for parameters, lowest in ((INTEGER_PARAMETERS, 1), (LIMIT_PARAMETERS, 0)):
        for attribute, key in parameters.items():
            number = _integer(get_param(key), key, lowest)
            if number is not None:
                values[attribute] = number
    for attribute, key in LIST_PARAMETERS.items():
        text = get_param(key)
        if text:
            values[attribute] = _names(text)
    for attribute, key in FLAG_PARAMETERS.items():
        text = get_param(key)
        if text:
            values[attribute] = text.strip().lower() in TRUE_TEXTS
    exposed = get_param(ALLOW_LIST_PARAMETER)
    if exposed:
        values["exposed_models"] = _names(exposed)
    return ApiSettings(**values)

