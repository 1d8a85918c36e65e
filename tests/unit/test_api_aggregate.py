"""``GET /{model}/aggregate`` on the in-memory demo data, through the HTTP edge."""
import pytest


def groups(api, model, **params):
    reply = api.get(f"/api/v1/{model}/aggregate", params=params)
    assert reply.status == 200, reply.json
    assert reply.json["message"] == "Groups computed successfully"
    assert reply.data["count"] == len(reply.data["groups"])
    return reply.data["groups"]


def test_products_by_category_with_sums_and_counts(api):
    found = groups(api, "product.template", groupby="categ_id", aggregates="list_price:sum,__count")
    assert {"categ_id": {"id": 4, "display_name": "All / Services"}, "list_price:sum": 38.25,
            "__count": 1} in found
    assert sum(g["__count"] for g in found) == api.get("/api/v1/product.template").data["pagination"]["total_count"]


def test_default_aggregate_is_the_count_and_no_groupby_gives_the_totals(api):
    assert groups(api, "res.partner") == [{"__count": 14}]


def test_filter_applies_before_grouping(api):
    found = groups(api, "product.template", groupby='["type"]', aggregates='["list_price:max"]',
                   filter='[["list_price", "<", 100]]')
    assert found == [{"type": "consu", "list_price:max": 70.0}, {"type": "service", "list_price:max": 38.25}]


def test_date_granularities_give_the_first_day_of_the_period(api):
    for granularity, expected in [("day", "1990-12-01"), ("week", "1990-11-25"), ("month", "1990-12-01"),
                                  ("quarter", "1990-10-01"), ("year", "1990-01-01")]:
        found = groups(api, "res.partner", groupby=f"date:{granularity}", filter='[["name", "=", "Jesse Brown"]]')
        assert found == [{f"date:{granularity}": expected, "__count": 1}]


def test_datetimes_are_grouped_in_the_context_timezone(api):
    utc = groups(api, "res.partner", groupby="create_date:day")
    assert utc == [{"create_date:day": "2024-01-15", "__count": 14}]
    tokyo = groups(api, "res.partner", groupby="create_date:day", context='{"tz": "Pacific/Kiritimati"}')
    assert tokyo == [{"create_date:day": "2024-01-15", "__count": 14}]
    honolulu = groups(api, "res.partner", groupby="create_date:day", context='{"tz": "Pacific/Honolulu"}')
    assert honolulu == [{"create_date:day": "2024-01-14", "__count": 14}]


def test_null_groups_come_last_ascending_and_first_descending(api):
    ascending = groups(api, "res.partner", groupby="parent_id")
    assert ascending[-1] == {"parent_id": None, "__count": ascending[-1]["__count"]}
    descending = groups(api, "res.partner", groupby="parent_id", order="parent_id desc")
    assert descending[0]["parent_id"] is None


def test_many2one_groups_ordered_explicitly_sort_by_display_name(api):
    found = groups(api, "product.template", groupby="categ_id", order="categ_id desc")
    names = [g["categ_id"]["display_name"] for g in found]
    assert names == sorted(names, reverse=True)


def test_order_on_an_aggregate_then_paging(api):
    everything = groups(api, "product.template", groupby="categ_id", aggregates="list_price:sum",
                        order="list_price:sum desc")
    sums = [g["list_price:sum"] for g in everything]
    assert sums == sorted(sums, reverse=True)
    page = groups(api, "product.template", groupby="categ_id", aggregates="list_price:sum",
                  order="list_price:sum desc", limit="1", offset="1")
    assert page == everything[1:2]


def test_boolean_and_count_distinct_aggregates(api):
    found = groups(api, "res.partner", groupby="is_company",
                   aggregates="active:bool_and,parent_id:count_distinct,color:min")
    assert [g["is_company"] for g in found] == [False, True]
    assert all(g["active:bool_and"] is True for g in found)
    assert found[1]["parent_id:count_distinct"] == 0


@pytest.mark.parametrize("params, status, error_type", [
    ({"groupby": "x_internal_note"}, 403, "AccessError"),
    ({"filter": '[["x_internal_note", "=", "a"]]'}, 403, "AccessError"),
    ({"aggregates": "display_name:count"}, 400, "ValidationError"),
    ({"groupby": "category_id"}, 400, "ValidationError"),
    ({"limit": "0"}, 400, "ValidationError"),
    ({"limit": "1001"}, 400, "ValidationError"),
    ({"offset": "-1"}, 400, "ValidationError"),
    ({"offset": "99999999999"}, 400, "ValidationError"),
    ({"context": '{"uid": 1}'}, 400, "ValidationError"),
    ({"filter": "[["}, 400, "ValidationError"),
])
def test_bad_requests_answer_with_the_envelope(api, params, status, error_type):
    reply = api.get("/api/v1/res.partner/aggregate", params=params, key="demo-user")
    assert reply.status == status, reply.json
    assert reply.error["type"] == error_type


def test_a_model_without_read_access_is_403_and_unknown_is_404(api):
    assert api.get("/api/v1/ir.config_parameter/aggregate").status == 403
    assert api.get("/api/v1/no.such.model/aggregate").status == 404


def test_the_route_answers_only_get(api):
    reply = api.request("DELETE", "/api/v1/res.partner/aggregate")
    assert reply.status == 405 and reply.headers["allow"] == "GET"


def test_a_store_that_cannot_aggregate_is_refused_with_a_501_naming_the_feature():
    from rest_api.application.capabilities import Aggregates, capability
    from rest_api.domain.errors import NotSupported

    class Plain:
        """A store without the capability."""

    class Explained:
        """One that says why not."""
        not_offered = {Aggregates: "Aggregates need the addon"}

    with pytest.raises(NotSupported) as raised:
        capability(Plain(), Aggregates)
    assert (raised.value.message, raised.value.details) == (
        "This server does not offer aggregates", {"feature": "aggregates"})
    with pytest.raises(NotSupported, match="Aggregates need the addon"):
        capability(Explained(), Aggregates)


def test_grouping_by_a_computed_text_that_is_sometimes_empty_is_one_empty_group_last(api):
    """complete_name is False on a contact without a name; it was a 500 (False compared with text)."""
    reply = api.get("/api/v1/res.partner/aggregate", params={"groupby": "complete_name"})
    assert 200 == reply.status
    names = [group["complete_name"] for group in reply.data["groups"]]
    assert names == sorted(name for name in names if name) + [False] * names.count(False)
