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
from .odoo_database import served_databases

SESSION_COOKIE = "session_id"


def without_browser_session(odoo_request) -> None:
    """Replace the cookie's session and environment by what a cookie-less request gets."""
    if odoo_request.httprequest.cookies.get(SESSION_COOKIE) and _database_came_from_cookie(odoo_request):
        raise NotFound("Database not found: send the X-Odoo-Database header to choose one",
                       {"header": DATABASE_HEADER})
    session = http.root.session_store.new()
    session.update(http.get_default_session(), db=odoo_request.db)
    session.can_save = False  # never written, never sent back as a cookie
    session.is_dirty = False
    odoo_request.session = session
    anonymous = api.Environment(odoo_request.env.cr, None, {"lang": odoo_request.default_lang()})
    lang = get_lang(anonymous(user=SUPERUSER_ID)).code
    odoo_request.env = api.Environment(odoo_request.env.cr, None, {"lang": lang})
    session.context["lang"] = lang


def _database_came_from_cookie(odoo_request) -> bool:
    """Whether only the cookie's session could have chosen this database (several to choose from).

    Loaded server-wide, ``odoo_database.py`` chooses without the cookie already; otherwise
    Odoo took the cookie's database, and only a server with one database makes that harmless.
    """
    if odoo_request.httprequest.headers.get(DATABASE_HEADER):
        return False  # chosen by the header (spec §13), not by the cookie
    host = odoo_request.httprequest.environ.get("HTTP_HOST")
    return len(served_databases(host)) != 1
