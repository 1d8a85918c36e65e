"""The gateway host and its RPC adapter against a scripted stand-in for a remote Odoo."""
import base64
import json

import pytest
from fake_odoo_rpc import Fault, FakeOdoo, fake_odoo

from rest_api.adapters.rpc.transport import RpcFault, Upstream, UpstreamBadAnswer
from rest_api.controllers.gateway import GatewayApp, GatewayConfig, GatewayHost
from rest_api.controllers.messages import HttpRequest

KEY = "k" * 40
PARTNER_FIELDS = {"id": {"type": "integer", "string": "ID", "store": True, "sortable": True},
                  "name": {"type": "char", "string": "Name", "store": True, "sortable": True},
                  "date": {"type": "date", "string": "Date", "store": True, "sortable": True}}


def partner_methods(records):
    """Just enough of ``res.partner`` for lists and reads."""
    return {
        ("res.partner", "fields_get"): lambda ids, args, kw: PARTNER_FIELDS,
        ("res.partner", "has_access"): lambda ids, args, kw: True,
        ("ir.model", "search_read"): lambda ids, args, kw: [{"model": "res.partner", "name": "Contact"}],
        ("res.partner", "web_search_read"): lambda ids, args, kw: {
            "length": len(records), "records": [{k: r[k] for k in kw["specification"]} for r in records]},
        ("res.partner", "search_count"): lambda ids, args, kw: len(records),
        ("res.users", "read"): lambda ids, args, kw: [{"id": 2, "name": "Admin", "company_ids": [1]}],
    }


def app_for(url: str, **config) -> GatewayApp:
    return GatewayApp(GatewayHost(GatewayConfig(Upstream(url, "db", timeout=5), **config)))


def send(app, method, path, headers=None, body=None, params=None):
    response = app.handle(HttpRequest(method, "/api/v1" + path, params or {}, headers or {},
                                      json.dumps(body).encode() if body is not None else b""))
    return response.status, json.loads(response.body), response


def bearer(login="admin", key=KEY):
    return {"Authorization": f"Bearer {key}", "X-Odoo-Login": login, "Content-Type": "application/json"}


def test_a_list_is_read_upstream_as_the_key_s_user_with_dates_typed_again():
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=partner_methods(
        [{"id": 7, "name": "Azure", "date": "2024-02-29"}]))
    with fake_odoo(odoo) as url:
        status, body, _ = send(app_for(url), "GET", "/res.partner", bearer(), params={"query": "{id,name,date}"})
    assert (status, body["data"]["records"]) == (200, [{"id": 7, "name": "Azure", "date": "2024-02-29"}])
    executed = [c for c in odoo.calls if c.get("method") == "execute_kw"]
    assert {tuple(c["args"][1:3]) for c in executed} == {(2, KEY)}  # uid and key on every call
    assert ("res.partner", "web_search_read") in {tuple(c["args"][3:5]) for c in executed}


def test_basic_credentials_name_the_login_too():
    odoo = FakeOdoo(users={"marc": (KEY, 6)}, methods=partner_methods([]))
    basic = base64.b64encode(f"marc:{KEY}".encode()).decode()
    with fake_odoo(odoo) as url:
        status, body, _ = send(app_for(url), "GET", "/res.partner", {"Authorization": f"Basic {basic}"})
    assert (status, body["data"]["records"]) == (200, [])
    assert odoo.calls[-1]["args"][1] == 6


@pytest.mark.parametrize("headers, message", [
    ({"Authorization": f"Bearer {KEY}"}, "X-Odoo-Login"),
    (bearer(key="wrong"), "Invalid login or API key"),
    (bearer(login="nobody"), "Invalid login or API key"),
    ({}, "Missing API key"),
])
def test_bad_or_incomplete_credentials_are_401(headers, message):
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=partner_methods([]))
    with fake_odoo(odoo) as url:
        status, body, response = send(app_for(url), "GET", "/res.partner", headers)
    assert status == 401 and message in body["error"]["message"]
    assert response.header("WWW-Authenticate")


def test_odoo_19_is_served_over_json2_with_the_key_alone():
    methods = {**partner_methods([]), ("res.users", "context_get"): lambda ids, args, kw: {"uid": 2}}
    odoo = FakeOdoo(major=19, users={"admin": (KEY, 2)}, methods=methods)
    with fake_odoo(odoo) as url:
        status, _, _ = send(app_for(url), "GET", "/res.partner", {"Authorization": f"Bearer {KEY}"})
    assert status == 200
    json2 = [c for c in odoo.calls if "path" in c]
    assert {c["authorization"] for c in json2} == {f"Bearer {KEY}"}
    assert "/json/2/res.partner/web_search_read" in {c["path"] for c in json2}


