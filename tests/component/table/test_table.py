"""Tests of dashboards.component.table.table: BasicTable and Table, their HTML and their endpoint."""

import json
import re
from html import unescape
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory, override_settings

from dashboards.component import Text
from dashboards.component.table import BasicTable, SerializedTable, Table, TableSerializer
from dashboards.component.table.table import DataTable, TableView, columns_and_rows
from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.shop.models import Customer, Order
from tests.component.table.shop import make_shop
from tests.component.test_base import bound

rf = RequestFactory()
DASH = "\u2013"  # the en dash of "Showing 1-10 of 23"
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

PEOPLE = [
    {"name": f"person {n:02}", "age": n % 7, "city": "Paris" if n % 2 else "Oslo"}
    for n in range(23)
]


class PeopleTable(TableSerializer):
    class Meta:
        title = "People"
        columns = {"name": "Name", "age": "Age", "city": "City"}

    @staticmethod
    def get_data(**kwargs):
        return PEOPLE


class HostileTable(TableSerializer):
    class Meta:
        columns = {"name": SCRIPT, "country": "Country"}
        model = Customer
        first_as_absolute_url = True


class TableTestDashboard(Dashboard):
    people = Table(value=PeopleTable)
    hostile = Table(defer=HostileTable)
    linked = Table(value=HostileTable)
    rows = Table(value=lambda **kwargs: [{"word": SCRIPT}])
    basic = BasicTable(value=[{SCRIPT: SCRIPT}])

    class Meta:
        app_label = "testapp"


URL = "/dashboards/testapp/tabletestdashboard/@component/"


@pytest.fixture
def registered():
    registry.register(TableTestDashboard)
    yield TableTestDashboard
    registry.remove(TableTestDashboard)


def render(component, path="/", **params):
    return component.render({"request": rf.get(path, params)})


def links(html, attribute="hx-get"):
    return [unescape(url) for url in re.findall(rf'{attribute}="([^"]*)"', html)]


def query_of(url):
    return {key: values[-1] for key, values in parse_qs(urlsplit(url).query).items()}


# -- BasicTable ------------------------------------------------------------------------------


def test_basic_table_renders_a_list_of_dicts():
    html = render(bound(BasicTable(value=[{"a": 1, "b": None}, {"a": True, "b": "x"}])))
    assert '<table id="dashboardstestappbasedashboardcomponentc_table" class="table"' in html
    assert '<th scope="col">A</th><th scope="col">B</th>' in html
    assert "<td>1</td><td>-</td>" in html
    assert "<td>Yes</td><td>x</td>" in html


def test_basic_table_escapes_cells_and_headers():
    html = render(bound(BasicTable(value=[{SCRIPT: SCRIPT}])))
    assert SCRIPT not in html
    assert html.count(ESCAPED) == 2


def test_basic_table_renders_a_serialized_table():
    html = render(bound(BasicTable(value=PeopleTable)))
    assert "<caption>People</caption>" in html
    assert html.count("<tr>") == 24  # the header and every row: a BasicTable has no pages


def test_basic_table_without_rows_says_so():
    assert "No data." in render(bound(BasicTable(value=[])))
    assert "No data." in render(bound(BasicTable(value=None)))


def test_basic_table_is_labelled_by_its_verbose_name_without_a_title():
    html = render(bound(BasicTable(value=[{"a": 1}], verbose_name="Things")))
    assert 'aria-label="Things"' in html
    assert "<caption>" not in html


def test_basic_table_css_classes():
    assert bound(BasicTable(value=[])).css_classes == {"table": "table"}
    assert bound(BasicTable(value=[], css_classes="striped")).css_classes == {"table": "striped"}
    assert bound(Table(value=[], css_classes={"table": "wide"})).css_classes == {"table": "wide"}


@override_settings(DASHBOARDS_COMPONENT_CLASSES={"Table": {"table": "from-settings"}})
def test_table_css_classes_come_from_the_settings():
    assert bound(Table(value=[])).css_classes == {"table": "from-settings"}


def test_tables_bring_their_stylesheet():
    assert "dashboards/css/table.css" in str(BasicTable().get_media())
    assert "dashboards/css/table.css" in str(Table(value=PeopleTable).get_media())


