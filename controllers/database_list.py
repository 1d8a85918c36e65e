"""Which databases this server serves, as Odoo's ``http.db_list`` says, without its new connection."""
from __future__ import annotations

from contextlib import closing

import psycopg2

from odoo import http, sql_db
from odoo.modules.registry import Registry
from odoo.service import db as odoo_db
from odoo.tools import config

from ..adapters.odoo.errors import database_unavailable

# Odoo's list_dbs rule: the databases the configured role owns and may connect to, templates aside.
_OWNED_DATABASES = """
    SELECT datname FROM pg_database
     WHERE datdba = (SELECT usesysid FROM pg_user WHERE usename = current_user)
       AND NOT datistemplate AND datallowconn AND datname NOT IN %s
     ORDER BY datname"""


def served_databases(host: str) -> list[str]:
    """What ``http.db_list(force=True, host=host)`` answers, without a new PostgreSQL connection.

    Odoo asks over a connection to ``postgres``, which its pool never keeps: one new
    backend (milliseconds) per cookie-less request, only to learn that the server serves one
    database. ``pg_database`` is shared by every database, so the question is asked over a
    pooled connection of a database already loaded here; Odoo's own way when none is.
    ``ServiceUnavailable`` when PostgreSQL cannot be reached.
    """
    return http.db_filter(_existing_databases(), host=host)


def _existing_databases() -> list[str]:
    if not config["dbfilter"] and config["db_name"]:
        return _listed_by_odoo()  # the --database list, PostgreSQL not asked
    templates = tuple({"postgres", config["db_template"]})
    for loaded in _loaded_databases():
        try:
            with closing(sql_db.db_connect(loaded).cursor()) as cr:
                cr.execute(_OWNED_DATABASES, (templates,), log_exceptions=False)  # an outage is logged once
                return [name for (name,) in cr.fetchall()]
        except psycopg2.Error:  # dropped since it was loaded: try another
            continue
    return _listed_by_odoo()


def _loaded_databases() -> list[str]:
    try:
        return list(Registry.registries)
    except RuntimeError:  # the LRU reorders itself on every read; another thread did, mid-copy
        return []


def _listed_by_odoo() -> list[str]:
    try:
        return odoo_db.list_dbs(force=True)
    except psycopg2.OperationalError as exc:  # http.db_list says "no database"; the truth is "not now"
        raise database_unavailable(exc) from exc
