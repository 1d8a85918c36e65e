"""The answer bytes: the same JSON with or without orjson, and the fast value encoders agree with the guarded ones."""
import datetime as dt
import json

import pytest
from markupsafe import Markup

from rest_api.controllers import codec
from rest_api.domain.model_info import FieldInfo
from rest_api.domain.values import plain_value_encoder, value_encoder

SAMPLES = [
    {"records": [{"id": 1, "name": "Zoë", "email": None, "tags": [{"id": 2, "name": "日本"}]}],
     "count": 1, "ratio": 0.1, "tiny": 1e-07, "flag": False},
    {"big": 2**70, "nested": [[], {}, [1, [2, [3]]]]},
    {1: "non-string key", "markup": Markup("<b>x</b>"), "when": dt.datetime(2024, 1, 2, 3, 4, 5)},
    "\u2028 line separator and \x00 control",
]


@pytest.mark.parametrize("value", SAMPLES)
def test_the_same_json_with_and_without_orjson(value, monkeypatch):
    fast = codec.dump_json(value)
    monkeypatch.setattr(codec, "orjson", None)
    standard = codec.dump_json(value)
    assert json.loads(fast) == json.loads(standard)
    assert standard == json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                                  default=str).encode("utf-8")


def test_without_orjson_nan_is_still_refused(monkeypatch):
    monkeypatch.setattr(codec, "orjson", None)
    with pytest.raises(ValueError):
        codec.dump_json({"x": float("nan")})


class RefusingOrjson:
    """An orjson that refuses everything, as it refuses integers beyond 64 bits."""

    OPT_PASSTHROUGH_DATETIME = OPT_PASSTHROUGH_DATACLASS = OPT_PASSTHROUGH_SUBCLASS = 0

    @staticmethod
    def dumps(value, default=None, option=0):
        raise TypeError("refused")


def test_what_orjson_refuses_goes_through_the_standard_library(monkeypatch):
    monkeypatch.setattr(codec, "orjson", RefusingOrjson)
    assert codec.dump_json({"big": 2**70}) == b'{"big":1180591620717411303424}'


VALUES = [None, False, True, 0, -3, 2.5, float("inf"), "", "text", Markup("<i>m</i>"), dt.date(2024, 2, 29),
          dt.datetime(2024, 1, 2, 3, 4, 5), [1, 2], (7, "Name"), b"aGk=", 12]
TYPES = ["char", "text", "html", "selection", "boolean", "integer", "float", "monetary", "date", "datetime",
         "many2one", "one2many", "many2many", "binary", "reference", "many2one_reference"]


@pytest.mark.parametrize("kind", TYPES)
def test_plain_encoders_agree_with_the_guarded_ones(kind):
    field = FieldInfo(name="f", type=kind)
    plain, guarded = plain_value_encoder(field), value_encoder(field)
    for raw in VALUES:
        try:
            expected = guarded(raw)
        except Exception as exc:  # noqa: BLE001 - the same refusal is expected of both
            with pytest.raises(type(exc)):
                plain(raw)
            continue
        assert plain(raw) == expected, raw


def test_rows_sharing_a_related_record_are_encoded_as_if_apart():
    from rest_api.application.shaping import encode_records
    from rest_api.domain.resolution import ResolvedField, ResolvedSelection

    company = ResolvedSelection("res.company", (ResolvedField(FieldInfo("id", "integer")),
                                                ResolvedField(FieldInfo("name", "char"))))
    tags = ResolvedSelection("res.partner.category", (ResolvedField(FieldInfo("id", "integer")),
                                                      ResolvedField(FieldInfo("name", "char"))))
    selection = ResolvedSelection("res.partner", (
        ResolvedField(FieldInfo("id", "integer")),
        ResolvedField(FieldInfo("company_id", "many2one", relation="res.company"), company),
        ResolvedField(FieldInfo("category_id", "many2many", relation="res.partner.category"), tags)))
    shared, red, blue = {"id": 1, "name": "Co"}, {"id": 5, "name": False}, {"id": 6, "name": "Blue"}
    rows = [{"id": 10, "company_id": shared, "category_id": [red, blue]},
            {"id": 11, "company_id": shared, "category_id": [blue]},
            {"id": 12, "company_id": {"id": 1, "name": "Co"}, "category_id": []},
            {"id": 13, "company_id": False, "category_id": [{"id": 5, "name": "Other read"}]}]
    assert encode_records(selection, rows) == [
        {"id": 10, "company_id": {"id": 1, "name": "Co"},
         "category_id": [{"id": 5, "name": None}, {"id": 6, "name": "Blue"}]},
        {"id": 11, "company_id": {"id": 1, "name": "Co"}, "category_id": [{"id": 6, "name": "Blue"}]},
        {"id": 12, "company_id": {"id": 1, "name": "Co"}, "category_id": []},
        {"id": 13, "company_id": None, "category_id": [{"id": 5, "name": "Other read"}]},
    ]
