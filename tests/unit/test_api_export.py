"""``GET /{model}?format=csv|xlsx``: the JSON list's records, as a file."""
import csv
import io
import zipfile

import pytest

from rest_api.controllers.table_files import XLSX_TYPE


def rows(reply):
    return list(csv.reader(io.StringIO(reply.body.decode("utf-8"))))


def test_csv_has_the_same_records_as_the_json_list(api):
    params = {"query": "{id, name, parent_id{name}, category_id}", "filter": '[["is_company", "=", false]]',
              "order": "name desc", "page_size": "3", "page": "2"}
    listed = api.get("/api/v1/res.partner", params=params).data
    reply = api.get("/api/v1/res.partner", params={**params, "format": "csv"})
    assert reply.status == 200
    assert reply.headers["content-type"] == "text/csv; charset=utf-8"
    assert reply.headers["content-disposition"].startswith('attachment; filename="res.partner.csv"')
    assert reply.headers["x-total-count"] == str(listed["pagination"]["total_count"])
    table = rows(reply)
    assert table[0] == ["id", "name", "parent_id.id", "parent_id.name", "category_id"]
    assert [int(row[0]) for row in table[1:]] == [r["id"] for r in listed["records"]]
    for row, record in zip(table[1:], listed["records"], strict=True):
        parent = record["parent_id"] or {"id": "", "name": ""}
        assert row == [str(record["id"]), record["name"], str(parent["id"]), parent["name"] or "",
                       ",".join(map(str, record["category_id"]))]


def test_accept_header_chooses_csv(api):
    reply = api.get("/api/v1/res.partner", params={"query": "{id}"}, headers={"Accept": "text/csv"})
    assert reply.headers["content-type"].startswith("text/csv")
    assert rows(reply)[0] == ["id"]


def test_csv_text_that_looks_like_a_formula_is_prefixed(api):
    api.post("/api/v1/res.partner", json={"data": {"name": "=HYPERLINK(\"http://x\",\"y\")", "phone": "+1 555"}})
    reply = api.get("/api/v1/res.partner", params={"format": "csv", "query": "{name, phone}",
                                                   "filter": '[["phone", "=", "+1 555"]]'})
    assert rows(reply)[1][1:] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1 555"]


def test_xlsx_download(api):
    pytest.importorskip("xlsxwriter")
    reply = api.get("/api/v1/product.template", params={"format": "xlsx", "query": "{name, categ_id{name}}",
                                                        "limit": "2"})
    assert reply.status == 200 and reply.headers["content-type"] == XLSX_TYPE
    assert reply.headers["content-disposition"].startswith('attachment; filename="product.template.xlsx"')
    with zipfile.ZipFile(io.BytesIO(reply.body)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "categ_id.name" in strings


def test_errors_stay_json_envelopes(api):
    for params in ({"format": "csv", "filter": "[["}, {"format": "pdf"}, {"format": "csv", "query": "{password}"}):
        reply = api.get("/api/v1/res.users", params=params)
        assert reply.status in (400, 403) and reply.headers["content-type"].startswith("application/json")
        assert reply.json["success"] is False


def test_an_empty_page_is_a_header_row(api):
    reply = api.get("/api/v1/res.partner", params={"format": "csv", "query": "{id, name}",
                                                   "filter": '[["id", "=", 0]]'})
    assert rows(reply) == [["id", "name"]] and reply.headers["x-total-count"] == "0"
