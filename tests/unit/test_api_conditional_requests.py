"""ETags, If-None-Match, If-Match and Idempotency-Key through the HTTP edge (spec §16, §17)."""

from api_client import ApiClient
from rest_api.controllers.host import Host
from rest_api.controllers.standalone import MemoryHost, StandaloneApp
from rest_api.domain.settings import ApiSettings

PARTNER = "/api/v1/res.partner"


def etag(api, record_id):
    return api.get(f"{PARTNER}/{record_id}").headers["etag"]


def new_partner(api, name="Conditional"):
    return api.post(PARTNER, json={"data": {"name": name}}).data["id"]


def test_single_record_answers_carry_the_same_etag_for_the_same_version(api):
    created = api.post(PARTNER, json={"data": {"name": "Tagged"}})
    record_id = created.data["id"]
    assert created.headers["etag"] == etag(api, record_id)
    assert api.get(f"{PARTNER}/{record_id}", params={"query": "{id}"}).headers["etag"] == created.headers["etag"]
    updated = api.put(f"{PARTNER}/{record_id}", json={"data": {"name": "Retagged"}})
    assert updated.headers["etag"] != created.headers["etag"]
    assert updated.headers["etag"] == etag(api, record_id)


def test_lists_carry_no_etag(api):
    assert "etag" not in api.get(PARTNER).headers


def test_if_none_match_on_the_current_version_is_a_304_without_a_body(api):
    record_id = new_partner(api)
    tag = etag(api, record_id)
    reply = api.get(f"{PARTNER}/{record_id}", headers={"If-None-Match": f'"other", W/{tag}'})
    assert (reply.status, reply.body, reply.headers["etag"]) == (304, b"", tag)
    assert "content-type" not in reply.headers and reply.headers["x-request-id"]
    assert api.get(f"{PARTNER}/{record_id}", headers={"If-None-Match": '"other"'}).status == 200


def test_a_stale_if_match_is_a_412_and_nothing_is_written(api):
    record_id = new_partner(api, "Before")
    stale = etag(api, record_id)
    api.put(f"{PARTNER}/{record_id}", json={"data": {"name": "Someone else"}})
    reply = api.put(f"{PARTNER}/{record_id}", json={"data": {"name": "Lost"}}, headers={"If-Match": stale})
    assert reply.status == 412
    assert reply.error["type"] == "PreconditionFailed"
    assert reply.error["details"] == {"header": "If-Match", "current_etag": etag(api, record_id)}
    assert api.get(f"{PARTNER}/{record_id}").data["name"] == "Someone else"


def test_the_current_if_match_writes_and_answers_the_new_etag(api):
    record_id = new_partner(api)
    reply = api.put(f"{PARTNER}/{record_id}", json={"data": {"name": "Mine"}},
                    headers={"If-Match": etag(api, record_id)})
    assert reply.status == 200 and reply.data["name"] == "Mine"
    assert reply.headers["etag"] == etag(api, record_id)


def test_delete_checks_if_match_too(api):
    record_id = new_partner(api)
    stale = etag(api, record_id)
    api.put(f"{PARTNER}/{record_id}", json={"data": {"name": "Changed"}})
    assert api.delete(f"{PARTNER}/{record_id}", headers={"If-Match": stale}).status == 412
    assert api.get(f"{PARTNER}/{record_id}").status == 200
    assert api.delete(f"{PARTNER}/{record_id}", headers={"If-Match": etag(api, record_id)}).status == 200
    assert api.get(f"{PARTNER}/{record_id}").status == 404


def test_if_match_on_a_missing_record_is_a_404(api):
    assert api.put(f"{PARTNER}/999999", json={"data": {"name": "x"}}, headers={"If-Match": "*"}).status == 404


def test_a_malformed_if_match_is_a_400(api):
    record_id = new_partner(api)
    reply = api.put(f"{PARTNER}/{record_id}", json={"data": {"name": "x"}}, headers={"If-Match": "abc"})
    assert (reply.status, reply.error["details"]) == (400, {"header": "If-Match"})


