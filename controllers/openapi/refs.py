"""``$ref`` to a component schema: the one spelling of the path every module uses."""
from __future__ import annotations

COMPONENT_SCHEMAS = "#/components/schemas/"


def schema_ref(name: str) -> dict:
    """A ``$ref`` to the component schema ``name``."""
    return {"$ref": COMPONENT_SCHEMAS + name}
