"""Idempotency keys (spec §17): the key's rules, the fingerprint, and running a write once."""
import pytest
from rest_api.adapters.memory.idempotency import InMemoryIdempotencyStore
from rest_api.application.idempotency import (
    IdempotentRequest,
    KeptAnswer,
    StoredResponse,
    run_once,
)
from rest_api.domain.errors import Conflict, IdempotencyKeyReused, ValidationError
from rest_api.domain.idempotency import (
    applies_to,
    fingerprint,
    parse_key,
    replayed_headers,
)

CREATED = StoredResponse(201, (("Content-Type", "application/json"),), b'{"id": 1}')


@pytest.mark.parametrize("header, key", [
    ("abc", "abc"), ("  abc ", "abc"), ('"abc"', "abc"), ('"a\\"b\\\\c"', 'a"b\\c'),
    ("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324"),
    ("a b", "a b"), ("x" * 255, "x" * 255), ('"', '"'), ('""x', '""x'),
])
def test_keys_bare_or_as_structured_strings(header, key):
    assert parse_key(header) == key


@pytest.mark.parametrize("header", ["", "  ", '""', "x" * 256, '"' + "x" * 256 + '"', "clé", "a\tb", "a\x00b", "\x7f"])
def test_keys_that_are_not_1_to_255_printable_ascii_are_a_400(header):
    with pytest.raises(ValidationError) as raised:
        parse_key(header)
    assert raised.value.details == {"header": "Idempotency-Key"}


@pytest.mark.parametrize("method, applies", [("POST", True), ("put", True), ("PATCH", True),
                                             ("DELETE", True), ("GET", False), ("HEAD", False),
                                             ("OPTIONS", False)])
def test_keys_apply_to_the_non_idempotent_verbs(method, applies):
    assert applies_to(method) is applies


def test_the_fingerprint_ignores_parameter_order_and_a_trailing_slash():
    base = fingerprint("POST", "/api/v1/res.partner", {"a": "1", "b": "2"}, b"{}")
    assert fingerprint("post", "/api/v1/res.partner/", {"b": "2", "a": "1"}, b"{}") == base


@pytest.mark.parametrize("method, path, params, body", [
    ("PUT", "/api/v1/res.partner", {"a": "1", "b": "2"}, b"{}"),
    ("POST", "/api/v1/res.partner/batch", {"a": "1", "b": "2"}, b"{}"),
    ("POST", "/api/v1/res.partner", {"a": "1", "b": "3"}, b"{}"),
    ("POST", "/api/v1/res.partner", {"a": "1"}, b"{}"),
    ("POST", "/api/v1/res.partner", {"a": "1", "b": "2"}, b"{ }"),
    ("POST", "/api/v1/res.partner", {"a": "1", "b": "2"}, b""),
    # Parts are length-prefixed: moving text from one part to the next changes the digest.
    ("POST", "/api/v1/res.partner", {"a": "1", "b": "2{}"}, b""),
])
def test_the_fingerprint_tells_different_requests_apart(method, path, params, body):
    base = fingerprint("POST", "/api/v1/res.partner", {"a": "1", "b": "2"}, b"{}")
    assert fingerprint(method, path, params, body) != base


def test_replays_keep_only_the_headers_of_the_answer_itself():
    headers = (("Content-Type", "application/json"), ("Location", "/api/v1/x/1"), ("ETag", '"e"'),
               ("X-Request-Id", "r1"), ("Content-Length", "9"), ("Access-Control-Allow-Origin", "*"),
               ("X-RateLimit-Remaining", "3"))
    assert replayed_headers(headers) == headers[:3]


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def store():
    return InMemoryIdempotencyStore(clock=Clock())


def runner(response=CREATED):
    calls = []

    def run():
        calls.append(1)
        return response
    return run, calls


def test_the_first_request_runs_and_its_answer_is_replayed_after(store):
    run, calls = runner()
    request = IdempotentRequest(2, "k", "f1")
    assert run_once(store, request, 24, run) == (CREATED, False)
    assert run_once(store, request, 24, run) == (CREATED, True)
    assert len(calls) == 1


def test_the_same_key_with_another_fingerprint_is_refused_and_runs_nothing(store):
    run, calls = runner()
    run_once(store, IdempotentRequest(2, "k", "f1"), 24, run)
    with pytest.raises(IdempotencyKeyReused):
        run_once(store, IdempotentRequest(2, "k", "f2"), 24, run)
    assert len(calls) == 1


def test_keys_are_per_user(store):
    run, calls = runner()
    run_once(store, IdempotentRequest(2, "k", "f1"), 24, run)
    assert run_once(store, IdempotentRequest(6, "k", "f1"), 24, run) == (CREATED, False)
    assert len(calls) == 2


def test_a_failed_run_keeps_nothing_and_frees_the_key(store):
    def fail():
        raise Conflict("duplicate")
    with pytest.raises(Conflict):
        run_once(store, IdempotentRequest(2, "k", "f1"), 24, fail)
    run, calls = runner()
    assert run_once(store, IdempotentRequest(2, "k", "f1"), 24, run) == (CREATED, False)
    assert len(calls) == 1


def test_a_key_in_flight_is_a_409_and_is_free_once_the_first_ends(store):
    seen = []

    def first():
        with pytest.raises(Conflict):
            run_once(store, IdempotentRequest(2, "k", "f1"), 24, lambda: CREATED)
        seen.append("409 while running")
        return CREATED
    run_once(store, IdempotentRequest(2, "k", "f1"), 24, first)
    assert seen == ["409 while running"]
    assert run_once(store, IdempotentRequest(2, "k", "f1"), 24, lambda: CREATED)[1] is True


def test_answers_older_than_the_retention_are_forgotten(store):
    run, calls = runner()
    request = IdempotentRequest(2, "k", "f1")
    run_once(store, request, 1, run)
    store.clock.now += 3599
    assert run_once(store, request, 1, run)[1] is True
    store.clock.now += 2
    assert run_once(store, request, 1, run)[1] is False
    assert len(calls) == 2


def test_the_memory_store_keeps_what_it_is_given(store):
    answer = KeptAnswer("f", CREATED)
    assert store.claim(2, "k", 24) is None
    store.keep(2, "k", answer)
    store.release(2, "k")
    assert store.claim(2, "k", 24) == answer
