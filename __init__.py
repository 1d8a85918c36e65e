from . import models
from .controllers import odoo_http
from .controllers.odoo_database import post_load
