"""The change feed on PostgreSQL: keyset pages by ``(write_date, id)`` below a horizon that no
transaction still running can write under (docs/change-feed.md explains why nothing is skipped).

Odoo stamps ``write_date`` with the writing transaction's start time (``cr.now()``), so a
transaction that commits late writes *old* times. The horizon is the start of the oldest
transaction open in the database (or now): everything stamped before it is final. It is
read first, on a fresh READ COMMITTED cursor, so the page query that follows takes its
snapshot after it and sees every transaction that started before the horizon.
"""
from __future__ import annotations

from contextlib import contextmanager

from odoo import api
from odoo.tools import SQL
from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED

from ...application.ports import ChangePage
from ...domain.change_feed import ChangeKey, FeedCursor
from ...domain.resolution import ResolvedSelection
from ..web_spec import web_specification
from .errors import odoo_errors

DELETIONS_TABLE = "rest_api_change_deletion"

# Every client transaction open in this database but ours; our own start bounds it too.
HORIZON = SQL("""
    SELECT LEAST(clock_timestamp(), MIN(xact_start)) AT TIME ZONE 'UTC'
      FROM pg_stat_activity
     WHERE datname = current_database() AND backend_type = 'client backend'
       AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
""")


@contextmanager
def feed_environment(env):
    """``env``'s user and context on a cursor whose every statement takes a fresh snapshot.

    Under tests the registry serves one shared transaction: the feed reads on it.
    """
    context = dict(env.context, active_test=False)
    if env.registry.in_test_mode():
        yield env(context=context)
        return
    cr = env.registry.cursor()
    try:
        # No transaction is open on a fresh cursor: this sets the level of the next one.
        cr._cnx.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
        yield api.Environment(cr, env.uid, context)
    finally:
        cr.close()


def read_changes(env, model: str, cursor: FeedCursor, limit: int, selection: ResolvedSelection,
                 deletions: bool) -> ChangePage:
    """One page of changes of ``model`` as ``env``'s user sees them."""
    with feed_environment(env) as feed_env, odoo_errors(feed_env, savepoint=False):
        feed_env.cr.execute(HORIZON)
        [horizon] = feed_env.cr.fetchone()
        feed_env.cr.execute(_page_query(feed_env[model], cursor, limit, horizon, deletions))
        rows = feed_env.cr.fetchall()
        changed = [ChangeKey(at, key_id) for kind, _id, at, key_id, _name in rows if kind == "r"]
        removed = [(ChangeKey(at, key_id), res_id, name) for kind, res_id, at, key_id, name in rows if kind == "d"]
        page = changed[:limit]
        # A record deleted since the page query is left out by web_read (its deletion is logged).
        records = (feed_env[model].browse([key.id for key in page]).web_read(web_specification(selection))
                   if page else [])
        return ChangePage(horizon, records, tuple(page), len(changed) > limit,
                          tuple(res_id for _key, res_id, _name in removed[:limit]),
                          tuple(key for key, _res_id, _name in removed[:limit]), len(removed) > limit,
                          tuple(name for _key, _res_id, name in removed[:limit]))


def _page_query(records, cursor: FeedCursor, limit: int, horizon, deletions: bool) -> SQL:
    """Changed records (``'r'``) and, with ``deletions``, logged deletions (``'d'``): one statement."""
    query = records._search([])  # access rights and record rules of the user
    write_date, record_id = SQL.identifier(query.table, "write_date"), SQL.identifier(query.table, "id")
    query.add_where(SQL("%s < %s", write_date, horizon))
    if cursor.records is not None:
        query.add_where(SQL("(%s, %s) > (%s, %s)", write_date, record_id, cursor.records.at, cursor.records.id))
    query.order = SQL("%s, %s", write_date, record_id)
    query.limit = limit + 1
    changed = SQL("(%s)", query.select(SQL("'r'"), record_id, write_date, record_id, SQL("NULL::varchar")))
    after = cursor.deletions
    if not deletions or after is None:  # the first poll reports no deletions
        return changed
    removed = SQL(
        "(SELECT 'd', res_id, deleted_at, id, external_id FROM %s WHERE model = %s AND deleted_at < %s"
        " AND (deleted_at, id) > (%s, %s) ORDER BY deleted_at, id LIMIT %s)",
        SQL.identifier(DELETIONS_TABLE), records._name, horizon, after.at, after.id, limit + 1)
    return SQL("%s UNION ALL %s", changed, removed)