@pytest.mark.parametrize("fault, status, error_type", [
    (Fault("odoo.exceptions.AccessError", "no"), 403, "AccessError"),
    (Fault("odoo.exceptions.MissingError", "gone"), 404, "NotFound"),
    (Fault("odoo.exceptions.UserError", "bad"), 400, "ValidationError"),
    (Fault("odoo.exceptions.ValidationError", "dup", "psycopg2.errors.UniqueViolation: ..."), 409, "Conflict"),
    (Fault("builtins.ZeroDivisionError", "division by zero /srv/odoo/x.py"), 500, "InternalError"),
])
def test_odoo_faults_become_the_api_s_errors(fault, status, error_type):
    def refuse(ids, args, kw):
        raise fault
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods={**partner_methods([]), ("res.partner", "search_count"): refuse})
    with fake_odoo(odoo) as url:
        got, body, _ = send(app_for(url), "POST", "/object/res.partner/search_count", bearer(), body={"args": [[]]})
    assert (got, body["error"]["type"]) == (status, error_type)
    assert "/srv/odoo" not in json.dumps(body)


def test_an_unknown_model_is_404_and_a_private_method_is_never_sent():
    def unknown(ids, args, kw):
        raise Fault("odoo.exceptions.UserError", "Object x.nope doesn't exist")
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods={**partner_methods([]), ("x.nope", "fields_get"): unknown})
    with fake_odoo(odoo) as url:
        app = app_for(url)
        assert send(app, "GET", "/x.nope", bearer())[0] == 404
        status, _, _ = send(app, "POST", "/object/res.partner/_compute_name", bearer(), body={})
    assert status == 403
    assert "_compute_name" not in json.dumps(odoo.calls)


def test_health_checks_the_upstream():
    with fake_odoo(FakeOdoo()) as url:
        assert send(app_for(url), "GET", "/health")[:2][0] == 200
    status, body, _ = send(app_for("http://127.0.0.1:9"), "GET", "/health")
    assert (status, body["error"]["type"]) == (503, "ServiceUnavailable")


def test_an_unreachable_upstream_is_503_not_500():
    status, body, _ = send(app_for("http://127.0.0.1:9", protocol="jsonrpc"), "GET", "/res.partner", bearer())
    assert (status, body["error"]["type"]) == (503, "ServiceUnavailable")


def test_an_unreachable_upstream_says_when_to_retry():
    status, body, response = send(app_for("http://127.0.0.1:9", protocol="jsonrpc"), "GET", "/res.partner",
                                  bearer())
    assert (status, body["error"]["type"]) == (503, "ServiceUnavailable")
    assert dict(response.headers)["Retry-After"] == "5"


def _html_upstream(environ, start_response):
    start_response("502 Bad Gateway", [("Content-Type", "text/html")])
    return [b"<html>proxy error</html>"]


def test_an_upstream_answering_html_is_a_bad_answer():
    from live_server import quiet_wsgi_server, serving
    with serving(quiet_wsgi_server(_html_upstream)) as url:
        with pytest.raises(UpstreamBadAnswer):
            Upstream(url, "db").jsonrpc("common", "version")


@pytest.mark.parametrize("protocol", ["jsonrpc", "json2"])
def test_an_upstream_answering_html_is_a_json_502(protocol):
    from live_server import quiet_wsgi_server, serving
    with serving(quiet_wsgi_server(_html_upstream)) as url:
        status, body, response = send(app_for(url, protocol=protocol), "GET", "/res.partner", bearer())
    assert (status, body["error"]["type"]) == (502, "BadGateway")
    assert dict(response.headers)["Content-Type"].startswith("application/json")
    assert "Traceback" not in response.body.decode()


def test_an_upstream_that_does_not_answer_in_time_is_a_json_504():
    import socket
    import threading
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections, never answers
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        url = "http://127.0.0.1:%d" % listener.getsockname()[1]
        app = GatewayApp(GatewayHost(GatewayConfig(Upstream(url, "db", timeout=0.5), protocol="jsonrpc")))
        status, body, _ = send(app, "GET", "/res.partner", bearer())
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()
    assert (status, body["error"]["type"]) == (504, "GatewayTimeout")


