"""Import the addon as the package ``rest_api`` without running its Odoo ``__init__``.

The pure layers, the in-memory adapter and the shared HTTP edge need no Odoo;
tests, benchmarks and the demo server import them through this alias.
"""
import sys
import types
from pathlib import Path

ADDON_ROOT = Path(__file__).resolve().parents[1]


def register() -> None:
    """Make ``import rest_api.<layer>...`` work from the repository checkout."""
    if "rest_api" not in sys.modules:
        package = types.ModuleType("rest_api")
        package.__path__ = [str(ADDON_ROOT)]
        sys.modules["rest_api"] = package


register()
