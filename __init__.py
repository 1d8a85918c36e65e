from . import models
from .controllers import odoo_http
