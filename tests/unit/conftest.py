"""Pure-suite fixtures; ``rest_api`` is importable through ``devtools/rest_api_alias.py``."""
import rest_api_alias  # noqa: F401  (registers the package alias; on pythonpath via pytest.ini)

import pytest


@pytest.fixture
def api():
    """A fresh in-memory API with the demo data, driven in-process."""
    from api_client import ApiClient
    return ApiClient()
