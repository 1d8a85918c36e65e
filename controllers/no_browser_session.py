"""API requests carry no Odoo web session (spec §11).

Odoo builds ``request.session`` from the ``session_id`` cookie before any addon code
runs. A browser session means more than a user: its database, its debug mode (which
turns on detailed access errors), its language, and the ``identity-check-last`` stamp
that ``@check_identity`` methods trust without asking whose session it is. So before
the API's controller runs, the request gets a fresh, unsaved, anonymous session and an
environment built without the cookie; the Bearer key alone then decides the user.
"""
from __future__ import annotations

from odoo import SUPERUSER_ID, api, http
from odoo.tools.misc import get_lang

from ..domain.databases import DATABASE_HEADER
from ..domain.errors import NotFound
from .database_list import served_databases

SESSION_COOKIE = "session_id"
# Set on the request when the API's post_load hook chose its database (the cookie played no part).
CHOSEN_WITHOUT_COOKIE = "rest_api_database_chosen"


def without_browser_session(odoo_request) -> None:
    """Replace the cookie's session and environment by what a cookie-less request gets."""
    if odoo_request.httprequest.cookies.get(SESSION_COOKIE) and _database_came_from_cookie(odoo_request):
        raise NotFound("Database not found: send the X-Odoo-Database header to choose one",
                       {"header": DATABASE_HEADER})
    anonymous = api.Environment(odoo_request.env.cr, None, {"lang": odoo_request.default_lang()})
    lang = get_lang(anonymous(user=SUPERUSER_ID)).code
    odoo_request.session = fresh_session(odoo_request.db, lang)
    odoo_request.env = api.Environment(odoo_request.env.cr, None, {"lang": lang})


def fresh_session(dbname: str | None, lang: str):
    """A new anonymous session on ``dbname``: never written, never sent back as a cookie."""
    session = http.root.session_store.new()
    session.update(http.get_default_session(), db=dbname)
    session.context["lang"] = lang
    session.can_save = False
    session.is_dirty = False
    return session


def _database_came_from_cookie(odoo_request) -> bool:
    """Whether only the cookie's session could have chosen this database (several to choose from).

    Once the API's ``post_load`` hook is in place, ``odoo_database.py`` chooses without the
    cookie; before (the first request of a process), Odoo took the cookie's database, and only
    a server with one database makes that harmless.
    """
    if getattr(odoo_request, CHOSEN_WITHOUT_COOKIE, False):
        return False
    if odoo_request.httprequest.headers.get(DATABASE_HEADER):
        return False  # chosen by the header (spec §13), not by the cookie
    host = odoo_request.httprequest.environ.get("HTTP_HOST")
    return len(served_databases(host)) != 1