def test_columns_and_rows_of_the_value_shapes():
    assert columns_and_rows(None) == ({}, [])
    assert columns_and_rows({"data": [{"a": 1}], "columns": ["a"]}) == ({"a": "a"}, [[1]])
    assert columns_and_rows(
        {"data": [{"a": 1}], "columns_datatables": [{"data": "a", "title": "A"}]}
    ) == ({"a": "A"}, [[1]])
    assert columns_and_rows({"data": [{"a": 1}]}) == ({"a": "A"}, [[1]])
    assert columns_and_rows({"data": [[1]], "columns": {"a": "A"}}) == ({"a": "A"}, [["-"]])
    assert columns_and_rows(iter([SimpleNamespace(a=2)])) == ({"a": "A"}, [[2]])
    assert columns_and_rows([SimpleNamespace(a=2), SimpleNamespace()]) == ({"a": "A"}, [[2], ["-"]])


# -- Table: values ---------------------------------------------------------------------------


def test_table_fields_default_like_datatables():
    table = Table()
    assert (table.page_size, table.searching, table.paging, table.ordering) == (
        10,
        True,
        True,
        True,
    )
    assert isinstance(table, DataTable)
    assert isinstance(table, BasicTable)
    assert table.template_name == "dashboards/components/table/index.html"
    assert BasicTable().template_name == "dashboards/components/table/basic.html"


def test_table_value_is_the_page_as_a_dict():
    value = Table(value=PeopleTable).get_value(request=rf.get("/"))
    assert value["total"] == value["filtered"] == 23
    assert len(value["data"]) == 10
    assert value["order"] == []


async def test_table_value_from_async_code():
    value = await Table(value=PeopleTable, page_size=5).aget_value(request=rf.get("/"))
    assert len(value["data"]) == 5


def test_table_gives_its_page_size_as_length_unless_the_request_has_one():
    seen = []

    def rows(filters):
        seen.append(filters)
        return PEOPLE

    Table(value=rows, page_size=7).get_value(request=rf.get("/", {"q": "x"}))
    Table(value=rows).get_value(filters={"length": "50"})
    Table(value=rows, paging=False).get_value(filters={})
    assert seen == [{"q": "x", "length": "7"}, {"length": "50"}, {}]


def test_table_pages_sorts_and_searches_a_plain_list():
    table = Table(value=lambda **kwargs: PEOPLE, page_size=4)
    value = table.get_value(
        filters={"search[value]": "paris", "order[0][column]": "1", "order[0][dir]": "desc"}
    )
    assert [row["name"] for row in value["data"]] == [
        "person 13",
        "person 05",
        "person 19",
        "person 11",
    ]
    assert (value["total"], value["filtered"]) == (23, 11)
    assert value["columns"] == {"name": "Name", "age": "Age", "city": "City"}


def test_table_of_a_literal_list_or_generator():
    assert len(Table(value=PEOPLE).get_value()["data"]) == 10
    assert Table(value=lambda: (row for row in PEOPLE)).get_value()["total"] == 23


def test_table_of_no_rows_is_an_empty_table():
    value = Table(value=[]).get_value(filters={"draw": "3"})
    assert value == {
        "data": [],
        "columns": {},
        "columns_datatables": [],
        "order": [],
        "draw": 3,
        "total": 0,
        "filtered": 0,
    }


def test_table_passes_through_values_that_are_not_rows():
    assert Table(value=None).get_value() is None
    assert Table(value="text").get_value() == "text"
    assert Table(value=5).get_value() == 5
    serialized = SerializedTable([], {}, [], [], 1, 0, 0)
    assert Table(value=serialized).get_value()["draw"] == 1


@pytest.mark.django_db
def test_table_of_a_queryset_pages_in_the_database():
    make_shop(12)
    value = Table(value=lambda **kwargs: Order.objects.all(), page_size=5).get_value()
    assert (len(value["data"]), value["total"]) == (5, 12)
    assert value["columns"]["customer"] == "Customer"


@pytest.mark.django_db(transaction=True)
async def test_table_of_a_queryset_from_async_code():
    await Customer.objects.acreate(
        name="Ada", email="a@example.com", country="GB", joined="2026-01-01"
    )
    value = await Table(value=lambda: Customer.objects.all()).aget_value()
    assert value["data"][0]["name"] == "Ada"


