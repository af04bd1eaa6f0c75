"""Tests of dashboards.component.table.export: a table's rows for download, and its links."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory, override_settings
from django.utils.html import format_html

from dashboards.component.table import SerializedTable, Table, TableSerializer
from dashboards.inputs import Inputs
from examples.shop.models import Order
from tests.component.table.shop import make_shop
from tests.component.test_base import bound

rf = RequestFactory()
PEOPLE = [{"name": f"p{n}", "age": n % 3} for n in range(7)]


class People(TableSerializer):
    class Meta:
        title = "People"
        columns = {"name": "Name", "age": "Age"}
        order = ["name"]

    def get_data(self, **kwargs):
        return PEOPLE

    def get_age_value(self, row):
        return format_html("<b>{}</b> years", row["age"])


def export(table, filters=None, chunk_size=100):
    component = bound(table)
    inputs = Inputs(filters=filters or {}, components={"c": component})
    result = component.get_export(inputs, chunk_size)
    return result.columns, [list(row) for row in result.rows], result.title


def test_a_serializers_rows_are_every_row_in_its_order():
    columns, rows, title = export(Table(value=People, page_size=2))
    assert columns == {"name": "Name", "age": "Age"}
    assert [row[0] for row in rows] == [f"p{n}" for n in range(7)]
    assert title == "People"


def test_cells_come_from_the_serializers_getters():
    _, rows, _ = export(Table(value=People))
    assert str(rows[1][1]) == "<b>1</b> years"  # the writers turn it into text


def test_rows_follow_the_search_and_sort_parameters():
    filters = {"search[value]": "p", "order[0][column]": "0", "order[0][dir]": "desc"}
    _, rows, _ = export(Table(value=People), filters)
    assert [row[0] for row in rows] == [f"p{n}" for n in reversed(range(7))]


def test_a_deferred_table_exports_its_deferred_rows():
    _, rows, _ = export(Table(defer=People))
    assert len(rows) == 7


def test_plain_rows_get_their_keys_as_columns():
    columns, rows, title = export(Table(value=lambda **kwargs: PEOPLE[:2]))
    assert columns == {"name": "Name", "age": "Age"}
    assert rows == [["p0", 0], ["p1", 1]]
    assert title == "c"


def test_an_async_value_is_awaited():
    async def rows(**kwargs):
        return PEOPLE[:3]

    assert len(export(Table(value=rows))[1]) == 3


def test_rows_from_a_generator_are_searched():
    _, rows, _ = export(Table(value=lambda **kwargs: iter(PEOPLE)), {"search[value]": "p6"})
    assert rows == [["p6", 0]]


@pytest.mark.parametrize("value", [None, [], "text"])
def test_no_rows_export_nothing(value):
    assert export(Table(value=value))[:2] == ({}, [])


def test_a_serialized_page_is_exported_as_it_is():
    page = SerializedTable([{"a": 1}], {"a": "A"}, [], [], 1, 1, 1)
    assert export(Table(value=lambda **kwargs: page))[:2] == ({"a": "A"}, [[1]])


@pytest.mark.parametrize(
    ("value", "columns"),
    [
        ({"data": [{"a": 1}], "columns": ["a"]}, {"a": "a"}),
        ({"data": [{"a": 1}], "columns_datatables": [{"data": "a", "title": "A"}]}, {"a": "A"}),
        ({"data": [{"a": 1}]}, {"a": "a"}),
    ],
)
def test_serialized_pages_name_their_columns_in_each_way(value, columns):
    assert export(Table(value=lambda **kwargs: value))[:2] == (columns, [[1]])


@pytest.mark.django_db
def test_a_queryset_without_serializer_exports_its_fields_a_chunk_at_a_time(
    django_assert_num_queries,
):
    make_shop(5)
    with django_assert_num_queries(1):  # the customer and product joined, not one query a row
        columns, rows, _ = export(Table(value=Order.objects.all()), chunk_size=2)
    assert list(columns)[:3] == ["id", "customer", "product"]
    assert len(rows) == 5
    assert str(rows[0][1]) in {"Ada Lovelace", "Grace Hopper", "<script>alert(1)</script>"}


def test_a_missing_attribute_is_an_empty_cell():
    class Thing:
        name = "x"

    class Things(TableSerializer):
        class Meta:
            columns = {"name": "Name", "missing": "Missing"}

        def get_data(self, **kwargs):
            return [Thing()]

    assert export(Table(value=Things))[1] == [["x", None]]


# -- the download links ----------------------------------------------------------------------


def links(table, query=None):
    component = bound(table, key="orders")
    request = rf.get("/", query or {})
    view = component.get_table_view(request, {"data": [], "columns": {"a": "A"}})
    return view.downloads


@override_settings(ROOT_URLCONF="examples.urls")
def test_a_table_links_to_each_format():
    downloads = links(Table(value=People))
    assert [(d.format, d.label) for d in downloads] == [
        ("csv", "CSV"),
        ("json", "JSON"),
        ("xlsx", "Excel"),
    ]
    assert urlsplit(downloads[0].url).path.endswith("/@component/orders/@export/csv/")


@override_settings(ROOT_URLCONF="examples.urls")
def test_links_carry_the_search_sort_and_filters_not_the_page():
    query = {
        "search[value]": "ada",
        "order[0][column]": "1",
        "order[0][dir]": "desc",
        "status": "paid",
        "start": "20",
        "length": "25",
        "draw": "3",
    }
    params = parse_qs(urlsplit(links(Table(value=People), query)[0].url).query)
    assert params == {
        "search[value]": ["ada"],
        "order[0][column]": ["1"],
        "order[0][dir]": ["desc"],
        "status": ["paid"],
    }


@override_settings(ROOT_URLCONF="examples.urls")
def test_a_table_without_export_formats_has_no_links():
    assert links(Table(value=People, export_formats=())) == []


@override_settings(ROOT_URLCONF="tests.component.table.no_export_urls")
def test_no_links_when_the_download_urls_are_not_installed():
    assert links(Table(value=People)) == []
