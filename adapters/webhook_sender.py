"""The ``WebhookSender`` on ``requests``: keep-alive, a small bounded pool, no redirects, and the
address checked again at connection time (issue 25).

A hostname is resolved again by every connection, so an address checked when the subscription was
made proves nothing later (DNS rebinding). Here the check is made on the socket itself: once
connected, the peer's address must still be allowed, or the connection is closed before a byte
of the request is sent. Whatever the resolver answers, nothing reaches a refused address.
"""
from __future__ import annotations

import time
from collections.abc import Mapping

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ..application.webhook_ports import SendResult, WebhookSender
from ..domain.webhooks import address_refusal

CONNECT_TIMEOUT_S = 5
TOTAL_TIMEOUT_S = 15
POOL_HOSTS = 10
POOL_CONNECTIONS_PER_HOST = 4
MAX_ERROR_LENGTH = 300


class RefusedAddress(Exception):  # noqa: N818 - not an OSError, so that urllib3 does not retry or wrap it
    """The connection reached an address webhooks are not sent to."""


def _checked(connection_class, allow_private: bool):
    class Checked(connection_class):
        def _new_conn(self):
            sock = super()._new_conn()
            address = sock.getpeername()[0]
            reason = address_refusal(address, allow_private)
            if reason:
                sock.close()
                raise RefusedAddress(f"{self.host} resolved to {address}, {reason}: not sent")
            return sock
    return Checked


class CheckedAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose connections check the address they reached."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private
        super().__init__(pool_connections=POOL_HOSTS, pool_maxsize=POOL_CONNECTIONS_PER_HOST, max_retries=0)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        http = type("CheckedHTTPPool", (HTTPConnectionPool,),
                    {"ConnectionCls": _checked(HTTPConnection, self.allow_private)})
        https = type("CheckedHTTPSPool", (HTTPSConnectionPool,),
                     {"ConnectionCls": _checked(HTTPSConnection, self.allow_private)})
        self.poolmanager.pool_classes_by_scheme = {"http": http, "https": https}


class RequestsSender(WebhookSender):
    """POSTs events over one keep-alive session (thread-safe enough for one runner thread)."""

    def __init__(self, allow_private: bool = False):
        self.allow_private = allow_private
        self.session = requests.Session()
        self.session.trust_env = False  # no proxy from the environment: the address check is ours
        self.adapter = CheckedAdapter(allow_private)
        self.session.mount("http://", self.adapter)
        self.session.mount("https://", self.adapter)

    def send(self, url: str, headers: Mapping[str, str], body: bytes) -> SendResult:
        started = time.monotonic()
        deadline = started + TOTAL_TIMEOUT_S
        try:
            prepared = self.session.prepare_request(requests.Request("POST", url, data=body, headers=dict(headers)))
            # The adapter itself: one request, no redirect followed (the session would follow them).
            with self.adapter.send(prepared, stream=True, timeout=(CONNECT_TIMEOUT_S, TOTAL_TIMEOUT_S)) as response:
                for _chunk in response.iter_content(8192):  # read (and drop) the body within the deadline
                    if time.monotonic() > deadline:
                        raise requests.Timeout(f"no complete answer within {TOTAL_TIMEOUT_S} s")
                return SendResult(response.status_code, _ms(started), response.headers.get("Retry-After"),
                                  None if response.ok else f"HTTP {response.status_code}")
        except (requests.RequestException, RefusedAddress) as exc:
            return SendResult(None, _ms(started), None, _error_text(exc))

    def close(self) -> None:
        self.session.close()


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _error_text(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH]