# -- Table: HTML -----------------------------------------------------------------------------


def test_table_html_shows_one_page_with_its_controls():
    html = render(bound(Table(value=PeopleTable)))
    assert "<caption>People</caption>" in html
    assert html.count("<tr>") == 11
    assert 'name="search[value]"' in html
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert 'hx-preserve="true"' in html  # what the user types survives each swap
    assert 'hx-target="#component-dashboardstestappbasedashboardcomponentc-inner"' in html
    assert 'hx-swap="outerHTML"' in html
    assert '<option value="10" selected>10</option>' in html
    assert f"Showing 1{DASH}10 of 23" in html
    assert "aria-sort" not in html  # no sort: the rows keep the data's order
    assert (
        'id="dashboardstestappbasedashboardcomponentc_previous" class="dashboard-table__page" aria-disabled="true"'
        in html
    )


def test_table_sort_buttons_toggle_the_primary_column():
    html = render(bound(Table(value=PeopleTable)))
    sorts = [query_of(url) for url in links(html) if "order" in url]
    assert (sorts[0]["order[0][column]"], sorts[0]["order[0][dir]"]) == ("0", "asc")
    assert (sorts[1]["order[0][column]"], sorts[1]["order[0][dir]"]) == ("1", "asc")
    html = render(
        bound(Table(value=PeopleTable)), **{"order[0][column]": "0", "order[0][dir]": "asc"}
    )
    assert 'aria-sort="ascending"' in html
    sorts = [query_of(url) for url in links(html) if "order" in url]
    assert sorts[0]["order[0][dir]"] == "desc"  # name is sorted ascending: click for descending
    html = render(
        bound(Table(value=PeopleTable)), **{"order[0][column]": "0", "order[0][dir]": "desc"}
    )
    assert 'aria-sort="descending"' in html
    assert query_of(next(u for u in links(html) if "order" in u))["order[0][dir]"] == "asc"


def test_table_links_keep_search_sort_length_and_other_filters_together():
    params = {
        "search[value]": "paris",
        "order[0][column]": "1",
        "order[0][dir]": "desc",
        "length": "3",
        "start": "3",
        "status": "paid",
        "draw": "9",
    }
    html = render(bound(Table(value=PeopleTable)), **params)
    assert f"Showing 4{DASH}6 of 11 (filtered from 23)" in html
    next_url = links(html)[-1]
    assert next_url.startswith("/dashboards/testapp/basedashboard/@component/c/?")
    kept = {key: value for key, value in params.items() if key != "draw"}
    assert query_of(next_url) == {**kept, "start": "6"}
    previous = [url for url in links(html) if "start=0" in url]
    assert query_of(previous[0]) == {**kept, "start": "0"}
    sort_by_name = query_of(next(url for url in links(html) if "order" in url))
    assert sort_by_name == {
        "search[value]": "paris",
        "length": "3",
        "status": "paid",
        "order[0][column]": "0",
        "order[0][dir]": "asc",
    }
    hidden = re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', html)
    assert [(unescape(n), v) for n, v in hidden] == [
        ("order[0][column]", "1"),
        ("order[0][dir]", "desc"),
        ("status", "paid"),
    ]


def test_table_links_never_carry_a_csrf_token():
    component = bound(Table(value=PeopleTable))
    request = rf.post("/", {"csrfmiddlewaretoken": "secret", "status": "paid"})
    view = component.get_table_view(request, component.get_value(request))
    assert view.state == [("status", "paid")]
    assert "secret" not in view.next_url


def test_table_last_page_has_no_next_button_target():
    html = render(bound(Table(value=PeopleTable)), start="20")
    assert f"Showing 21{DASH}23 of 23" in html
    assert (
        'id="dashboardstestappbasedashboardcomponentc_next" class="dashboard-table__page" aria-disabled="true"'
        in html
    )


def test_table_start_past_the_end_shows_the_last_page():
    html = render(bound(Table(value=PeopleTable)), start="500")
    assert f"Showing 21{DASH}23 of 23" in html


def test_table_garbage_parameters_show_the_first_page():
    html = render(bound(Table(value=PeopleTable)), start="x", length="<b>", draw="y")
    assert f"Showing 1{DASH}10 of 23" in html


