"""Rows an ``ormcache`` is built from (a key's rules, the watched models): changing them clears
Odoo's caches, in every worker (the registry signals the change)."""
from odoo import api, models


class CachedRows(models.AbstractModel):
    _name = "rest_api.cached.rows"
    _description = "REST API: rows cached results are built from"

    # The fields the cached results read; None: all of them (a write of any other field keeps the caches).
    _rest_api_cached_fields: frozenset[str] | None = None

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        if self._rest_api_cached_fields is None or self._rest_api_cached_fields & set(vals):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result