def test_required_if_match_makes_single_record_writes_without_it_a_428():
    api = ApiClient(ApiSettings(require_if_match=True))
    record_id = new_partner(api)
    for reply in (api.put(f"{PARTNER}/{record_id}", json={"data": {"name": "x"}}),
                  api.delete(f"{PARTNER}/{record_id}")):
        assert (reply.status, reply.error["type"]) == (428, "PreconditionRequired")
    assert api.get(f"{PARTNER}/{record_id}").data["name"] == "Conditional"
    assert api.put(f"{PARTNER}/{record_id}", json={"data": {"name": "x"}},
                   headers={"If-Match": etag(api, record_id)}).status == 200
    assert api.put(PARTNER, params={"id": f"[{record_id}]"}, json={"data": {"name": "y"}}).status == 200


def test_an_idempotent_create_is_replayed_and_runs_once(api):
    headers = {"Idempotency-Key": "create-1"}
    first = api.post(PARTNER, json={"data": {"name": "Once"}}, headers=headers)
    again = api.post(PARTNER, json={"data": {"name": "Once"}}, headers=headers)
    assert (first.status, again.status) == (201, 201)
    assert again.body == first.body and again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert {h: again.headers[h] for h in ("location", "etag", "content-type")} == \
        {h: first.headers[h] for h in ("location", "etag", "content-type")}
    assert api.get(PARTNER, params={"filter": '[["name", "=", "Once"]]'}).data["pagination"]["total_count"] == 1


def test_the_same_key_for_another_request_is_a_422(api):
    api.post(PARTNER, json={"data": {"name": "First"}}, headers={"Idempotency-Key": "k"})
    reply = api.post(PARTNER, json={"data": {"name": "Second"}}, headers={"Idempotency-Key": "k"})
    assert (reply.status, reply.error["type"]) == (422, "IdempotencyKeyReused")


def test_keys_are_per_user(api):
    api.post(PARTNER, json={"data": {"name": "Shared"}}, headers={"Idempotency-Key": "k"})
    other = api.post(PARTNER, json={"data": {"name": "Shared"}}, headers={"Idempotency-Key": "k"}, key="demo-user")
    assert other.status == 201 and "idempotent-replayed" not in other.headers


def test_an_error_keeps_nothing_so_the_retry_runs(api):
    record_id = new_partner(api)
    headers = {"Idempotency-Key": "retry", "If-Match": '"stale"'}
    assert api.delete(f"{PARTNER}/{record_id}", headers=headers).status == 412
    headers["If-Match"] = etag(api, record_id)  # headers are not part of the fingerprint
    retried = api.delete(f"{PARTNER}/{record_id}", headers=headers)
    assert retried.status == 200 and "idempotent-replayed" not in retried.headers
    assert api.delete(f"{PARTNER}/{record_id}", headers=headers).headers["idempotent-replayed"] == "true"


def test_a_key_on_a_read_is_ignored_and_a_bad_key_is_a_400(api):
    assert "idempotent-replayed" not in api.get(PARTNER, headers={"Idempotency-Key": "r"}).headers
    reply = api.post(PARTNER, json={"data": {"name": "Bad"}}, headers={"Idempotency-Key": "x" * 256})
    assert (reply.status, reply.error["details"]) == (400, {"header": "Idempotency-Key"})


class StorelessHost(MemoryHost):
    idempotency_store = Host.idempotency_store


def test_a_host_that_cannot_keep_answers_refuses_keys_with_a_503():
    api = ApiClient()
    api.app = StandaloneApp(StorelessHost(api.database), api.app.api)
    reply = api.post(PARTNER, json={"data": {"name": "x"}}, headers={"Idempotency-Key": "k"})
    assert (reply.status, reply.error["type"]) == (503, "ServiceUnavailable")
    assert api.post(PARTNER, json={"data": {"name": "x"}}).status == 201
