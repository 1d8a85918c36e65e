"""``/webhooks`` on the demo (issue 25): subscriptions of a key, checked like a list request, and the
demo's runner delivering signed events to a local receiver."""
import json
from datetime import datetime, timedelta, timezone

import pytest
from api_client import ApiClient
from webhook_receiver import Receiver
from standardwebhooks.webhooks import Webhook

from rest_api.domain.settings import ApiSettings

HOOK = {"url": "https://hooks.example.com/odoo", "model": "res.partner", "events": ["created", "updated"]}


@pytest.fixture
def api():
    return ApiClient()


def test_a_subscription_is_made_shown_once_and_managed_by_its_key_only(api):
    made = api.post("/api/v1/webhooks", json={**HOOK, "query": "{id, name}", "filter": [["is_company", "=", True]]})
    assert made.status == 201, made.json
    assert made.headers["location"].endswith(f"/api/v1/webhooks/{made.data['id']}")
    assert made.data["secret"].startswith("whsec_")
    assert made.data["filter"] == [["is_company", "=", True]]
    read = api.get(f"/api/v1/webhooks/{made.data['id']}").data
    assert "secret" not in read and read["state"] == "active"
    assert api.get("/api/v1/webhooks").data["count"] == 1
    assert api.get("/api/v1/webhooks", key="demo-user").data["count"] == 0
    for method, path in (("GET", ""), ("PATCH", ""), ("DELETE", ""), ("POST", "/test"), ("POST", "/rotate-secret"),
                         ("GET", "/deliveries"), ("POST", "/deliveries/1/retry")):
        reply = api.request(method, f"/api/v1/webhooks/{made.data['id']}{path}", key="demo-user",
                            json={} if method == "PATCH" else None)
        assert (reply.status, reply.error["type"]) == (404, "NotFound"), (method, path)
    patched = api.request("PATCH", f"/api/v1/webhooks/{made.data['id']}", json={"events": ["deleted"], "active": False})
    assert (patched.data["events"], patched.data["state"], patched.data["active"]) == (["deleted"], "disabled", False)
    assert api.request("PATCH", f"/api/v1/webhooks/{made.data['id']}", json={"model": "res.users"}).status == 400
    rotated = api.post(f"/api/v1/webhooks/{made.data['id']}/rotate-secret").data
    assert rotated["secret"] != made.data["secret"] and rotated["previous_secret_until"]
    assert api.delete(f"/api/v1/webhooks/{made.data['id']}").status == 200
    assert api.get(f"/api/v1/webhooks/{made.data['id']}").status == 404


@pytest.mark.parametrize("change, status, problem", [
    ({"model": "no.such.model"}, 400, "Unknown model"),
    ({"model": None}, 400, "model is required"),
    ({"events": ["exploded"]}, 400, "Unknown event"),
    ({"query": "{id, no_such_field}"}, 400, "no_such_field"),
    ({"query": "{id,"}, 400, ""),
    ({"filter": [["no_such_field", "=", 1]]}, 400, "no_such_field"),
    ({"url": "ftp://example.com/"}, 400, "http"),
    ({"url": "http://localhost:8080/hook"}, 400, "loopback"),
    ({"url": "http://intranet.example/hook"}, 400, "private"),
    ({"url": "http://metadata.example/"}, 400, "metadata"),
    ({"url": "http://mixed.example/"}, 400, "private"),
    ({"url": "http://nowhere.example/"}, 400, "does not resolve"),
    ({"extra": 1}, 400, "extra"),
])
def test_bad_input_is_a_clear_400_and_creates_nothing(api, change, status, problem):
    reply = api.post("/api/v1/webhooks", json={**HOOK, **change})
    assert reply.status == status, reply.json
    assert problem in reply.error["message"] + json.dumps(reply.error["details"])
    assert api.get("/api/v1/webhooks").data["count"] == 0


def test_a_restricted_key_subscribes_only_to_what_it_may_read(api):
    refused = api.post("/api/v1/webhooks", key="demo-shop", json={**HOOK, "query": "{id, name, street}"})
    listed = api.get("/api/v1/res.partner", key="demo-shop", params={"query": "{id, name, street}"})
    assert (refused.status, refused.error) == (listed.status, listed.error) == (400, refused.error)
    assert api.post("/api/v1/webhooks", key="demo-shop", json={**HOOK, "model": "res.users"}).status == 403


def test_private_targets_are_allowed_by_the_setting_but_metadata_never():
    api = ApiClient(ApiSettings(webhook_allow_private=True))
    assert api.post("/api/v1/webhooks", json={**HOOK, "url": "http://intranet.example/hook"}).status == 201
    assert api.post("/api/v1/webhooks", json={**HOOK, "url": "http://metadata.example/"}).status == 400


