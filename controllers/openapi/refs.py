"""``$ref`` to a component schema: the one spelling of the path every module uses."""
from __future__ import annotations

from ...domain.external_ids import PATTERN

COMPONENT_SCHEMAS = "#/components/schemas/"


def schema_ref(name: str) -> dict:
    """A ``$ref`` to the component schema ``name``."""
    return {"$ref": COMPONENT_SCHEMAS + name}

# An external id (``module.name``), and a related record named by one,
# ``{"external_id": "module.name"}`` (issue 24): a component, inlined where a schema stands alone.
EXTERNAL_ID_REFERENCE = "ExternalIdReference"
EXTERNAL_ID_TEXT = {"type": "string", "pattern": f"^{PATTERN}$", "examples": ["shop.p42"]}
REFERENCE_OBJECT = {"type": "object", "required": ["external_id"], "additionalProperties": False,
                    "description": "A related record named by its external id (module.name)",
                    "properties": {"external_id": EXTERNAL_ID_TEXT}}
