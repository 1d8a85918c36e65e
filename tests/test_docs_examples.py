"""Every curl example of the README and docs/, replayed with the real curl against the demo AND Odoo.

Each document runs in reading order against a fresh demo server (the in-memory store)
and against this Odoo (inside a savepoint, rolled back after the document). For every
example the two answers must have the same HTTP status and the same body apart from ids
and timestamps (``comparable``), and that body must be the one the document shows.

The documents name records by the demo's ids; on Odoo the same records have other ids,
so requests are translated: an id of a demo record becomes the id of the Odoo record
with the same name, and an id the document learnt from an answer (a created record)
becomes the id Odoo gave.
"""
import contextlib
import io
import json
import re
import shlex
import shutil
import threading
from pathlib import Path
from unittest import skipIf
from urllib.parse import parse_qsl, quote, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, make_server

from odoo.tests import tagged

from ..adapters.memory.seed import seed_database
from ..adapters.rpc.transport import Upstream
from ..controllers.gateway import GatewayApp, GatewayConfig, GatewayHost
from ..controllers.standalone import MemoryHost, StandaloneApp
from .common import RestApiCase
from .unit.doc_examples import (DOCS_BASE_URL, comparable, comparable_csv, condition_tag, curl_examples,
                                current_etag, run_curl, with_condition_tag)

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
NAME_FIELDS = {"res.users": "login", "ir.config_parameter": "key"}
API = "/api/v1/"
# Examples proven on Odoo by their own tests instead (TestChangeFeed, TestReports, the live feed
# check): inside this test's savepoint the change feed reads only committed data on a cursor of
# its own, and a PDF report's renderer (wkhtmltopdf) calls back into the test server, which holds
# the test cursor for the request: both would wait for the test itself.
NOT_ON_ODOO_YET = ("/changes", "/report/")
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```\n```text\n(.*?)```", re.DOTALL)  # as tests/unit/test_readme_python.py


class _Silent(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


class LoopbackServer:
    """A WSGI app on a free loopback port, in a thread."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, handler_class=_Silent)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}"


class DemoServer(LoopbackServer):
    """The demo (in-memory) API."""

    def __init__(self):
        self.database = seed_database()
        super().__init__(StandaloneApp(MemoryHost(self.database)))


# What the gateway refuses with a 501 (docs/gateway.md), and what it answers otherwise by design:
# no ETag to send back (If-None-Match: a full 200), and download file names from the field, not
# the attachment.
NEEDS_THE_ADDON = ("/transaction", "/changes", "/report/", "Idempotency-Key", "If-Match", "/webhooks")
NO_ANSWER_ALIKE_THROUGH_GATEWAY = ("If-None-Match", "encoding=base64")


class GatewayServer(LoopbackServer):
    """The gateway in front of ``odoo_url`` (this test's server), as ``login``."""

    def __init__(self, odoo_url, database, login):
        app = GatewayApp(GatewayHost(GatewayConfig(Upstream(odoo_url, database, timeout=60), "jsonrpc")))

        def with_login(environ, start_response):  # the login Odoo 18's RPC needs beside the key
            return app({**environ, "HTTP_X_ODOO_LOGIN": login}, start_response)
        super().__init__(with_login)


class IdTranslator:
    """Demo ids in a documented request → the ids of the same records on Odoo."""

    def __init__(self, env, demo_database):
        self.env = env
        self.demo = demo_database
        self.learnt = {}  # (model, demo id) -> odoo id

    def record_id(self, model, demo_id):
        if type(demo_id) is not int:
            return demo_id
        if (model, demo_id) in self.learnt:
            return self.learnt[(model, demo_id)]
        row = self.demo.row(model, demo_id) if model in self.demo.schema else None
        if row is None:
            return demo_id
        field = NAME_FIELDS.get(model, "name")
        found = self.env[model].with_context(active_test=False).search([(field, "=", row[field])], order="id", limit=1)
        return found.id or demo_id

    def learn(self, model, shown, actual):
        """Remember the ids Odoo gave to the records the document shows as created."""
        data, got = (shown or {}).get("data"), (actual or {}).get("data")
        if not isinstance(data, dict) or not isinstance(got, dict):
            return
        pairs = [(data.get("id"), got.get("id"))]
        pairs += [(s.get("id"), a.get("id")) for s, a in zip(data.get("records") or [], got.get("records") or [],
                                                              strict=False)
                  if isinstance(s, dict) and isinstance(a, dict)]
        if isinstance(data.get("result"), list) and isinstance(got.get("result"), list):
            pairs += list(zip(data["result"], got["result"], strict=False))
        for demo_id, odoo_id in pairs:
            if type(demo_id) is int and type(odoo_id) is int:
                self.learnt[(model, demo_id)] = odoo_id

    # --- translating a request ---------------------------------------------------------

    def command(self, command):
        words = shlex.split(command)
        url_index = next(i for i, w in enumerate(words) if w.startswith(DOCS_BASE_URL))
        model, words[url_index] = self.url(words[url_index])
        for index, word in enumerate(words[:-1]):
            if word in ("-d", "--data", "--data-raw"):
                try:
                    body = json.loads(words[index + 1])
                except ValueError:
                    continue  # not JSON (the 415 example): nothing to translate
                words[index + 1] = json.dumps(self.body(model, body))
        return shlex.join(words), model

    def url(self, url):
        parts = urlsplit(url)
        segments = parts.path[len(API):].split("/")
        model = None
        if segments[0] == "object" and len(segments) >= 3:
            model = segments[1]
            if len(segments) == 4 and segments[2].isdigit():
                segments[2] = str(self.record_id(model, int(segments[2])))
        elif segments[0] and "." in segments[0]:
            model = segments[0]
            if len(segments) >= 2 and segments[1].isdigit():
                segments[1] = str(self.record_id(model, int(segments[1])))
        query = []
        for name, value in parse_qsl(parts.query, keep_blank_values=True):
            if name == "id" and model:
                value = self.ids_text(model, value)
            elif name == "filter" and model:
                value = json.dumps(self.domain(model, json.loads(value)), separators=(",", ":"))
            query.append(f"{name}={quote(value, safe='[]{},:*-')}")
        path = API + "/".join(segments)
        return model, f"{DOCS_BASE_URL}{path}" + (f"?{'&'.join(query)}" if query else "")

    def ids_text(self, model, text):
        if text.startswith("["):
            return json.dumps([self.record_id(model, i) for i in json.loads(text)], separators=(",", ":"))
        return ",".join(str(self.record_id(model, int(i))) if i.strip().isdigit() else i for i in text.split(","))

    def body(self, model, body):
        if not isinstance(body, dict) or not model:
            return body
        body = dict(body)
        for key in ("filter", "domain"):
            if isinstance(body.get(key), list):
                body[key] = self.domain(model, body[key])
        data = body.get("data")
        if isinstance(data, dict):
            body["data"] = self.values(model, data)
        elif isinstance(data, list):
            body["data"] = [self.values(model, item) if isinstance(item, dict) else item for item in data]
        return body

    def comodel(self, model, name):
        field = self.env[model]._fields.get(name)
        return field.comodel_name if field is not None and field.relational else None

    def values(self, model, values):
        translated = {}
        for name, value in values.items():
            comodel = self.comodel(model, name)
            translated[name] = self.related(comodel, value) if comodel else value
        return translated

    def related(self, comodel, value):
        """Ids in a relational value: an id, a list of ids or commands, an operations object."""
        if type(value) is int:
            return self.record_id(comodel, value)
        if isinstance(value, list):
            if all(type(v) is int for v in value):
                return [self.record_id(comodel, v) for v in value]
            return [self.odoo_command(comodel, c) if isinstance(c, list) else c for c in value]
        if isinstance(value, dict):
            result = {}
            for operation, items in value.items():
                if operation == "update" and isinstance(items, list):
                    result[operation] = [dict(item, id=self.record_id(comodel, item.get("id")))
                                         if isinstance(item, dict) else item for item in items]
                elif operation == "create" or not isinstance(items, list):
                    result[operation] = items
                else:
                    result[operation] = [self.record_id(comodel, i) for i in items]
            return result
        return value

    def odoo_command(self, comodel, command):
        if len(command) >= 2 and command[0] in (1, 2, 3, 4):
            return [command[0], self.record_id(comodel, command[1]), *command[2:]]
        if len(command) == 3 and command[0] == 6 and isinstance(command[2], list):
            return [6, command[1], [self.record_id(comodel, i) for i in command[2]]]
        return command

    def domain(self, model, domain):
        result = []
        for term in domain:
            if isinstance(term, list) and len(term) == 3 and isinstance(term[0], str) and "." not in term[0]:
                target = model if term[0] == "id" else self.comodel(model, term[0])
                if target:
                    value = term[2]
                    value = ([self.record_id(target, v) for v in value] if isinstance(value, list)
                             else self.record_id(target, value))
                    term = [term[0], term[1], value]
            result.append(term)
        return result


@tagged("post_install", "-at_install")
@skipIf(shutil.which("curl") is None, "the curl binary is not installed")
class TestDocsExamplesOnOdoo(RestApiCase):

    def replay(self, path):
        examples = curl_examples(path)
        with DemoServer() as demo:
            translator = IdTranslator(self.env, seed_database())
            for example in examples:
                where = f"{example.source}:{example.line}"
                with self.subTest(example=where):
                    if any(part in example.command for part in NOT_ON_ODOO_YET):
                        continue
                    command, model = translator.command(example.command)
                    tag = condition_tag(example.command)
                    if tag:  # a version of the demo record: on Odoo, the Odoo record's version stands for it
                        demo_url, odoo_url = (next(w for w in shlex.split(c) if w.startswith(DOCS_BASE_URL))
                                              for c in (example.command, command))
                        if tag == current_etag(demo.url, "demo", demo_url):
                            command = with_condition_tag(command, current_etag(self.base_url(), self.key_admin,
                                                                               odoo_url))
                    demo_run = run_curl(example.command, demo.url, "demo")
                    odoo_run = run_curl(command, self.base_url(), self.key_admin)
                    self.assertEqual(0, odoo_run.exit_code, where)
                    self.assertEqual(demo_run.status, odoo_run.status, f"{where}: {odoo_run.raw[:500]!r}")
                    if example.expected_text is not None:  # a CSV answer
                        shown = comparable_csv(example.expected_text)
                        self.assertEqual(shown, comparable_csv(odoo_run.raw.decode("utf-8")), where)
                        self.assertEqual(shown, comparable_csv(demo_run.raw.decode("utf-8")), where)
                        continue
                    if demo_run.body is None:
                        self.assertIsNone(odoo_run.body, where)
                        continue
                    if example.expected is None:
                        # Nothing shown (the answer depends on the database's models and fields):
                        # the same status, outcome and message.
                        self.assertEqual(*[(b.get("success"), b.get("message"), (b.get("error") or {}).get("type"))
                                           for b in (demo_run.body, odoo_run.body)], where)
                        continue
                    self.assertEqual(comparable(example.expected), comparable(odoo_run.body), where)
                    self.assertEqual(comparable(demo_run.body), comparable(odoo_run.body), where)
                    translator.learn(model, example.expected, odoo_run.body)
        return len(examples)

    def test_every_curl_example_answers_like_the_demo_and_the_document(self):
        replayed = 0
        for path in DOCUMENTS:
            self.env.flush_all()
            self.env.cr.execute("SAVEPOINT docs_example")
            try:
                replayed += self.replay(path)
            finally:
                self.env.cr.execute("ROLLBACK TO SAVEPOINT docs_example")
                self.env.invalidate_all()
        self.assertGreaterEqual(replayed, 30)

    def test_every_curl_example_answers_through_the_gateway_as_documented(self):
        """Issue 15: the same examples through the gateway (controllers/gateway.py) in front of this
        Odoo, over its JSON-RPC as admin (a global key and the login). Each answers what the
        document shows, but for what docs/gateway.md lists: what needs the addon is a 501, no ETags."""
        key = self.make_key(self.admin, scope=None)
        replayed = 0
        with GatewayServer(self.base_url(), self.env.cr.dbname, self.admin.login) as gateway:
            for path in DOCUMENTS:
                self.env.flush_all()
                self.env.cr.execute("SAVEPOINT docs_gateway")
                try:
                    replayed += self.replay_through_gateway(path, gateway.url, key)
                finally:
                    self.env.cr.execute("ROLLBACK TO SAVEPOINT docs_gateway")
                    self.env.invalidate_all()
        self.assertGreaterEqual(replayed, 30)

    def replay_through_gateway(self, path, gateway_url, key):
        translator = IdTranslator(self.env, seed_database())
        replayed = 0
        for example in curl_examples(path):
            where = f"{example.source}:{example.line} (gateway)"
            if any(header in example.command for header in NO_ANSWER_ALIKE_THROUGH_GATEWAY):
                continue
            with self.subTest(example=where):
                command, model = translator.command(example.command)
                run = run_curl(command, gateway_url, key)
                self.assertEqual(0, run.exit_code, where)
                if any(part in example.command for part in NEEDS_THE_ADDON):
                    self.assertEqual(501, run.status, f"{where}: {run.raw[:300]!r}")
                    continue
                replayed += 1
                if example.expected_text is not None:
                    self.assertEqual(comparable_csv(example.expected_text), comparable_csv(run.raw.decode()), where)
                elif example.expected is not None:
                    self.assertEqual(comparable(example.expected), comparable(run.body), where)
                    translator.learn(model, example.expected, run.body)
                else:
                    self.assertLess(run.status, 500, f"{where}: {run.raw[:300]!r}")
        return replayed

    def test_readme_python_examples_print_what_they_show(self):
        examples = PYTHON_BLOCK.findall((ROOT / "README.md").read_text())
        self.assertGreaterEqual(len(examples), 2)
        for code, shown in examples:
            code = code.replace("http://localhost:8069", self.base_url())
            code = code.replace("'Bearer demo'", repr(f"Bearer {self.key_admin}"))
            output = io.StringIO()
            with contextlib.redirect_stdout(output):
                exec(code, {})  # noqa: S102 - our own README; each snippet on its own, as a reader copies it
            self.assertEqual(shown, output.getvalue())
