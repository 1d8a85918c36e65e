"""The body of a webhook event: ``{"type", "timestamp", "data": {"id", "external_id", "record", "changed"}}``."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from attrs import frozen

from .webhooks import PING


def event_type(model: str, event: str) -> str:
    """``res.partner.updated``."""
    return f"{model}.{event}"


@frozen
class Event:
    """One change of one record, ready to be queued: what happened, to which record, and its body."""

    event: str
    res_id: int
    payload: dict

    @property
    def body(self) -> str:
        """The JSON text sent (compact; a value JSON has no form for, as its text)."""
        return json.dumps(self.payload, separators=(",", ":"), default=str)

    @classmethod
    def of(cls, model: str, event: str, res_id: int, at: datetime, external_id: str | None,
           record: dict | None = None, changed: Sequence[str] | None = None) -> Event:
        """The event; ``record`` for created and updated, ``changed`` (field names) for updated."""
        data: dict[str, Any] = {"id": res_id, "external_id": external_id}
        if event != "deleted":
            data["record"] = record
        if event == "updated":
            data["changed"] = sorted(changed or ())
        return cls(event, res_id, {"type": event_type(model, event), "timestamp": _iso(at), "data": data})


def ping(subscription_id: int, model: str, at: datetime) -> Event:
    """The event ``POST /webhooks/{id}/test`` sends."""
    return Event(PING, 0, {"type": "webhook.ping", "timestamp": _iso(at),
                           "data": {"subscription": subscription_id, "model": model}})


def _iso(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
