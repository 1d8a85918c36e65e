"""Browser tests: ``rest_api`` is importable through ``devtools/rest_api_alias.py``."""
import rest_api_alias  # noqa: F401  (registers the package alias; on pythonpath via pytest.ini)
