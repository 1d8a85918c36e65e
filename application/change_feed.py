"""``GET /{model}/changes`` (spec §19): what changed since a cursor, oldest change first."""
from __future__ import annotations

from ..domain.change_feed import (
    FeedCursor,
    check_retention,
    decode_cursor,
    encode_cursor,
    next_cursor,
    parse_limit,
)
from ..domain.errors import ValidationError
from .external_ids import add_external_ids, asks_external_ids, without_external_ids
from ..domain.resolution import ResolvedSelection
from .outcome import Outcome
from .ports import ChangePage
from .session import Session
from .shaping import encode_records, selection_for
from .capabilities import ChangeFeed, capability


def changes_page(session: Session, model: str, cursor: FeedCursor, limit: int, selection: ResolvedSelection,
                 deletions: bool) -> ChangePage:
    """The store's page of changes after ``cursor``, its records read with ``selection``: the store
    reads all but ``external_id``, added after for all the page's rows (as every read does)."""
    page = capability(session.store, ChangeFeed).changes(model, cursor, limit, without_external_ids(selection),
                                                         deletions)
    if asks_external_ids(selection):
        add_external_ids(session.store, selection, page.records)
    return page


def list_changes(session: Session, model_name: str, cursor_text: str | None, limit_text: str | None,
                 query: str | None, secret: bytes) -> Outcome:
    """A page of records created or written since the cursor, and of deletions if tracked."""
    model = session.model(model_name)
    stamp = model.field("write_date")
    if stamp is None or not stamp.stored:
        raise ValidationError(f"Model {model.name} keeps no write_date: it has no change feed",
                              {"model": model.name})
    selection = selection_for(session, model, query)
    cursor = decode_cursor(cursor_text, model.name, secret) if cursor_text else FeedCursor()  # empty: the start
    limit = parse_limit(limit_text, session.settings.max_limit)
    tracked = model.name in session.settings.change_feed_models
    page = changes_page(session, model.name, cursor, limit, selection, tracked and not cursor.is_start)
    check_retention(cursor, page.horizon, session.settings.change_feed_days)
    following = next_cursor(cursor, page.record_keys, page.more_records, page.deletion_keys,
                            page.more_deletions, page.horizon)
    data = {"records": encode_records(selection, page.records),
            "deleted": list(page.deleted_ids) if tracked else None,
            "next_cursor": encode_cursor(following, model.name, secret),
            "has_more": page.more_records or page.more_deletions}
    if not tracked:
        data["deletions_tracked"] = False
    return Outcome("Changes retrieved successfully", data)
