"""Lists as tables: dotted columns, the CSV and XLSX renderings, the formula guard, negotiation."""
import csv
import io
import zipfile

import pytest

from rest_api.controllers.table_files import (XLSX_TYPE, answer_format, guarded_text, table_csv,
                                              table_xlsx)
from rest_api.domain.errors import ValidationError
from rest_api.domain.model_info import FieldInfo
from rest_api.domain.resolution import ResolvedField, ResolvedSelection
from rest_api.domain.table import records_table, table_columns


def flat(model, *names, **nested):
    fields = [ResolvedField(FieldInfo(n, "char")) for n in names]
    fields += [ResolvedField(FieldInfo(n, kind, relation="x"), sub) for n, (kind, sub) in nested.items()]
    return ResolvedSelection(model, tuple(fields))


COMPANY = flat("res.company", "id", "name")
TAGS = flat("res.partner.category", "id", "name")
PARTNER = flat("res.partner", "id", "name", "category_id",
               company_id=("many2one", COMPANY), child_ids=("one2many", flat("res.partner", "id", "name",
                                                                              category_id=("many2many", TAGS))))


def test_columns_are_the_leaves_with_dotted_names():
    assert [c.header for c in table_columns(PARTNER)] == [
        "id", "name", "category_id", "company_id.id", "company_id.name", "child_ids.id", "child_ids.name",
        "child_ids.category_id.id", "child_ids.category_id.name"]


def test_cells_flatten_relations():
    record = {"id": 5, "name": "Azure", "category_id": [1, 3], "company_id": {"id": 1, "name": "YourCompany"},
              "child_ids": [{"id": 6, "name": "Brandon", "category_id": [{"id": 1, "name": "Vendor"}]},
                            {"id": 7, "name": "Colleen", "category_id": [{"id": 2, "name": "Prospect"}]}]}
    empty = {"id": 8, "name": None, "category_id": [], "company_id": None, "child_ids": []}
    table = records_table(PARTNER, [record, empty])
    assert table.rows == (
        (5, "Azure", "1,3", 1, "YourCompany", "6,7", "Brandon, Colleen", "1,2", "Vendor, Prospect"),
        (8, None, None, None, None, None, None, None, None))


def test_csv_has_a_header_row_crlf_lines_and_json_forms():
    table = records_table(flat("m", "a", "b", "c", "d"),
                          [{"a": 1.5, "b": True, "c": 'say "hi", then go', "d": {"k": [1]}},
                           {"a": None, "b": False, "c": "line\nbreak", "d": None}])
    text = table_csv(table).decode("utf-8")
    assert text.startswith("a,b,c,d\r\n1.5,true,")
    assert list(csv.reader(io.StringIO(text))) == [
        ["a", "b", "c", "d"], ["1.5", "true", 'say "hi", then go', '{"k": [1]}'], ["", "false", "line\nbreak", ""]]


@pytest.mark.parametrize("text, expected", [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+32 2 123", "'+32 2 123"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("plain", "plain"), ("a=b", "a=b"), ("", ""),
])
def test_formula_guard(text, expected):
    assert guarded_text(text) == expected


def test_csv_guards_text_cells_but_not_numbers():
    table = records_table(flat("m", "a", "b"), [{"a": "=1+1", "b": -5}])
    assert table_csv(table).decode().splitlines()[1] == "'=1+1,-5"


def test_xlsx_is_a_workbook_with_typed_cells_and_no_formulas():
    pytest.importorskip("xlsxwriter")
    table = records_table(flat("m", "name", "n", "ok"), [{"name": "=1+1", "n": 3, "ok": True},
                                                           {"name": None, "n": 2.5, "ok": False}])
    content = table_xlsx(table, "res.partner:[x]")
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
        workbook = book.read("xl/workbook.xml").decode()
    assert "<f>" not in sheet  # no formula cell
    assert "=1+1" in strings and "name" in strings
    assert 't="b"' in sheet and "<v>3</v>" in sheet and "<v>2.5</v>" in sheet
    assert 'name="res.partner__x_"' in workbook


@pytest.mark.parametrize("format_param, accept, expected", [
    (None, None, "json"), (None, "text/csv", "csv"), (None, XLSX_TYPE, "xlsx"),
    (None, "text/html, text/csv;q=0.9", "csv"), (None, "application/json, text/csv", "json"),
    (None, "*/*", "json"), (None, "text/html", "json"), ("csv", "application/json", "csv"),
    ("xlsx", None, "xlsx"), ("json", "text/csv", "json"),
])
def test_answer_format(format_param, accept, expected):
    assert answer_format(format_param, accept) == expected


def test_unknown_format_is_400():
    with pytest.raises(ValidationError):
        answer_format("pdf", None)
