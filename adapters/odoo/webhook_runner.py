"""The webhook runner on Odoo (issue 25): the cron that turns committed changes into events and
delivers them, shared by every worker and server through ``FOR UPDATE SKIP LOCKED``.

One run: (1) one statement lists the active subscriptions and says whether a delivery is due;
(2) one statement says which watched models changed since their subscriptions' cursors. A quiet
server stops there (two queries). Otherwise each subscription with changes is polled as its
key reads (locked, so that two runners never make its events twice), and due deliveries are
claimed in batches, sent, and their outcome written; each step commits.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from odoo import api
from odoo.tools import SQL

from ...application.capabilities import capability
from ...application.session import Session
from ...application.webhook_delivery import AttemptOutcome, DueDelivery, attempt_delivery
from ...application.webhook_feed import Watch, due_events
from ...application.webhook_ports import Webhooks, WebhookSender
from ...domain.change_feed import ChangeKey, FeedCursor
from ...domain.errors import ApiError
from ...domain.webhook_retries import DELIVERED, DISABLE, DISABLE_AFTER
from ..webhook_sender import RequestsSender
from .catalog import OdooCatalog
from .change_feed import DELETIONS_TABLE
from .store import OdooRecordStore
from .webhook_queue import naive_utc, queue, utcnow

_logger = logging.getLogger(__name__)

EVENTS_PER_POLL = 500
BATCH = 100
RUN_BUDGET_S = 50
KEPT_ATTEMPTS = 20
_SENDERS: dict[bool, RequestsSender] = {}  # one keep-alive session per process and policy

ACTIVE = SQL("""
    SELECT w.id, w.model, w.cursor_at, w.deletion_at,
           EXISTS (SELECT 1 FROM rest_api_webhook_delivery d
                    WHERE d.state = 'pending' AND d.next_attempt_at <= (clock_timestamp() AT TIME ZONE 'UTC'))
      FROM rest_api_webhook w WHERE w.state = 'active'""")

CLAIM = """
    SELECT d.id, d.webhook_id, w.url, w.secret,
           CASE WHEN w.previous_secret_until > (clock_timestamp() AT TIME ZONE 'UTC') THEN w.previous_secret END,
           d.event_id, d.payload, COALESCE(d.attempt_count, 0), d.first_attempt_at
      FROM rest_api_webhook_delivery d JOIN rest_api_webhook w ON w.id = d.webhook_id
     WHERE d.state = 'pending' AND d.next_attempt_at <= (clock_timestamp() AT TIME ZONE 'UTC') AND w.state = 'active'
       AND NOT EXISTS (SELECT 1 FROM rest_api_webhook_delivery o
                        WHERE o.webhook_id = d.webhook_id AND o.res_id = d.res_id AND d.res_id <> 0
                          AND o.state = 'pending' AND o.id < d.id)
     ORDER BY d.next_attempt_at, d.id LIMIT %s
       FOR UPDATE OF d SKIP LOCKED"""


def sender_for(env) -> RequestsSender:
    """The process's sender for the administrator's policy on private targets."""
    allow = env["rest_api.settings"]._current().webhook_allow_private
    if allow not in _SENDERS:
        _SENDERS[allow] = RequestsSender(allow)
    return _SENDERS[allow]


def run(env, sender: WebhookSender | None = None, commit: Callable[[], None] | None = None,
        budget_s: float = RUN_BUDGET_S) -> None:
    """One cron run: poll and send until nothing is left or the time budget is spent."""
    commit = commit or _committer(env)
    deadline = time.monotonic() + budget_s
    while time.monotonic() < deadline:
        env.invalidate_all()
        env.cr.execute(ACTIVE)
        rows = env.cr.fetchall()
        if not rows:
            return
        changed = changed_subscriptions(env, rows)
        produced = sum(poll(env, webhook_id, commit) for webhook_id in changed)
        sent = send_due(env, sender or sender_for(env), commit) if produced or rows[0][4] else 0
        if not produced and not sent:
            return
    env.ref("rest_api.ir_cron_webhooks")._trigger()  # more to do: the next run continues
    commit()


def _committer(env) -> Callable[[], None]:
    if env.registry.in_test_mode():  # tests share one transaction
        return lambda: env.cr.flush()
    return env.cr.commit


def changed_subscriptions(env, rows) -> list[int]:
    """The subscriptions whose model has a change or a deletion since their cursor (one statement)."""
    oldest: dict[str, tuple[datetime, datetime]] = {}
    for _id, model, cursor_at, deletion_at, _due in rows:
        if model not in env.registry:
            continue
        at, deleted = oldest.get(model, (cursor_at, deletion_at))
        oldest[model] = (min(at, cursor_at), min(deleted, deletion_at))
    parts = [SQL("SELECT %s WHERE EXISTS (SELECT 1 FROM %s WHERE write_date >= %s)"
                 " OR EXISTS (SELECT 1 FROM %s WHERE model = %s AND deleted_at >= %s)",
                 model, SQL.identifier(env[model]._table), at, SQL.identifier(DELETIONS_TABLE), model, deleted)
             for model, (at, deleted) in oldest.items() if env[model]._auto and "write_date" in env[model]._fields]
    if not parts:
        return []
    env.cr.execute(SQL(" UNION ALL ").join(parts))
    models = {model for (model,) in env.cr.fetchall()}
    return [row[0] for row in rows if row[1] in models]


def poll(env, webhook_id: int, commit: Callable[[], None]) -> int:
    """Queue the due events of one subscription, as its key reads; the number queued."""
    env.cr.execute("SELECT id FROM rest_api_webhook WHERE id = %s AND state = 'active' FOR UPDATE SKIP LOCKED",
                   (webhook_id,))
    if not env.cr.fetchone():
        return 0  # another runner polls it
    webhook = env["rest_api.webhook"].browse(webhook_id)
    session = owner_session(webhook)
    if session is None:
        commit()
        return 0
    watch = Watch(webhook.model, tuple(webhook.events.split(",")), webhook.query or None,
                  webhook.filter_text or None,
                  FeedCursor(ChangeKey(webhook.cursor_at, webhook.cursor_id),
                             ChangeKey(webhook.deletion_at, webhook.deletion_id)))
    try:
        batch = due_events(session, capability(session.store, Webhooks), watch, EVENTS_PER_POLL, utcnow())
    except ApiError as exc:  # the key may no longer read the model, its query or its filter
        webhook.write({"state": "disabled", "reason": f"The key can no longer read this: {exc.message}"[:250]})
        commit()
        return 0
    queue(webhook, batch.events)
    records, deletions = (batch.cursor.records or watch.cursor.records,
                          batch.cursor.deletions or watch.cursor.deletions)  # next_cursor gives both
    webhook.write({"cursor_at": records and records.at, "cursor_id": records and records.id,
                   "deletion_at": deletions and deletions.at, "deletion_id": deletions and deletions.id})
    commit()
    return len(batch.events) + (1 if batch.more else 0)


def owner_session(webhook) -> Session | None:
    """The session of the subscription's key, as a request with it would have; None (and the
    subscription stopped, saying why) when the key was revoked or expired or its user archived."""
    env = webhook.env
    reason = None
    if not webhook.key_id:
        reason = "The API key was revoked"
    else:
        env.cr.execute("SELECT k.expiration_date, u.active FROM res_users_apikeys k JOIN res_users u"
                       " ON u.id = k.user_id WHERE k.id = %s", (webhook.key_id.id,))
        found = env.cr.fetchone()  # None: the key's row is gone (its table has no foreign keys to follow)
        expiration, user_active = found or (None, True)
        if found is None:
            reason = "The API key was revoked"
        elif expiration and expiration < naive_utc(utcnow()):
            reason = "The API key expired"
        elif not user_active:
            reason = "The API key's user was archived"
    if reason:
        webhook.write({"state": "stopped", "reason": reason})
        return None
    user_env = api.Environment(env.cr, webhook.user_id.id, {})
    user_env = user_env(context=user_env["res.users"].context_get())
    settings = env["rest_api.settings"]._current()
    return Session(OdooCatalog(user_env), OdooRecordStore(user_env, settings.max_body_bytes), settings,
                   webhook.user_id.id,
                   restrictions=env["res.users.apikeys"]._rest_api_restrictions(webhook.key_id.id),
                   key_id=webhook.key_id.id)


def claim_due(cr, limit: int = BATCH) -> list[DueDelivery]:
    """Lock up to ``limit`` due deliveries no other runner holds, the oldest of each record first."""
    cr.execute(CLAIM, (limit,))
    return [DueDelivery(row_id, webhook_id, url, tuple(s for s in (secret, previous) if s), event_id,
                        payload.encode(), attempts, first_at and first_at.replace(tzinfo=timezone.utc))
            for row_id, webhook_id, url, secret, previous, event_id, payload, attempts, first_at in cr.fetchall()]


def send_due(env, sender: WebhookSender, commit: Callable[[], None]) -> int:
    """Claim, send and record batches of due deliveries; the number sent."""
    sent = 0
    while claimed := claim_due(env.cr):
        outcomes = [attempt_delivery(due, sender, utcnow) for due in claimed]
        record(env, outcomes)
        commit()
        sent += len(outcomes)
    return sent


def record(env, outcomes: Sequence[AttemptOutcome]) -> None:
    """Write each attempt into its delivery, and what it means for the subscriptions."""
    cr = env.cr
    for outcome in outcomes:
        attempt, decision = outcome.attempt, outcome.decision
        state = decision.delivery_state
        entry = {"at": attempt.at.isoformat(), "status": attempt.status, "duration_ms": attempt.duration_ms,
                 "error": attempt.error, "next": decision.next_at.isoformat() if decision.next_at else None}
        cr.execute("""
            UPDATE rest_api_webhook_delivery
               SET state = %s, attempt_count = COALESCE(attempt_count, 0) + 1,
                   first_attempt_at = COALESCE(first_attempt_at, %s), next_attempt_at = %s,
                   last_status = %s, last_error = %s, last_duration_ms = %s,
                   attempt_log = (COALESCE(attempt_log, '[]'::jsonb) || %s::jsonb)
                                 - (CASE WHEN jsonb_array_length(COALESCE(attempt_log, '[]'::jsonb)) >= %s
                                         THEN 0 ELSE 1000 END)
             WHERE id = %s""",
                   (state, naive_utc(attempt.at), decision.next_at and naive_utc(decision.next_at), attempt.status,
                    attempt.error, attempt.duration_ms, json.dumps([entry]), KEPT_ATTEMPTS, outcome.delivery.id))
    ok = {o.delivery.subscription_id for o in outcomes if o.decision.outcome == DELIVERED}
    gone = {o.delivery.subscription_id for o in outcomes if o.decision.outcome == DISABLE}
    failing = {o.delivery.subscription_id for o in outcomes
               if o.decision.outcome not in (DELIVERED, DISABLE)} - ok
    if ok:
        cr.execute("UPDATE rest_api_webhook SET failing_since = NULL WHERE id = ANY(%s) AND failing_since IS NOT NULL",
                   (list(ok),))
    if gone:
        cr.execute("UPDATE rest_api_webhook SET state = 'disabled', reason = 'The receiver answered 410 Gone'"
                   " WHERE id = ANY(%s)", (list(gone),))
        env.registry.clear_cache()  # the watched models
    if failing:
        _note_failures(env, failing)
    env.invalidate_all()


def _note_failures(env, webhook_ids: set[int]) -> None:
    """Failing since when; after a day of failures the subscription is disabled and its owner told."""
    env.cr.execute("""
        UPDATE rest_api_webhook SET failing_since = COALESCE(failing_since, clock_timestamp() AT TIME ZONE 'UTC')
         WHERE id = ANY(%s) RETURNING id, failing_since""", (list(webhook_ids),))
    limit = naive_utc(utcnow() - DISABLE_AFTER)
    for webhook_id in [row_id for row_id, since in env.cr.fetchall() if since < limit]:
        webhook = env["rest_api.webhook"].browse(webhook_id)
        webhook.write({"state": "disabled", "reason": "Every delivery failed for a day"})
        _tell_owner(webhook)


def _tell_owner(webhook) -> None:
    """An activity for the owner when ``mail`` is installed (the addon does not depend on it), else a warning."""
    env = webhook.env
    if "mail.activity" not in env.registry:
        _logger.warning("Webhook %s to %s disabled after a day of failures (owner %s)",
                        webhook.id, webhook.url, webhook.user_id.login)
        return
    # On the owner's contact: an activity needs a model with mail's mixins, which webhooks do not
    # have (the addon does not depend on mail); it shows in the owner's activities all the same.
    env["mail.activity"].create({
        "res_model_id": env["ir.model"]._get_id("res.partner"), "res_id": webhook.user_id.partner_id.id,
        "user_id": webhook.user_id.id, "summary": f"Webhook {webhook.id} disabled",
        "note": f"Every delivery to {webhook.url} failed for a day: the webhook was disabled. Fix the "
                "receiver, then enable it again (Settings → REST API → Webhooks, or PATCH {\"active\": true})."})


