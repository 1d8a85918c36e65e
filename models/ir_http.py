"""A path converter for the API's catch-all route that also matches control characters.

Werkzeug's ``path`` converter uses ``.``, which stops at a newline: ``/api/v1/x%0A``
would miss the route and get Odoo's HTML 404 instead of the API's JSON one.
"""
from werkzeug.routing import PathConverter

from odoo import models

CONVERTER = "rest_api_path"


class AnyPathConverter(PathConverter):
    """``path`` whose tail matches any character, newlines included."""

    regex = r"[^/][\s\S]*?"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_converters(cls):
        return {**super()._get_converters(), CONVERTER: AnyPathConverter}