@pytest.fixture
def receiver():
    found = Receiver()  # the Odoo tests' receiver (tests/webhook_receiver.py: stdlib only)
    yield found
    found.stop()


def demo_with_runner(clock):
    api = ApiClient(ApiSettings(webhook_allow_private=True))
    runner = api.host.webhook_runner()
    runner.clock = clock
    return api, runner


def test_the_demo_delivers_signed_events_in_order_and_retries(receiver):
    now = [datetime.now(timezone.utc)]
    api, runner = demo_with_runner(lambda: now[0])
    made = api.post("/api/v1/webhooks", json={**HOOK, "url": receiver.url, "query": "{id, name}",
                                              "events": ["created", "updated", "deleted"]}).data
    created = api.post("/api/v1/res.partner", json={"data": {"name": "Hooked"}}).data
    assert runner.run_once() == 1
    api.put(f"/api/v1/res.partner/{created['id']}", json={"data": {"name": "Hooked again"}})
    receiver.answers = [(503, {"Retry-After": "30"})]
    assert runner.run_once() == 1
    api.put(f"/api/v1/res.partner/{created['id']}", json={"data": {"name": "Hooked thrice"}})
    assert runner.run_once() == 0  # the retry is not due before Retry-After, and the newer state waits for it
    now[0] += timedelta(seconds=31)
    api.delete(f"/api/v1/res.partner/{created['id']}")
    assert runner.run_once() == 3  # the retry, then the newer state, then the deletion
    events = [Webhook(made["secret"]).verify(body, headers) for headers, body in receiver.received]
    assert [e["type"] for e in events] == ["res.partner.created"] + ["res.partner.updated"] * 3 + [
        "res.partner.deleted"]
    assert [e["data"]["record"]["name"] for e in events[1:4]] == ["Hooked again", "Hooked again", "Hooked thrice"]
    assert events[0]["data"] == {"id": created["id"], "external_id": None,
                                 "record": {"id": created["id"], "name": "Hooked"}}
    assert events[1]["data"]["changed"] == ["name"]
    assert receiver.received[1][0]["webhook-id"] == receiver.received[2][0]["webhook-id"]
    log = api.get(f"/api/v1/webhooks/{made['id']}/deliveries").data["deliveries"]
    assert [d["state"] for d in log] == ["delivered"] * 4
    assert [a["status"] for a in log[2]["attempts"]] == [503, 200]


def test_the_demo_disables_on_410_and_a_ping_is_sent(receiver):
    api, runner = demo_with_runner(lambda: datetime.now(timezone.utc))
    made = api.post("/api/v1/webhooks", json={**HOOK, "url": receiver.url}).data
    assert api.post(f"/api/v1/webhooks/{made['id']}/test").status == 202
    receiver.answers = [(410, {})]
    runner.run_once()
    assert json.loads(receiver.received[0][1])["type"] == "webhook.ping"
    assert api.get(f"/api/v1/webhooks/{made['id']}").data["state"] == "disabled"


def test_the_sender_checks_the_address_it_connects_to(receiver):
    """DNS rebinding: whatever a name resolved to when subscribing, the connected address is checked."""
    from rest_api.adapters.webhook_sender import RequestsSender
    rebound = receiver.url.replace("127.0.0.1", "localhost")
    refused = RequestsSender(allow_private=False).send(rebound, {}, b"{}")
    assert (refused.status, receiver.received) == (None, [])
    assert "loopback" in refused.error
    assert RequestsSender(allow_private=True).send(rebound, {}, b"{}").status == 200


def test_redirects_are_not_followed(receiver):
    from rest_api.adapters.webhook_sender import RequestsSender
    receiver.answers = [(307, {"Location": receiver.url + "/elsewhere"})]
    result = RequestsSender(allow_private=True).send(receiver.url, {}, b"{}")
    assert result.status == 307
    assert len(receiver.received) == 1


def test_events_carry_the_record_s_external_id_even_once_it_is_deleted(receiver):
    api, runner = demo_with_runner(lambda: datetime.now(timezone.utc))
    made = api.post("/api/v1/webhooks", json={**HOOK, "url": receiver.url, "query": "{id, name, external_id}",
                                              "events": ["created", "deleted"]}).data
    created = api.post("/api/v1/res.partner", json={"data": {"name": "Synced", "external_id": "shop.c9"}}).data
    assert runner.run_once() == 1
    assert api.delete("/api/v1/res.partner/shop.c9").status == 200
    assert runner.run_once() == 1
    events = [Webhook(made["secret"]).verify(body, headers) for headers, body in receiver.received]
    assert events[0]["data"] == {"id": created["id"], "external_id": "shop.c9",
                                 "record": {"id": created["id"], "name": "Synced", "external_id": "shop.c9"}}
    assert (events[1]["type"], events[1]["data"]) == ("res.partner.deleted",
                                                      {"id": created["id"], "external_id": "shop.c9"})
