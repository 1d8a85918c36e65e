"""Credentials a gateway request carries: Basic login:key, or Bearer key with X-Odoo-Login."""
import base64

import pytest

from rest_api.domain.errors import AuthenticationError
from rest_api.controllers.gateway_credentials import GatewayCredentials, gateway_credentials


def basic(text: str) -> str:
    return "Basic " + base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize("authorization, login_header, expected", [
    (basic("admin:abc"), None, GatewayCredentials("admin", "abc")),
    (basic("a@b.c:k:with:colons"), None, GatewayCredentials("a@b.c", "k:with:colons")),
    ("Bearer abc", "admin", GatewayCredentials("admin", "abc")),
    ("bearer abc", None, GatewayCredentials(None, "abc")),
    (basic("admin:abc"), "ignored", GatewayCredentials("admin", "abc")),
])
def test_credentials(authorization, login_header, expected):
    assert gateway_credentials(authorization, login_header) == expected


@pytest.mark.parametrize("authorization, login_header", [
    (None, None), ("Basic !!!", None), (basic("nocolon"), None), (basic(":key"), None),
    (basic("admin:"), None), ("Bearer abc", "bad\nlogin"), ("Bearer abc", "x" * 300), ("Digest x", None),
])
def test_malformed_credentials_are_authentication_errors(authorization, login_header):
    with pytest.raises(AuthenticationError):
        gateway_credentials(authorization, login_header)


def test_the_key_never_shows_in_a_repr():
    assert "secret" not in repr(gateway_credentials("Bearer secret", "admin"))
