"""Make the addon importable as ``rest_api`` without running its Odoo ``__init__``."""
import sys
import types
from pathlib import Path

ADDON_ROOT = Path(__file__).resolve().parents[2]

if "rest_api" not in sys.modules:
    package = types.ModuleType("rest_api")
    package.__path__ = [str(ADDON_ROOT)]
    sys.modules["rest_api"] = package


import pytest  # noqa: E402  (after the alias: the fixtures import the addon)


@pytest.fixture
def api():
    """A fresh in-memory API with the demo data, driven in-process."""
    from api_client import ApiClient
    return ApiClient()
