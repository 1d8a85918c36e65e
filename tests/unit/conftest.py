"""Make the addon importable as ``rest_api`` without running its Odoo ``__init__``."""
import sys
import types
from pathlib import Path

ADDON_ROOT = Path(__file__).resolve().parents[2]

if "rest_api" not in sys.modules:
    package = types.ModuleType("rest_api")
    package.__path__ = [str(ADDON_ROOT)]
    sys.modules["rest_api"] = package
