"""Aggregate parameters: the grammar, which function fits which field, and the field guards."""
import datetime as dt

import pytest

from rest_api.domain.aggregate_values import group_encoder
from rest_api.domain.aggregation import (Aggregate, AggregateQuery, GroupBy, GroupOrder,
                                         parse_aggregate_query)
from rest_api.domain.errors import AccessError, ValidationError
from rest_api.domain.model_info import FieldInfo, ModelInfo

ORDER = ModelInfo("sale.order", "Order", {f.name: f for f in (
    FieldInfo("id", "integer"),
    FieldInfo("name", "char"),
    FieldInfo("state", "selection"),
    FieldInfo("amount", "monetary"),
    FieldInfo("qty", "integer"),
    FieldInfo("paid", "boolean"),
    FieldInfo("day", "date"),
    FieldInfo("moment", "datetime"),
    FieldInfo("partner_id", "many2one", relation="res.partner"),
    FieldInfo("tag_ids", "many2many", relation="res.partner.category", stored=True),
    FieldInfo("line_ids", "one2many", relation="sale.order.line", stored=False),
    FieldInfo("total_upper", "char", stored=False),
    FieldInfo("image", "binary"),
    FieldInfo("password", "char"),
    FieldInfo("margin", "float", readable=False),
)})


def parse(groupby=None, aggregates=None, order=None):
    return parse_aggregate_query(groupby, aggregates, order, ORDER, frozenset({"password"}))


def failure(error=ValidationError, **params):
    with pytest.raises(error) as caught:
        parse(**params)
    assert type(caught.value) is error
    return caught.value


@pytest.mark.parametrize("params, expected", [
    ({}, AggregateQuery((), (Aggregate(None, "count"),))),
    ({"groupby": "state"}, AggregateQuery((GroupBy("state"),), (Aggregate(None, "count"),))),
    ({"groupby": '["day:week", "partner_id"]', "aggregates": "amount:sum, qty:avg"},
     AggregateQuery((GroupBy("day", "week"), GroupBy("partner_id")),
                    (Aggregate("amount", "sum"), Aggregate("qty", "avg")))),
    ({"groupby": ["moment:quarter"], "aggregates": ["__count", "paid:bool_and", "name:count_distinct"],
      "order": "__count desc, moment:quarter"},
     AggregateQuery((GroupBy("moment", "quarter"),),
                    (Aggregate(None, "count"), Aggregate("paid", "bool_and"), Aggregate("name", "count_distinct")),
                    (GroupOrder("__count", True), GroupOrder("moment:quarter")))),
    ({"aggregates": "day:min,moment:max,paid:bool_or,partner_id:count"},
     AggregateQuery((), (Aggregate("day", "min"), Aggregate("moment", "max"), Aggregate("paid", "bool_or"),
                         Aggregate("partner_id", "count")))),
    ({"groupby": "", "aggregates": ""}, AggregateQuery((), (Aggregate(None, "count"),))),
])
def test_valid_parameters(params, expected):
    assert parse(**params) == expected


def test_specs_and_order_render_as_odoo_reads_them():
    query = parse("day:month,state", "amount:sum,__count", '["amount:sum desc", "state ASC"]')
    assert [g.spec for g in query.groupby] == ["day:month", "state"]
    assert [a.spec for a in query.aggregates] == ["amount:sum", "__count"]
    assert query.render_order() == "amount:sum desc, state asc"
    assert parse("state").render_order() is None


