"""The export formats: CSV, JSON and XLSX writers, formula neutralisation, file names, streaming."""

import csv
import datetime
import io
import json
from decimal import Decimal
from uuid import UUID

import openpyxl
import pytest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from dashboards import export
from dashboards.export import (
    FORMATS,
    ExportTable,
    aiterate,
    available_formats,
    content_disposition,
    csv_chunks,
    export_filename,
    json_chunks,
    neutralise,
    sheet_title,
    xlsx_chunks,
)
from dashboards.extras import MissingExtraError

DANGEROUS = ["=1+2", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


def table(*rows, columns=None):
    return ExportTable(columns or {"a": "A", "b": "B"}, list(rows), title="Things")


def read_csv(chunks):
    return list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))


def read_xlsx(chunks):
    return [
        list(row)
        for row in openpyxl.load_workbook(io.BytesIO(b"".join(chunks))).active.iter_rows(
            values_only=True
        )
    ]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_a_spreadsheet_would_run_gets_a_quote_in_front(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["plain", "1+2", " =1", "", "a=b"])
def test_other_text_is_kept(text):
    assert neutralise(text) == text


def test_csv_has_the_titles_then_a_row_per_row():
    assert read_csv(csv_chunks(table([1, "x"], [2, "y"]))) == [["A", "B"], ["1", "x"], ["2", "y"]]


def test_csv_starts_with_a_byte_order_mark_for_excel():
    assert b"".join(csv_chunks(table())).startswith("\ufeff".encode())


def test_csv_neutralises_formulas_in_cells_and_titles():
    rows = read_csv(csv_chunks(table(*([text, "ok"] for text in DANGEROUS), columns={"a": "=A"})))
    assert rows[0] == ["'=A"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in DANGEROUS]


def test_csv_keeps_numbers_even_negative_ones():
    assert read_csv(csv_chunks(table([-5, Decimal("-1.50")])))[1] == ["-5", "-1.50"]


def test_csv_writes_empty_cells_booleans_dates_and_objects_as_text():
    moment = datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    uuid = UUID(int=1)
    row = read_csv(csv_chunks(table([None, True, moment, datetime.date(2025, 1, 2), uuid])))[1]
    assert row == ["", "true", "2025-01-02T03:04:05+00:00", "2025-01-02", str(uuid)]


def test_csv_writes_the_text_of_html_a_serializer_made():
    cell = format_html('<a href="/x/">{}</a>', "Tom & Jerry")
    assert read_csv(csv_chunks(table([cell, gettext_lazy("Yes")])))[1] == ["Tom & Jerry", "Yes"]


def test_csv_is_written_a_chunk_of_rows_at_a_time():
    chunks = list(csv_chunks(table(*([n, n] for n in range(5))), chunk_size=2))
    assert len(chunks) == 1 + 3  # the titles, then rows 0-1, 2-3 and 4


def test_csv_pulls_rows_one_chunk_at_a_time():
    pulled = []

    def rows():
        for number in range(10):
            pulled.append(number)
            yield [number]

    chunks = csv_chunks(ExportTable({"n": "N"}, rows()), chunk_size=3)
    next(chunks)  # the titles
    next(chunks)
    assert pulled == [0, 1, 2]


def test_json_is_an_array_of_objects_keyed_by_column():
    moment = datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC)
    data = json.loads(b"".join(json_chunks(table([1, moment], [Decimal("2.5"), "=x"]))))
    assert data == [{"a": 1, "b": "2025-01-02T00:00:00Z"}, {"a": "2.5", "b": "=x"}]


def test_json_of_no_rows_is_an_empty_array():
    assert json.loads(b"".join(json_chunks(table()))) == []


def test_json_writes_other_objects_as_their_text():
    class Thing:
        def __str__(self):
            return "a thing"

    assert json.loads(b"".join(json_chunks(table([Thing(), None])))) == [
        {"a": "a thing", "b": None}
    ]


def test_json_across_chunks_is_one_array():
    data = json.loads(b"".join(json_chunks(table(*([n, n] for n in range(5))), chunk_size=2)))
    assert [row["a"] for row in data] == [0, 1, 2, 3, 4]


