"""Choosing the database from ``X-Odoo-Database`` (spec §13)."""
import pytest

from api_client import ApiClient

from rest_api.domain.databases import choose_database
from rest_api.domain.errors import NotFound

SERVED = {"alpha", "beta.prod"}


def choose(requested, only=None):
    return choose_database(requested, SERVED.__contains__, lambda: only)


def test_the_header_picks_a_served_database():
    assert ("alpha", "beta.prod") == (choose("alpha", only="beta.prod"), choose("beta.prod"))


def test_without_the_header_the_only_database_is_used():
    assert "alpha" == choose(None, only="alpha")


def test_without_the_header_and_several_databases_the_header_is_named():
    with pytest.raises(NotFound) as caught:
        choose(None)
    assert {"header": "X-Odoo-Database"} == caught.value.details
    assert "X-Odoo-Database" in caught.value.message


@pytest.mark.parametrize("requested", ["gamma", "", "-alpha", "alpha;drop", "a" * 64, "ALPHA"])
def test_unknown_filtered_or_malformed_names_get_the_same_404(requested):
    with pytest.raises(NotFound) as caught:
        choose(requested, only="alpha")
    assert "Database not found" == caught.value.message


def test_the_demo_server_answers_the_database_header_like_odoo():
    api = ApiClient()
    assert 200 == api.get("/api/v1/health", headers={"X-Odoo-Database": "demo"}).status
    reply = api.get("/api/v1/health", headers={"X-Odoo-Database": "production"})
    assert (404, "Database not found") == (reply.status, reply.error["message"])
