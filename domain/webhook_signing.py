"""Standard Webhooks signatures (standardwebhooks.com): ``v1,<base64 HMAC-SHA256>`` of
``"{id}.{timestamp}.{body}"`` keyed by the secret's bytes, the secret spelled ``whsec_<base64>``."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import uuid
from collections.abc import Iterable

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh random secret in the Standard Webhooks form."""
    return SECRET_PREFIX + base64.b64encode(os.urandom(SECRET_BYTES)).decode()


def new_event_id() -> str:
    """A unique event id: the ``webhook-id`` header, the same on every retry of the event."""
    return f"msg_{uuid.uuid4().hex}"


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    """One ``v1,<base64>`` signature of the message with ``secret``."""
    signed = f"{event_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()


def signed_headers(secrets: Iterable[str], event_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers; several secrets (a rotation) give space-separated signatures."""
    return {"webhook-id": event_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": " ".join(signature(secret, event_id, timestamp, body) for secret in secrets),
            "content-type": "application/json"}