def test_xlsx_has_the_titles_then_the_rows_with_their_types():
    day = datetime.date(2025, 1, 2)
    assert read_xlsx(xlsx_chunks(table([1, day], [2.5, None]))) == [
        ["A", "B"],
        [1, datetime.datetime(2025, 1, 2)],
        [2.5, None],
    ]


def test_xlsx_neutralises_formulas_so_they_stay_text():
    rows = read_xlsx(xlsx_chunks(table(*([text] for text in DANGEROUS[:4]), columns={"a": "A"})))
    assert [row[0] for row in rows[1:]] == ["'" + text for text in DANGEROUS[:4]]


def test_xlsx_writes_aware_datetimes_in_the_current_time_zone(settings):
    settings.TIME_ZONE = "Europe/Paris"
    moment = datetime.datetime(2025, 1, 2, 12, tzinfo=datetime.UTC)
    assert read_xlsx(xlsx_chunks(table([moment, True])))[1] == [
        datetime.datetime(2025, 1, 2, 13),
        True,
    ]


def test_xlsx_drops_characters_a_workbook_cannot_hold():
    assert read_xlsx(xlsx_chunks(table(["bell\x07", UUID(int=1)])))[1] == ["bell", str(UUID(int=1))]


def test_xlsx_sheet_is_named_after_the_table():
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_chunks(table()))))
    assert workbook.sheetnames == ["Things"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [("a/b:c", "a b c"), ("", "Sheet1"), ("x" * 40, "x" * 31), ("[]", "Sheet1")],
)
def test_sheet_titles_are_ones_excel_accepts(title, expected):
    assert sheet_title(title) == expected


def test_xlsx_is_offered_only_with_openpyxl(monkeypatch):
    assert [f.name for f in available_formats(["csv", "json", "xlsx", "pdf"])] == [
        "csv",
        "json",
        "xlsx",
    ]
    monkeypatch.setattr(export, "is_installed", lambda module: False)
    assert [f.name for f in available_formats(["csv", "xlsx"])] == ["csv"]


def test_xlsx_without_openpyxl_names_the_extra(monkeypatch):
    def missing(module, extra, feature):
        raise MissingExtraError(f"{feature}: pip install [{extra}]")

    monkeypatch.setattr(export, "import_extra", missing)
    with pytest.raises(MissingExtraError, match=r"\[xlsx\]"):
        next(xlsx_chunks(table()))


def test_file_names_say_the_dashboard_component_and_date():
    name = export_filename("SalesDashboard", "top_orders", "csv", datetime.date(2025, 3, 4))
    assert name == "salesdashboard-top_orders-2025-03-04.csv"


def test_file_names_default_to_today():
    assert export_filename("d", "c", "json").endswith(f"-{datetime.date.today().isoformat()}.json")


def test_content_disposition_quotes_the_file_name():
    assert content_disposition('a"b.csv') == 'attachment; filename="a\\"b.csv"'
    assert content_disposition("é.csv") == "attachment; filename*=utf-8''%C3%A9.csv"


def test_formats_name_their_media_types():
    assert FORMATS["csv"].content_type == "text/csv; charset=utf-8"
    assert FORMATS["json"].content_type == "application/json"
    assert FORMATS["xlsx"].content_type.endswith("spreadsheetml.sheet")


async def test_aiterate_gives_the_chunks_then_closes_the_iterator():
    closed = []

    def chunks():
        try:
            yield b"a"
            yield b"b"
        finally:
            closed.append(True)

    assert [chunk async for chunk in aiterate(chunks())] == [b"a", b"b"]
    assert closed == [True]


async def test_aiterate_closes_the_iterator_when_the_response_stops_early():
    closed = []

    def chunks():
        try:
            yield from (b"a", b"b", b"c")
        finally:
            closed.append(True)

    stream = aiterate(chunks())
    assert await anext(stream) == b"a"
    await stream.aclose()
    assert closed == [True]


async def test_aiterate_takes_an_iterator_that_has_nothing_to_close():
    assert [chunk async for chunk in aiterate(iter([b"a"]))] == [b"a"]


def test_xlsx_keeps_a_naive_datetime_as_it_is():
    moment = datetime.datetime(2025, 1, 2, 12, 30)
    assert read_xlsx(xlsx_chunks(table([moment, None])))[1] == [moment, None]
