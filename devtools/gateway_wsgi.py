"""``gunicorn --chdir devtools gateway_wsgi:app``: the REST gateway, configured by environment
variables (``ODOO_URL``, ``ODOO_DB``, ...; see controllers/gateway.py and docs/gateway.md)."""
import logging

import rest_api_alias  # noqa: F401  (same folder: registers the ``rest_api`` package)
from rest_api.controllers.gateway import application_from_environment

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(levelname)s %(name)s %(message)s")
app = application_from_environment()
