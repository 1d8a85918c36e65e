"""The precondition rules (spec §16, RFC 9110 §13): entity tags, their lists, strong and weak matching."""
import datetime as dt

import pytest
from rest_api.domain.errors import (
    PreconditionFailed,
    PreconditionRequired,
    ValidationError,
)
from rest_api.domain.preconditions import EntityTag, Preconditions, TagList, record_etag

MOMENT = dt.datetime(2024, 5, 1, 10, 0, 0, 123456)
A, B = EntityTag("a"), EntityTag("b")


def test_a_record_etag_is_strong_opaque_and_changes_with_each_field_of_the_version():
    tag = record_etag("res.partner", 7, MOMENT)
    assert not tag.weak and len(tag.opaque) == 32 and "res.partner" not in tag.render()
    assert record_etag("res.partner", 7, MOMENT) == tag
    assert record_etag("res.partner", 7, MOMENT + dt.timedelta(microseconds=1)) != tag
    assert record_etag("res.partner", 8, MOMENT) != tag
    assert record_etag("res.users", 7, MOMENT) != tag


def test_a_record_etag_reads_the_same_version_from_text_and_datetimes():
    tag = record_etag("x", 1, MOMENT)
    assert record_etag("x", 1, "2024-05-01 10:00:00.123456") == tag
    assert record_etag("x", 1, MOMENT.replace(tzinfo=dt.UTC)) == tag


@pytest.mark.parametrize("write_date", [None, False, ""])
def test_a_model_without_write_date_has_no_etag(write_date):
    assert record_etag("x", 1, write_date) is None


@pytest.mark.parametrize("header, expected", [
    ("*", TagList(any=True)),
    (' * ', TagList(any=True)),
    ('"a"', TagList((A,))),
    ('"a", W/"b"', TagList((A, EntityTag("b", weak=True)))),
    ('"a",W/"b" ,"c"', TagList((A, EntityTag("b", weak=True), EntityTag("c")))),
    ('""', TagList((EntityTag(""),))),
    ('"a",', TagList((A,))),
])
def test_tag_lists_parse(header, expected):
    assert TagList.parse(header, "If-Match") == expected


@pytest.mark.parametrize("header", ["", "a", '"a', 'a"', '"a" "b"', '"a", *', 'w/"a"', '"a b"', '"a"x',
                                    '"' + "a" * 9000 + '"', ",", '"\x7f"'])
def test_malformed_tag_lists_are_a_400_naming_the_header(header):
    with pytest.raises(ValidationError) as raised:
        TagList.parse(header, "If-None-Match")
    assert raised.value.details == {"header": "If-None-Match"}


def test_if_match_compares_strongly_and_star_needs_a_current_version():
    assert TagList((A, B)).strong_match(B)
    assert not TagList((EntityTag("b", weak=True),)).strong_match(B)
    assert not TagList((A,)).strong_match(EntityTag("a", weak=True))
    assert TagList(any=True).strong_match(A)
    assert not TagList(any=True).strong_match(None)
    assert not TagList((A,)).strong_match(None)


def test_if_none_match_compares_weakly():
    assert TagList((EntityTag("a", weak=True),)).weak_match(A)
    assert TagList(any=True).weak_match(A)
    assert not TagList((B,)).weak_match(A)
    assert not TagList(any=True).weak_match(None)


def test_from_headers_parses_both_or_none():
    assert Preconditions.from_headers(None, None) == Preconditions()
    assert not Preconditions().conditional
    both = Preconditions.from_headers('"a"', "*")
    assert both == Preconditions(TagList((A,)), TagList(any=True)) and both.conditional


def test_a_write_passes_when_if_match_names_the_current_version():
    Preconditions(if_match=TagList((B, A))).check_write(A)
    Preconditions().check_write(A)
    Preconditions().check_write(None)


def test_a_write_fails_when_if_match_names_another_version_and_tells_the_current_one():
    with pytest.raises(PreconditionFailed) as raised:
        Preconditions(if_match=TagList((B,))).check_write(A)
    assert raised.value.details == {"header": "If-Match", "current_etag": '"a"'}
    with pytest.raises(PreconditionFailed) as raised:
        Preconditions(if_match=TagList((B,))).check_write(None)
    assert raised.value.details["current_etag"] is None


def test_a_write_fails_when_if_none_match_names_the_current_version():
    with pytest.raises(PreconditionFailed):
        Preconditions(if_none_match=TagList(any=True)).check_write(A)
    Preconditions(if_none_match=TagList((B,))).check_write(A)


def test_if_match_can_be_required():
    Preconditions(if_match=TagList(any=True)).require_if_match()
    with pytest.raises(PreconditionRequired):
        Preconditions().require_if_match()
    with pytest.raises(PreconditionRequired):
        Preconditions(if_none_match=TagList(any=True)).require_if_match()


def test_not_modified_only_when_if_none_match_names_the_version():
    assert Preconditions(if_none_match=TagList((EntityTag("a", weak=True),))).not_modified(A)
    assert not Preconditions(if_none_match=TagList((B,))).not_modified(A)
    assert not Preconditions(if_match=TagList((A,))).not_modified(A)
    assert not Preconditions(if_none_match=TagList(any=True)).not_modified(None)
