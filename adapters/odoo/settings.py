"""Reading ``ApiSettings`` from system parameters (``rest_api.*``), falling back to defaults."""
from __future__ import annotations

import logging

from ...domain.settings import ApiSettings

_logger = logging.getLogger(__name__)

INTEGER_PARAMETERS = {
    "max_body_bytes": "rest_api.max_body_bytes",
    "max_limit": "rest_api.max_page_size",
    "max_query_depth": "rest_api.max_query_depth",
    "max_query_names": "rest_api.max_query_names",
    "max_ids": "rest_api.max_ids",
}
LIST_PARAMETERS = {
    "extra_sensitive_fields": "rest_api.sensitive_fields",
    "extra_context_keys": "rest_api.context_keys",
    "hidden_models": "rest_api.hidden_models",
}
ALLOW_LIST_PARAMETER = "rest_api.exposed_models"


def _names(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split(",") if part.strip())


def load_settings(env) -> ApiSettings:
    """The settings in force; a malformed parameter is logged and its default kept."""
    # Configuration, not data: read with the superuser, as Odoo itself reads
    # ir.config_parameter for every request (ir.http._pre_dispatch).
    params = env["ir.config_parameter"].with_user(1)
    values = {}
    for attribute, key in INTEGER_PARAMETERS.items():
        text = params.get_param(key)
        if text:
            try:
                number = int(text)
                if number < 1:
                    raise ValueError(number)
                values[attribute] = number
            except ValueError:
                _logger.warning("Ignoring system parameter %s=%r: not a positive integer", key, text)
    for attribute, key in LIST_PARAMETERS.items():
        text = params.get_param(key)
        if text:
            values[attribute] = _names(text)
    exposed = params.get_param(ALLOW_LIST_PARAMETER)
    if exposed:
        values["exposed_models"] = _names(exposed)
    return ApiSettings(**values)
