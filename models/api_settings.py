"""The API's settings, kept in Odoo's own cache (cleared in every worker when a parameter changes)."""
from odoo import api, models, tools

from ..adapters.odoo.settings import load_settings


class ApiSettingsCache(models.AbstractModel):
    _name = "rest_api.settings"
    _description = "REST API settings (cached system parameters)"

    @api.model
    @tools.ormcache()
    def _current(self):
        """The frozen ``ApiSettings`` in force; writing any system parameter clears it."""
        return load_settings(self.env)
