"""The pure rules of webhooks (issue 25): targets, signatures, the retry schedule, the payload."""
import random
import time
from datetime import datetime, timedelta, timezone

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from rest_api.domain.errors import ValidationError
from rest_api.domain.webhook_events import Event, ping
from rest_api.domain.webhook_retries import (DEAD, DELIVERED, DISABLE, RETRY, decide, parse_retry_after,
                                             retry_wait)
from rest_api.domain.webhook_signing import new_secret, signed_headers
from rest_api.domain.webhooks import Target, address_refusal, check_target, parse_events

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "a loopback address"), ("::1", "a loopback address"), ("10.1.2.3", "a private address"),
    ("192.168.0.10", "a private address"), ("172.16.5.5", "a private address"),
    ("169.254.169.254", "a cloud metadata address"), ("fd00:ec2::254", "a cloud metadata address"),
    ("169.254.10.1", "a link-local address"), ("fe80::1", "a link-local address"),
    ("224.0.0.1", "a multicast address"), ("ff02::1", "a multicast address"), ("0.0.0.0", "an unspecified address"),
    ("240.0.0.1", "a private address"), ("100.64.0.1", "not a public address"),
    ("::ffff:127.0.0.1", "a loopback address"),
    ("fc00::5", "a private address"), ("93.184.215.14", None), ("2606:4700::1111", None),
])
def test_addresses_a_webhook_may_not_reach(address, reason):
    assert address_refusal(address, allow_private=False) == reason


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", None), ("10.1.2.3", None), ("169.254.169.254", "a cloud metadata address"),
    ("224.0.0.1", "a multicast address")])
def test_allowing_private_targets_never_allows_metadata_or_multicast(address, reason):
    assert address_refusal(address, allow_private=True) == reason


def resolver(table):
    return lambda host, port: table.get(host, [])


@pytest.mark.parametrize("url, table, problem", [
    ("ftp://example.com/x", {}, "http"), ("example.com/x", {}, "http"), ("http:///x", {}, "http"),
    ("https://user:pw@example.com/", {"example.com": ["93.184.215.14"]}, "credentials"),
    ("https://nowhere.example/", {}, "does not resolve"),
    ("https://rebind.example/", {"rebind.example": ["93.184.215.14", "127.0.0.1"]}, "loopback"),
    ("http://[::1]:8080/", {"::1": ["::1"]}, "loopback"), (42, {}, "http"), ("http://x:99999/", {}, "valid"),
])
def test_bad_targets_are_refused_with_the_reason(url, table, problem):
    with pytest.raises(ValidationError) as refused:
        check_target(url, resolver(table), allow_private=False)
    assert problem in refused.value.message
    assert refused.value.details["field"] == "url"


def test_a_good_target_is_split():
    target = check_target("https://hooks.example.com/odoo?x=1", resolver({"hooks.example.com": ["93.184.215.14"]}),
                          allow_private=False)
    assert target == Target("https://hooks.example.com/odoo?x=1", "https", "hooks.example.com", 443)


@pytest.mark.parametrize("raw, expected", [(["updated", "created"], ("created", "updated")),
                                           (["deleted", "deleted"], ("deleted",))])
def test_events_are_known_names_in_order(raw, expected):
    assert parse_events(raw) == expected


@pytest.mark.parametrize("raw", [[], None, "created", ["created", "exploded"], [1]])
def test_unknown_or_missing_events_are_refused(raw):
    with pytest.raises(ValidationError):
        parse_events(raw)


def _signed(secrets, body, event_id="msg_1"):
    """Headers signed now: the package refuses timestamps more than 5 minutes away."""
    return signed_headers(secrets, event_id, int(time.time()), body)


def test_signatures_verify_with_the_standardwebhooks_package():
    secret, body = new_secret(), b'{"type":"res.partner.updated"}'
    headers = _signed([secret], body)
    assert secret.startswith("whsec_")
    assert Webhook(secret).verify(body, headers) == {"type": "res.partner.updated"}
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body + b" ", headers)


def test_during_a_rotation_both_secrets_verify():
    old, new, body = new_secret(), new_secret(), b"{}"
    headers = _signed([new, old], body, "msg_2")
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert Webhook(old).verify(body, headers) == {} == Webhook(new).verify(body, headers)


def test_the_first_retry_comes_within_10_s_the_second_within_a_minute_then_longer():
    rand = random.Random(7)
    for _ in range(200):
        assert 5 <= retry_wait(1, rand) <= 10
        assert 30 <= retry_wait(2, rand) <= 60
        assert retry_wait(3, rand) <= 360
        assert retry_wait(12, rand) <= 6 * 3600


def test_retries_spread_over_three_days_then_the_event_is_dead():
    rand, first, now, attempts = random.Random(1), NOW, NOW, 0
    while True:
        attempts += 1
        decision = decide(500, None, attempts, first, now, rand)
        if decision.outcome == DEAD:
            break
        assert decision.outcome == RETRY
        now = decision.next_at
    assert timedelta(days=2) < now - first <= timedelta(days=3)
    assert 10 < attempts < 30


@pytest.mark.parametrize("status, retry_after, outcome, wait", [
    (200, None, DELIVERED, None), (204, None, DELIVERED, None), (410, None, DISABLE, None),
    (429, "120", RETRY, 120), (503, "30", RETRY, 30), (429, "Thu, 01 Jan 2026 12:05:00 GMT", RETRY, 300),
    (500, "120", RETRY, None), (None, None, RETRY, None), (301, None, RETRY, None), (429, "soon", RETRY, None),
])
def test_the_decision_for_each_answer(status, retry_after, outcome, wait):
    decision = decide(status, retry_after, 1, NOW, NOW, random.Random(3))
    assert decision.outcome == outcome
    if wait is not None:
        assert decision.next_at == NOW + timedelta(seconds=wait)
    elif outcome == RETRY:
        assert NOW + timedelta(seconds=5) <= decision.next_at <= NOW + timedelta(seconds=10)


def test_retry_after_is_bounded_and_read_as_seconds_or_a_date():
    assert parse_retry_after("999999999", NOW) == 24 * 3600
    assert parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", NOW) == 0
    assert parse_retry_after("", NOW) is None


def test_the_payload_shape():
    created = Event.of("res.partner", "created", 42, NOW, "base.partner_demo", {"id": 42, "name": "A"})
    assert created.payload == {"type": "res.partner.created", "timestamp": "2026-01-01T12:00:00.000Z",
                               "data": {"id": 42, "external_id": "base.partner_demo",
                                        "record": {"id": 42, "name": "A"}}}
    updated = Event.of("res.partner", "updated", 42, NOW, None, {"id": 42}, ["name", "email"])
    assert updated.payload["data"]["changed"] == ["email", "name"]
    deleted = Event.of("res.partner", "deleted", 42, NOW, None)
    assert deleted.payload["data"] == {"id": 42, "external_id": None}
    assert ping(3, "res.partner", NOW).payload["type"] == "webhook.ping"
