"""Webhook subscriptions (issue 25): the events a subscription may ask for, and the targets it may name.

A target is refused when it is not ``http(s)``, or when its host resolves to an address a server
must not be made to call on someone's behalf (loopback, private, link-local, multicast, reserved,
cloud metadata) — unless the administrator allows private targets (intranets, tests).
"""
from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

from attrs import field, frozen

from .errors import ValidationError

EVENTS = ("created", "updated", "deleted")
PING = "ping"
MAX_URL_LENGTH = 2048
MAX_DESCRIPTION_LENGTH = 1024
SCHEMES = frozenset({"http", "https"})
# Cloud metadata services, refused even when private targets are allowed: they hand out credentials.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(text) for text in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"))

Resolver = Callable[[str, int], Sequence[str]]  # (host, port) -> IP addresses as text


def parse_events(raw: object) -> tuple[str, ...]:
    """``events`` of a subscription: a non-empty list of known names, each once, in the known order."""
    if not isinstance(raw, list) or not raw or not all(isinstance(item, str) for item in raw):
        raise ValidationError("events must be a non-empty list of: " + ", ".join(EVENTS),
                              {"field": "events", "allowed": list(EVENTS)})
    unknown = sorted(set(raw) - set(EVENTS))
    if unknown:
        raise ValidationError(f"Unknown event(s): {', '.join(unknown)}; known: {', '.join(EVENTS)}",
                              {"field": "events", "unknown": unknown, "allowed": list(EVENTS)})
    return tuple(event for event in EVENTS if event in raw)


@frozen
class Target:
    """A subscription's URL, split: scheme, host and port (the URL itself is kept as given)."""

    url: str
    scheme: str
    host: str
    port: int = field()

    @classmethod
    def parse(cls, url: object) -> Target:
        """``url`` if it is an absolute ``http(s)`` URL with a host, else ``ValidationError``."""
        if not isinstance(url, str) or not url or len(url) > MAX_URL_LENGTH:
            raise ValidationError(f"url must be an http(s) URL of at most {MAX_URL_LENGTH} characters",
                                  {"field": "url"})
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise ValidationError(f"url is not a valid URL: {exc}", {"field": "url"}) from exc
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise ValidationError("url must be an absolute http:// or https:// URL", {"field": "url"})
        if parts.username or parts.password:
            raise ValidationError("url must not carry credentials", {"field": "url"})
        return cls(url, parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80))


def address_refusal(address: str, allow_private: bool) -> str | None:
    """Why a server must not connect to ``address`` (an IP as text), or None when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "an unspecified address"
    if allow_private:
        return None
    for refused, reason in ((ip.is_loopback, "a loopback address"), (ip.is_link_local, "a link-local address"),
                            (ip.is_private, "a private address"), (ip.is_reserved, "a reserved address"),
                            (not ip.is_global, "not a public address")):
        if refused:
            return reason
    return None


def check_addresses(host: str, addresses: Iterable[str], allow_private: bool) -> None:
    """Refuse a host one of whose addresses is refused (all are checked: a client may use any)."""
    found = list(addresses)
    if not found:
        raise ValidationError(f"The host {host} of url does not resolve", {"field": "url", "host": host})
    for address in found:
        reason = address_refusal(address, allow_private)
        if reason:
            raise ValidationError(
                f"The host {host} of url resolves to {address}, {reason}: webhooks are not sent there",
                {"field": "url", "host": host, "address": address})


def check_target(url: object, resolve: Resolver, allow_private: bool) -> Target:
    """The parsed target of ``url`` once every address its host resolves to is allowed."""
    target = Target.parse(url)
    check_addresses(target.host, resolve(target.host, target.port), allow_private)
    return target
