"""*Settings → REST API*: every ``rest_api.*`` system parameter, checked before it is saved.

Only administrators reach it (``res.config.settings`` and ``ir.config_parameter`` are theirs),
so the parameters are read and written as the user, without sudo. Not ``config_parameter`` fields:
Odoo stores an integer 0 as "unset", which would turn a rate limit switched off (0) back into its
default.
"""
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..adapters.odoo.settings import TRUE_TEXTS
from ..domain.parameters import PARAMETERS, normalized, parameter_problem, split_names

PREFIX = "rest_api_"


def field_name(parameter) -> str:
    """The settings field of a parameter, e.g. ``rest_api_max_page_size``."""
    return PREFIX + parameter.key.removeprefix("rest_api.")


def _field(parameter):
    kind = fields.Boolean if parameter.is_flag else fields.Integer if parameter.is_integer else fields.Char
    return kind(string=parameter.label, help=parameter.help)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # One field per parameter, declared from the table so labels and help never drift (a class
    # body's locals() is its namespace: Odoo sees them as if written out one by one).
    locals().update({field_name(parameter): _field(parameter) for parameter in PARAMETERS})

    @api.model
    def get_values(self):
        values = super().get_values()
        params = self.env["ir.config_parameter"]
        for parameter in PARAMETERS:
            text = params.get_param(parameter.key)
            value = parameter.default()
            if text and parameter.is_flag:
                value = text.strip().lower() in TRUE_TEXTS
            elif text and parameter.is_integer:
                value = int(text) if text.strip().isdigit() else value
            elif text:
                value = ", ".join(split_names(text))
            values[field_name(parameter)] = value
        return values

    @api.constrains(*(field_name(parameter) for parameter in PARAMETERS))
    def _check_rest_api_parameters(self):
        for settings in self:
            problems = [parameter_problem(parameter, settings[field_name(parameter)] or
                                          (0 if parameter.is_integer else ""))
                        for parameter in PARAMETERS]
            problems += settings._rest_api_unknown_models()
            problems = [problem for problem in problems if problem]
            if problems:
                raise ValidationError("\n".join(problems))

    def _rest_api_unknown_models(self):
        found = []
        for name in ("rest_api_exposed_models", "rest_api_hidden_models"):
            unknown = [model for model in split_names(self[name]) if model not in self.env.registry]
            if unknown:
                found.append(f"{self._fields[name].string}: unknown model(s) {', '.join(unknown)}")
        return found

    def set_values(self):
        super().set_values()
        params = self.env["ir.config_parameter"]
        for parameter in PARAMETERS:
            value = self[field_name(parameter)]
            text = normalized(parameter, value or (0 if parameter.is_integer else ""))
            if text == normalized(parameter, parameter.default()):
                text = False  # the default: no parameter, so a later default applies
            if (params.get_param(parameter.key) or False) != text:
                params.set_param(parameter.key, text)
