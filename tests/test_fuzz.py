"""Hostile requests against a real Odoo: never a 500, always JSON, and a failed request writes nothing.

Needs ``hypothesis`` in Odoo's Python (``pip install hypothesis``); skips, saying so, without it.
"""
import json
from urllib.parse import quote

from odoo.tests import mute_logger, tagged

from .common import RestApiCase

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - depends on Odoo's environment
    st = None

EXAMPLES = 150
MODELS = ["res.partner", "x.api.test", "x.api.test.line", "res.partner.category", "ir.config_parameter",
          "no.such.model"]
FIELDS = ["id", "name", "secret", "nope", "state", "code", "counter", "amount", "day", "moment", "partner_id",
          "tag_ids", "line_ids", "data", "name_upper", "email", "parent_id", "password", "bogus", "*", "-name"]
OPERATORS = ["=", "!=", "ilike", "in", "not in", "child_of", "any", "like", "<", ">=", "=?", "bogus"]
METHODS = ["increment", "write_then_fail", "_hidden", "not_rpc", "sudo", "write", "unlink", "read", "copy",
           "search_count", "nonexistent"]
# Rows whose count and latest write_date must not move when a request fails.
WATCHED_TABLES = ("x_api_test", "x_api_test_line", "res_partner", "res_partner_category", "ir_config_parameter")


def hostile_requests():
    """A strategy of (method, path, params, body, headers) tuples."""
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                        st.text(max_size=12))
    values = st.recursive(scalars, lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS + ["data", "link", "set", "create"]), children, max_size=4)),
        max_leaves=12)
    leaves = st.tuples(st.sampled_from(FIELDS + ["partner_id.name", "tag_ids.name"]), st.sampled_from(OPERATORS),
                       values).map(list)
    filters = st.one_of(st.lists(leaves | st.sampled_from(["&", "|", "!"]), max_size=5).map(json.dumps),
                        values.map(json.dumps), st.text(max_size=30))
    queries = st.one_of(st.lists(st.sampled_from(FIELDS), max_size=6).map(lambda names: "{" + ",".join(names) + "}"),
                        st.text(alphabet="{}*-, " + "abcdeimnoprstu_", max_size=30), st.text(max_size=20))
    numbers = st.one_of(st.integers(-5, 2000).map(str), st.text(max_size=8))
    params = st.fixed_dictionaries({}, optional={
        "query": queries, "filter": filters, "order": st.one_of(st.sampled_from(FIELDS).map(lambda f: f + " desc"),
                                                                  st.text(max_size=20)),
        "limit": numbers, "page": numbers, "page_size": numbers, "id": numbers, "encoding": st.text(max_size=8),
        "context": values.map(json.dumps)})
    bodies = st.one_of(st.none(), values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=60),
                       st.fixed_dictionaries({"data": values}, optional={"context": values, "args": values,
                                                                          "kwargs": values, "filter": values})
                       .map(lambda v: json.dumps(v).encode()))
    ids = st.integers(-3, 40)
    paths = st.one_of(
        st.sampled_from(MODELS),
        st.tuples(st.sampled_from(MODELS), ids).map(lambda t: f"{t[0]}/{t[1]}"),
        st.tuples(st.sampled_from(MODELS), st.sampled_from(["search", "batch", "fields", "x"])).map("/".join),
        st.tuples(st.sampled_from(MODELS), ids, st.sampled_from(FIELDS)).map(lambda t: f"{t[0]}/{t[1]}/{t[2]}"),
        st.tuples(st.sampled_from(MODELS), ids, st.sampled_from(METHODS)).map(lambda t: f"object/{t[0]}/{t[1]}/{t[2]}"),
        st.tuples(st.sampled_from(MODELS), st.sampled_from(METHODS)).map(lambda t: f"object/{t[0]}/{t[1]}"),
        # no dots: a client would resolve ``..`` to a path outside the API
        st.text(max_size=30).map(lambda text: quote(text.replace(".", ""), safe="/")))
    # requests refuses header values with leading blanks before sending them
    ascii_text = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=24).map(str.strip)
    # Mostly valid keys, so that most requests get past authentication.
    authorization = st.one_of(st.sampled_from(["ADMIN", "ADMIN", "ALICE", "ALICE", "PORTAL"]), ascii_text)
    headers = st.fixed_dictionaries({"Authorization": authorization}, optional={
        "Content-Type": st.sampled_from(["application/json", "application/json", "text/plain",
                                         "application/x-www-form-urlencoded", "application/json; charset=latin-1", ""]),
        "Origin": ascii_text, "X-Request-Id": ascii_text, "Accept": ascii_text})
    verbs = st.sampled_from(["GET", "GET", "POST", "POST", "PUT", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])
    return st.tuples(verbs, paths, params, bodies, headers)


@tagged("post_install", "-at_install")
class TestFuzz(RestApiCase):

    def database_state(self):
        """Count and latest write of every watched table, read past the ORM cache."""
        state = []
        for table in WATCHED_TABLES:
            self.env.cr.execute(f"SELECT count(*), max(write_date) FROM {table}")  # noqa: S608 - constant names
            state.append(self.env.cr.fetchone())
        return state

    def send(self, method, path, params, body, headers):
        keys = {"ADMIN": self.key_admin, "ALICE": self.key_alice, "PORTAL": self.key_portal}
        sent = dict(headers)
        if sent.get("Authorization") in keys:
            sent["Authorization"] = "Bearer " + keys[sent["Authorization"]]
        return self.api(method, "/api/v1/" + path, key=None, params=params, data=body, headers=sent)

    def check_answer(self, request, before):
        method, path, *_ = request
        response = self.send(*request)
        self.assertNotEqual(response.status_code, 500, (request, response.text[:500]))
        self.assertNotIn("Set-Cookie", response.headers)
        content_type = response.headers.get("Content-Type", "")
        if method == "HEAD" or response.status_code == 204 or (
                response.status_code == 200 and not content_type.startswith("application/json")):
            return  # a download, a page, a preflight: not an envelope
        self.assertEqual(content_type, "application/json; charset=utf-8", (request, response.text[:300]))
        envelope = response.json()
        self.assertIs(envelope["success"], response.status_code < 400, request)
        if response.status_code >= 400:
            self.assertEqual(envelope["error"]["code"], response.status_code)
            self.assertEqual(self.database_state(), before, ("a failed request wrote", request, response.text[:300]))

    @mute_logger("odoo.sql_db", "odoo.http", "odoo.addons.rest_api.controllers.odoo_http", "werkzeug")
    def test_hostile_requests(self):
        if st is None:
            self.skipTest("hypothesis is not installed in Odoo's Python (pip install hypothesis)")
        self.make_test_record(name="fuzz one", code="F1")
        self.make_test_record(name="fuzz two", line_ids=[(0, 0, {"name": "line"})])

        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(request=hostile_requests())
        def run(request):
            self.env.flush_all()
            self.check_answer(request, self.database_state())

        run()