@pytest.mark.parametrize("params, fragment", [
    ({"groupby": "day"}, "needs a granularity"),
    ({"groupby": "moment"}, "needs a granularity"),
    ({"groupby": "day:hour"}, "granularity 'hour'"),
    ({"groupby": "day:"}, "granularity ''"),
    ({"groupby": "state:month"}, "date and datetime fields only"),
    ({"groupby": "tag_ids"}, "Cannot group"),
    ({"groupby": "image"}, "Cannot group"),
    ({"groupby": "line_ids"}, "not stored"),
    ({"groupby": "total_upper"}, "not stored"),
    ({"groupby": "nope, gone"}, "Unknown field(s) gone, nope"),
    ({"groupby": "1abc"}, "not a field name"),
    ({"groupby": "state,state"}, "repeats state"),
    ({"groupby": ",".join(["state"] * 7)}, "more than 6"),
    ({"aggregates": "amount"}, "'field:function'"),
    ({"aggregates": "amount:median"}, "'field:function'"),
    ({"aggregates": "amount:array_agg"}, "'field:function'"),
    ({"aggregates": "__id:count"}, "not a field name"),
    ({"aggregates": "name:sum"}, "Cannot compute sum of 'name'"),
    ({"aggregates": "paid:avg"}, "Cannot compute avg"),
    ({"aggregates": "state:max"}, "Cannot compute max"),
    ({"aggregates": "qty:bool_and"}, "Cannot compute bool_and"),
    ({"aggregates": "tag_ids:count"}, "Cannot compute count"),
    ({"aggregates": "image:count"}, "Cannot compute count"),
    ({"aggregates": "__count,__count"}, "repeats __count"),
    ({"aggregates": '[{"a": 1}]'}, "list of strings"),
    ({"aggregates": '["a", 1]'}, "list of strings"),
    ({"aggregates": "[oops"}, "not valid JSON"),
    ({"groupby": "state", "order": "amount:sum"}, "not one of the groupby or aggregates"),
    ({"groupby": "state", "order": "state sideways"}, "expected 'spec [asc|desc]'"),
    ({"groupby": "state", "order": "state asc extra"}, "expected 'spec [asc|desc]'"),
    ({"groupby": "state", "order": "state, state desc"}, "order repeats state"),
    ({"groupby": "state", "order": "state, __count, amount"}, "more than 2"),
])
def test_invalid_parameters_are_400(params, fragment):
    assert fragment in failure(**params).message


@pytest.mark.parametrize("params, field", [
    ({"groupby": "password"}, "password"),
    ({"aggregates": "margin:sum"}, "margin"),
    ({"groupby": "state", "aggregates": "password:count,margin:max"}, "margin"),
])
def test_sensitive_and_group_restricted_fields_are_403(params, field):
    assert field in failure(AccessError, **params).details["fields"]


def test_unknown_fields_are_reported_before_hidden_ones():
    assert failure(groupby="nope", aggregates="password:count").details["fields"] == ["nope"]


def test_groups_encode_as_json():
    query = parse("partner_id,day:month,moment:week,state,paid",
                  "__count,amount:sum,qty:count_distinct,day:min,moment:max")
    encode = group_encoder(query, ORDER)
    row = {"partner_id": (7, "Azure"), "day:month": dt.date(2024, 1, 1), "moment:week": dt.date(2023, 12, 31),
           "state": "done", "paid": False, "__count": 3, "amount:sum": 12.5, "qty:count_distinct": 2,
           "day:min": dt.date(2024, 1, 3), "moment:max": dt.datetime(2024, 1, 5, 10, 0, 0)}
    assert encode(row) == {"partner_id": {"id": 7, "display_name": "Azure"}, "day:month": "2024-01-01",
                           "moment:week": "2023-12-31", "state": "done", "paid": False, "__count": 3,
                           "amount:sum": 12.5, "qty:count_distinct": 2, "day:min": "2024-01-03",
                           "moment:max": "2024-01-05T10:00:00Z"}
    empty = {"partner_id": False, "day:month": False, "moment:week": False, "state": False, "paid": False,
             "__count": 0, "amount:sum": False, "qty:count_distinct": 0, "day:min": False, "moment:max": False}
    assert encode(empty) == {"partner_id": None, "day:month": None, "moment:week": None, "state": None,
                             "paid": False, "__count": 0, "amount:sum": None, "qty:count_distinct": 0,
                             "day:min": None, "moment:max": None}


def test_the_listed_specs_are_exactly_the_accepted_ones():
    from rest_api.domain.aggregation import aggregate_specs, groupby_specs
    groupby, aggregates = groupby_specs(ORDER, {"password"}), aggregate_specs(ORDER, {"password"})
    assert "day:week" in groupby and "day" not in groupby and "password" not in groupby
    assert "margin:sum" not in aggregates and "total_upper:count" not in aggregates
    assert aggregates[0] == "__count" and "amount:avg" in aggregates and "name:sum" not in aggregates
    for spec in groupby:
        assert parse(groupby=[spec]).groupby[0].spec == spec
    for spec in aggregates:
        assert parse(aggregates=[spec]).aggregates[0].spec == spec
    refused = {f"{name}:{function}" for name in ORDER.fields for function in
               ("sum", "avg", "min", "max", "count", "count_distinct", "bool_and", "bool_or")} - set(aggregates)
    for spec in refused:
        with pytest.raises((ValidationError, AccessError)):
            parse(aggregates=[spec])