def test_an_upstream_whose_database_is_down_is_503():
    def down(ids, args, kw):
        raise Fault("psycopg2.OperationalError", "connection to server failed")
    methods = {**partner_methods([]), ("res.partner", "web_search_read"): down}
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=methods)
    with fake_odoo(odoo) as url:
        status, body, response = send(app_for(url, protocol="jsonrpc"), "GET", "/res.partner", bearer())
    assert (status, body["error"]["type"]) == (503, "ServiceUnavailable")
    assert dict(response.headers)["Retry-After"] == "5"


def test_json_rpc_errors_carry_odoo_s_exception_name():
    def refuse(ids, args, kw):
        raise Fault("odoo.exceptions.AccessError", "You are not allowed")
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods={("res.partner", "unlink"): refuse})
    with fake_odoo(odoo) as url:
        with pytest.raises(RpcFault) as raised:
            Upstream(url, "db").jsonrpc("object", "execute_kw", "db", 2, KEY, "res.partner", "unlink", [[1]], {})
    assert (raised.value.name, raised.value.message) == ("odoo.exceptions.AccessError", "You are not allowed")


def test_create_values_go_positionally_over_json_rpc():
    seen = {}
    def create(ids, args, kw):
        seen.update(args=args, kwargs=kw)
        return [41]
    methods = {**partner_methods([]), ("res.partner", "create"): create,
               ("res.partner", "web_read"): lambda ids, args, kw: [{"id": 41, "name": "N"}]}
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=methods)
    with fake_odoo(odoo) as url:
        status, body, _ = send(app_for(url), "POST", "/res.partner", bearer(), body={"data": {"name": "N"}})
    assert (status, body["data"]) == (201, {"id": 41, "name": "N"})
    assert seen == {"args": [[{"name": "N"}]], "kwargs": {}}


def test_configuration_comes_from_the_environment():
    config = GatewayConfig.from_environment({"ODOO_URL": "http://odoo:8069", "ODOO_DB": "prod",
                                             "REST_API_MAX_PAGE_SIZE": "50", "GATEWAY_TIMEOUT": "5",
                                             "REST_API_CORS_ORIGINS": "https://shop.example",
                                             "GATEWAY_MODELS": "res.partner, product.product"})
    assert (config.upstream.url, config.upstream.database, config.upstream.timeout) == ("http://odoo:8069", "prod", 5.0)
    assert config.settings.max_limit == 50
    assert config.settings.cors_origins == frozenset({"https://shop.example"})
    assert config.known_models == ("res.partner", "product.product")


@pytest.mark.parametrize("environ, message", [
    ({"ODOO_URL": "http://x"}, "ODOO_DB"),
    ({"ODOO_URL": "http://x", "ODOO_DB": "d", "GATEWAY_PROTOCOL": "soap"}, "GATEWAY_PROTOCOL"),
])
def test_incomplete_configuration_says_what_is_missing(environ, message):
    with pytest.raises(ValueError, match=message):
        GatewayConfig.from_environment(environ)


def one_partner_methods():
    row = {"id": 7, "name": "Azure", "write_date": "2024-02-29 10:00:00"}
    fields = {**PARTNER_FIELDS, "write_date": {"type": "datetime", "string": "Last Updated", "store": True},
              "image_1920": {"type": "binary", "string": "Image", "store": True}}
    return {**partner_methods([row]), ("res.partner", "fields_get"): lambda ids, args, kw: fields,
            ("res.partner", "search"): lambda ids, args, kw: [7],
            ("res.partner", "web_read"): lambda ids, args, kw: [{k: row[k] for k in kw["specification"]}],
            ("res.partner", "write"): lambda ids, args, kw: True}


def test_the_gateway_offers_no_etags_and_ignores_if_none_match():
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=one_partner_methods())
    with fake_odoo(odoo) as url:
        app = app_for(url)
        status, body, response = send(app, "GET", "/res.partner/7", {**bearer(), "If-None-Match": "*"},
                                      params={"query": "{id,name}"})
    assert (status, body["data"]) == (200, {"id": 7, "name": "Azure"})
    assert response.header("ETag") is None


