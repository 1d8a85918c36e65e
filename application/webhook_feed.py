"""From a model's change feed to a subscription's events (issue 25), read as the owning key reads.

The page comes from the change feed (§19) with the subscription's ``query`` as the key's session
resolves it (its user's rights, record rules, field groups, the key's restrictions), so an event
never carries what the key could not read. A record changed several times since the cursor is one
event with its latest state (coalescing); it is ``created`` when it was created since the cursor.
"""
from __future__ import annotations

from datetime import datetime

from attrs import frozen

from ..domain.change_feed import FeedCursor, next_cursor
from ..domain.webhook_events import Event
from .change_feed import changes_page
from .external_ids import names_of
from .read import parse_filter
from .session import Session
from .shaping import encode_records, selection_for
from .webhook_ports import ChangeDetail, Webhooks


@frozen
class Watch:
    """What a subscription watches, and where it is in the model's change feed."""

    model: str
    events: tuple[str, ...]
    query: str | None
    filter: str | None
    cursor: FeedCursor


@frozen
class EventBatch:
    """Events to queue, in feed order, the cursor after them, and whether more are due."""

    events: tuple[Event, ...]
    cursor: FeedCursor
    more: bool


def due_events(session: Session, hooks: Webhooks, watch: Watch, limit: int, now: datetime) -> EventBatch:
    """The next events of ``watch`` as ``session``'s key sees them (``AccessError`` when it no longer may)."""
    model = session.model(watch.model, "read")
    selection = selection_for(session, model, watch.query)
    domain = parse_filter(session, model, watch.filter)
    deletions = "deleted" in watch.events
    page = changes_page(session, model.name, watch.cursor, limit, selection, deletions)
    records = dict(zip((row["id"] for row in page.records), encode_records(selection, page.records), strict=True))
    ids = list(records)
    if domain and ids:
        matching = set(session.store.search_ids(model.name, [("id", "in", ids), *domain]))
        ids = [record_id for record_id in ids if record_id in matching]
    since = watch.cursor.records.at if watch.cursor.records is not None else None
    details = hooks.change_details(model.name, ids, since) if ids else {}
    external = names_of(session.store).external_ids(model.name, ids)
    events = []
    for record_id in ids:
        detail = details.get(record_id, ChangeDetail(False))
        kind = "created" if detail.created else "updated"
        if kind in watch.events:
            events.append(Event.of(model.name, kind, record_id, now, external.get(record_id),
                                   records[record_id], detail.changed))
    gone = dict(zip(page.deleted_ids, page.deleted_external_ids, strict=False))  # as kept at deletion
    events += [Event.of(model.name, "deleted", record_id, now, gone.get(record_id))
               for record_id in page.deleted_ids] if deletions else []
    following = next_cursor(watch.cursor, page.record_keys, page.more_records, page.deletion_keys,
                            page.more_deletions, page.horizon)
    return EventBatch(tuple(events), following, page.more_records or page.more_deletions)
