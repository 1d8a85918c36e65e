"""``GET /openapi/models``: what the docs page offers to pick, one model's document at a time."""
from api_client import ApiClient
from rest_api.application.model_index import model_index
from rest_api.domain.settings import ApiSettings
from test_openapi import read_only_session


def test_the_index_lists_the_readable_exposed_models_with_their_description():
    reply = ApiClient().get("/api/v1/openapi/models")
    assert (200, "Models retrieved successfully") == (reply.status, reply.json["message"])
    document = ApiClient().get("/api/v1/openapi.json").json
    assert [tag["name"] for tag in document["tags"][1:]] == [m["model"] for m in reply.data["models"]]
    assert {"model": "res.partner", "description": "Contact"} in reply.data["models"]
    assert len(reply.data["models"]) == reply.data["count"]


def test_hidden_and_unreadable_models_are_left_out():
    hidden = ApiClient(ApiSettings(hidden_models={"res.company"})).get("/api/v1/openapi/models")
    assert "res.company" not in [m["model"] for m in hidden.data["models"]]
    assert {"models": [{"model": "x.report", "description": "Report"}], "count": 1} == \
        model_index(read_only_session()).data


def test_the_index_needs_a_key():
    reply = ApiClient().get("/api/v1/openapi/models", key=None)
    assert (401, "AuthenticationError") == (reply.status, reply.error["type"])


def test_one_models_document_is_a_small_fraction_of_the_whole():
    api = ApiClient()
    whole = api.get("/api/v1/openapi.json").body
    one = api.get("/api/v1/openapi.json", params={"models": "res.partner"}).body
    assert len(one) < len(whole) / 2