@pytest.mark.parametrize("header", [{"If-Match": '"abc"'}, {"Idempotency-Key": "order-1"}])
def test_what_needs_the_addon_is_501_and_writes_nothing(header):
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=one_partner_methods())
    with fake_odoo(odoo) as url:
        status, body, _ = send(app_for(url), "PUT", "/res.partner/7", {**bearer(), **header},
                               body={"data": {"name": "B"}})
    assert (status, body["error"]["type"]) == (501, "NotSupported")
    assert next(iter(header)) in body["error"]["message"]
    assert "write" not in {c["args"][4] for c in odoo.calls if c.get("method") == "execute_kw"}


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/transaction",
     {"operations": [{"method": "PUT", "path": "/res.partner/7", "body": {"data": {"name": "B"}}}]}),
    ("GET", "/res.partner/changes", None),
    ("GET", "/webhooks", None),
    ("POST", "/webhooks", {"url": "https://example.com/hook", "model": "res.partner", "events": ["created"]}),
])
def test_transactions_and_the_change_feed_need_the_addon(method, path, body):
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=one_partner_methods())
    with fake_odoo(odoo) as url:
        status, answer, _ = send(app_for(url), method, path, bearer(), body=body)
    assert (status, answer["error"]["type"]) == (501, "NotSupported")
    assert "rest_api addon" in answer["error"]["message"]
    assert "write" not in {c["args"][4] for c in odoo.calls if c.get("method") == "execute_kw"}


def test_an_upload_is_written_base64_in_one_call_as_the_user():
    written = {}
    methods = {**one_partner_methods(),
               ("res.partner", "write"):
                   lambda ids, args, kw: written.update(ids=ids, args=args, vals=kw["vals"]) or True}
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=methods)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 10
    with fake_odoo(odoo) as url:
        response = app_for(url).handle(HttpRequest(
            "PUT", "/api/v1/res.partner/7/image_1920", {},
            {**bearer(), "Content-Type": "application/octet-stream"}, png))
    assert response.status == 200
    assert json.loads(response.body)["data"] == {"id": 7, "field": "image_1920", "size": 18, "mimetype": "image/png"}
    assert written == {"ids": None, "args": [[7]], "vals": {"image_1920": base64.b64encode(png).decode()}}


def test_reports_are_501_through_the_gateway():
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=one_partner_methods())
    with fake_odoo(odoo) as url:
        status, body, _ = send(app_for(url), "GET", "/report/base.report_irmodulereference/1", bearer())
    assert (status, body["error"]["type"]) == (501, "NotSupported")


@pytest.mark.parametrize("database, status", [("db", 200), ("other", 404), ("../x", 404)])
def test_the_database_header_may_only_name_the_served_database(database, status):
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=one_partner_methods())
    with fake_odoo(odoo) as url:
        got, body, _ = send(app_for(url), "GET", "/res.partner", {**bearer(), "X-Odoo-Database": database},
                            params={"query": "{id,name}"})
    assert got == status
    if status == 404:
        assert body["error"]["message"] == "Database not found"


def external_id_methods():
    """One partner, 7, named ``shop.azure`` upstream."""
    names = [{"module": "shop", "name": "azure", "model": "res.partner", "res_id": 7}]
    return {**one_partner_methods(),
            ("ir.model.data", "search_read"): lambda ids, args, kw: names,
            ("res.partner", "get_external_id"): lambda ids, args, kw: {str(i): "shop.azure" if i == 7 else ""
                                                                         for i in (ids or args[0])}}


def test_the_gateway_addresses_and_reads_by_external_id_through_odoo_s_public_methods():
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods=external_id_methods())
    with fake_odoo(odoo) as url:
        status, body, _ = send(app_for(url), "GET", "/res.partner/shop.azure", bearer(),
                               params={"query": "{id,name,external_id}"})
    assert (status, body["data"]) == (200, {"id": 7, "name": "Azure", "external_id": "shop.azure"})
    methods = [c["args"][3:5] for c in odoo.calls if c.get("method") == "execute_kw"]
    assert ["ir.model.data", "search_read"] in methods and ["res.partner", "get_external_id"] in methods


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/res.partner/upsert", {"data": [{"external_id": "shop.new", "name": "N"}]}),
    ("PUT", "/res.partner/shop.new", {"data": {"name": "N"}}),
    ("POST", "/res.partner", {"data": {"name": "N", "external_id": "shop.new"}}),
])
def test_new_external_ids_and_upserts_need_the_addon_and_write_nothing(method, path, body):
    odoo = FakeOdoo(users={"admin": (KEY, 2)}, methods={
        **external_id_methods(), ("ir.model.data", "search_read"): lambda ids, args, kw: []})
    with fake_odoo(odoo) as url:
        status, answer, _ = send(app_for(url), method, path, bearer(), body=body)
    assert (status, answer["error"]["type"]) == (501, "NotSupported")
    assert "external ids" in answer["error"]["message"]
    sent = {c["args"][4] for c in odoo.calls if c.get("method") == "execute_kw"}
    assert not sent & {"create", "write"}
