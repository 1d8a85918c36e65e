"""Webhook deliveries queued, requeued and described, secrets rotated, written fields logged (issue 25):
the bookkeeping shared by the API's adapter, the Settings screens and the runner."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from odoo.tools import SQL

from ...application.webhook_ports import Attempt, ChangeDetail
from ...domain.webhook_events import Event, ping
from ...domain.webhook_signing import new_event_id, new_secret

WRITTEN_TABLE = "rest_api_webhook_written"
WRITTEN_KEPT_DAYS = 4


def utcnow() -> datetime:
    """Now, aware UTC (the runner's clock)."""
    return datetime.now(timezone.utc)


def naive_utc(moment: datetime) -> datetime:
    """``moment`` as Odoo stores datetimes: naive UTC."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def queue(webhook, events: Sequence[Event]):
    """New pending deliveries of ``events`` (in order), due now."""
    now = naive_utc(utcnow())
    return webhook.env["rest_api.webhook.delivery"].create([{
        "webhook_id": webhook.id, "event_id": new_event_id(), "event_type": event.payload["type"],
        "res_id": event.res_id, "payload": event.body,
        "next_attempt_at": now} for event in events])


def queue_ping(webhook) -> None:
    """Queue a ``webhook.ping`` event (the Test button)."""
    queue(webhook, [ping(webhook.id, webhook.model, utcnow())])


def requeue(deliveries) -> None:
    """Deliveries due again now (dead ones too), with the same event id."""
    deliveries.write({"state": "pending", "next_attempt_at": naive_utc(utcnow())})


def rotate(webhook, secret: str | None = None, keep_until: datetime | None = None) -> None:
    """A new secret; the current one keeps signing beside it until ``keep_until`` (24 h)."""
    keep_until = keep_until or utcnow() + timedelta(hours=24)
    webhook.write({"previous_secret": webhook.secret, "previous_secret_until": naive_utc(keep_until),
                   "secret": secret or new_secret()})


def attempt_of(entry: dict) -> Attempt:
    """One logged attempt as the port's value."""
    def moment(text):
        return datetime.fromisoformat(text) if text else None
    return Attempt(moment(entry["at"]), entry.get("status"), entry.get("duration_ms", 0), entry.get("error"),
                   moment(entry.get("next")))


def log_written_fields(env, model: str, ids: Sequence[int], names: Sequence[str]) -> None:
    """Which fields this transaction wrote on watched records (insert-only: writers never conflict)."""
    env.cr.execute(SQL("INSERT INTO %s (model, res_id, field_names, written_at) SELECT %s, unnest(%s::int[]), %s, %s",
                       SQL.identifier(WRITTEN_TABLE), model, list(ids), ",".join(names), env.cr.now()))


def change_details(env, model: str, ids: Sequence[int], since: datetime | None) -> dict[int, ChangeDetail]:
    """Created since ``since`` (by ``create_date``) and the fields written since (one statement)."""
    table = SQL.identifier(env[model]._table)
    env.cr.execute(SQL("""
        SELECT r.id, %s IS NULL OR r.create_date >= %s,
               (SELECT string_agg(w.field_names, ',') FROM %s w
                 WHERE w.model = %s AND w.res_id = r.id AND (%s IS NULL OR w.written_at >= %s))
          FROM %s r WHERE r.id = ANY(%s)""",
        since, since, SQL.identifier(WRITTEN_TABLE), model, since, since, table, list(ids)))
    return {row_id: ChangeDetail(bool(created), tuple(sorted(set(filter(None, (names or "").split(","))))))
            for row_id, created, names in env.cr.fetchall()}


def forget_old_written_fields(env) -> None:
    """Drop the written-fields log older than any cursor can be (autovacuum)."""
    env.cr.execute(SQL("DELETE FROM %s WHERE written_at < (now() AT TIME ZONE 'UTC') - make_interval(days => %s)",
                       SQL.identifier(WRITTEN_TABLE), WRITTEN_KEPT_DAYS))

