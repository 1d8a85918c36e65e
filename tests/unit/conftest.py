"""Pure-suite fixtures; ``rest_api`` is importable through ``devtools/rest_api_alias.py``."""
import rest_api_alias  # noqa: F401  (registers the package alias; on pythonpath via pytest.ini)

import pytest


@pytest.fixture
def api():
    """A fresh in-memory API with the demo data, driven in-process."""
    from api_client import ApiClient
    return ApiClient()


@pytest.fixture
def database():
    """A fresh in-memory database with the demo data."""
    from memory_fixtures import with_test_methods
    from rest_api.adapters.memory.seed import seed_database
    return with_test_methods(seed_database())


@pytest.fixture
def admin(database):
    """The in-memory store acting as the demo administrator."""
    from rest_api.adapters.memory.seed import ADMIN_ID
    from rest_api.adapters.memory.store import InMemoryRecordStore
    return InMemoryRecordStore(database, ADMIN_ID)
