"""``make demo``: the API on the in-memory demo data, at http://127.0.0.1:$PORT/api/v1 (key: demo)."""
import logging
import os

import rest_api_alias  # noqa: F401  (same folder: registers the ``rest_api`` package)
from rest_api.controllers.standalone import serve

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    serve(os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8069")))