def test_table_search_without_matches_says_so():
    html = render(bound(Table(value=PeopleTable)), **{"search[value]": "nobody"})
    assert "No matching rows." in html
    assert "No rows (filtered from 23)" in html
    assert 'value="nobody"' in html


def test_table_of_nothing_says_so():
    html = render(bound(Table(value=[])))
    assert "No data." in html
    assert "No rows" in html


def test_table_options_hide_the_controls():
    html = render(bound(Table(value=PeopleTable, searching=False, paging=False, ordering=False)))
    assert "<form" not in html
    assert "<button" not in html
    assert "Showing" not in html
    assert html.count("<tr>") == 24
    html = render(bound(Table(value=PeopleTable, searching=False)))
    assert 'type="search"' not in html
    assert "<select" in html


def test_table_page_sizes_include_its_own():
    html = render(bound(Table(value=PeopleTable, page_size=15)))
    assert re.findall(r'<option value="(\d+)"', html) == ["10", "15", "25", "50", "100"]
    assert '<option value="15" selected>' in html


def test_table_without_a_title_is_labelled_by_its_verbose_name():
    html = render(bound(Table(value=PEOPLE, verbose_name="Everyone")))
    assert 'aria-label="Everyone"' in html
    assert 'aria-label="Pages of Everyone"' in html


def test_table_with_a_defer_url_with_a_query_extends_it():
    component = bound(Table(value=PEOPLE, defer_url=lambda reverse_args: "/custom/?x=1"))
    view = component.get_table_view(rf.get("/"), component.get_value())
    assert isinstance(view, TableView)
    assert view.next_url == "/custom/?x=1&length=10&start=10"


def test_table_of_a_value_without_totals_counts_its_rows():
    component = bound(Table(value={"data": [{"a": 1}], "columns": {"a": "A"}}))
    view = component.get_table_view(rf.get("/"), component.get_value())
    assert (view.total, view.filtered, view.first, view.last) == (1, 1, 1, 1)


def test_table_html_escapes_cells_and_headers():
    html = render(bound(Table(value=[{SCRIPT: SCRIPT}])))
    assert SCRIPT not in html
    assert ESCAPED in html


def test_table_uses_the_filters_its_dashboard_passes_down():
    class Filtering(Dashboard):
        people = Table(value=PeopleTable)

        class Meta:
            app_label = "testapp"

        def get_filters(self, request):
            return {"search[value]": "person 21"}

    html = Filtering(request=rf.get("/")).render()
    assert "<td>person 21</td>" in html
    assert "<td>person 03</td>" not in html


# -- Table: the component endpoint -----------------------------------------------------------


@pytest.mark.django_db
def test_htmx_partial_is_the_requested_page(client, registered):
    response = client.get(URL + "people/", {"start": "10", "length": "5"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.startswith(
        '<div id="component-dashboardstestapptabletestdashboardcomponentpeople-inner"'
    )
    assert f"Showing 11{DASH}15 of 23" in html
    assert "<td>person 10</td>" in html


@pytest.mark.django_db
def test_xss_in_cells_headers_and_links_is_text_in_the_page_and_the_partial(client, registered):
    make_shop(3)
    request = rf.get("/")
    page = TableTestDashboard(request=request).render(request=request)
    partial = client.get(URL + "hostile/", HTTP_HX_REQUEST="true").content.decode()
    for html in (page, partial):
        assert SCRIPT not in html
        assert ESCAPED in html
    assert re.search(r'<a href="/dashboards/[^"]*">' + re.escape(ESCAPED) + "</a>", partial)
    assert '<th scope="col"><button' in partial


@pytest.mark.django_db
def test_json_answer_speaks_the_datatables_protocol(client, registered):
    response = client.post(
        URL + "people/",
        {"draw": "5", "start": "20", "length": "10", "search[value]": ""},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    value = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert set(value) == {
        "data",
        "columns",
        "columns_datatables",
        "order",
        "draw",
        "total",
        "filtered",
    }
    assert (value["draw"], value["total"], value["filtered"], len(value["data"])) == (5, 23, 23, 3)


@pytest.mark.django_db
def test_json_answer_escapes_html(client, registered):
    response = client.get(URL + "rows/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert json.loads(response.content)["data"] == [{"word": ESCAPED}]


def test_text_is_not_a_table():
    assert not isinstance(Text(value="x"), BasicTable)
