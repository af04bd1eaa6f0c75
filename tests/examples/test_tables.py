"""The tables example shows what the tables page of the docs says."""

import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

import examples.tables
from examples.shop import demo
from examples.shop.models import Order
from examples.tables.dashboards import OrdersTable
from tests.component.table.shop import make_shop

URL = "/dashboards/tables/tablesdashboard/"
ORDERS = URL + "@component/orders/"
DASH = "\u2013"  # the en dash of "Showing 1-25 of 30"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(db):
    return make_shop(30)


@pytest.fixture
def tables_page(client, shop):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def rows(html, table_id):
    table = re.search(rf'<table id="{table_id}_table".*?</table>', html, re.S).group(0)
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table)]


def test_orders_are_deferred_and_load_from_their_component_url(client, tables_page):
    assert f'hx-get="{ORDERS}"' in tables_page
    assert "Showing" in tables_page  # the other tables render with the page
    response = client.get(ORDERS, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<caption>Orders</caption>" in html
    assert f"Showing 1{DASH}25 of 30" in html
    assert 'aria-sort="descending"' in html  # Meta.order = ["-created"]


def test_orders_pages_sort_and_search_through_the_url(client, shop):
    html = client.get(
        ORDERS,
        {"search[value]": "grace", "order[0][column]": "4", "order[0][dir]": "asc", "length": "5"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    table = rows(html, "dashboardstablestablesdashboardcomponentorders")[1:]
    assert len(table) == 5
    assert {row[2] for row in table} == {"Grace Hopper"}
    assert [int(row[4]) for row in table] == sorted(int(row[4]) for row in table)
    assert f"Showing 1{DASH}5 of 10 (filtered from 30)" in html


def test_order_status_shows_its_label(client, shop):
    html = client.get(ORDERS, HTTP_HX_REQUEST="true").content.decode()
    assert "<td>Paid</td>" in html
    assert "<td>paid</td>" not in html


def test_customer_names_are_escaped(client, shop):
    html = client.get(ORDERS, HTTP_HX_REQUEST="true").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_orders_answer_json_for_datatables(client, shop):
    response = client.get(ORDERS, {"draw": "2", "start": "25", "length": "10"}, **XHR)
    value = json.loads(response.content)
    assert (value["draw"], value["total"], value["filtered"]) == (2, 30, 30)
    assert len(value["data"]) == 5
    assert value["columns_datatables"][2] == {"data": "customer__name", "title": "Customer"}
    assert value["order"] == [[1, "desc"]]


def test_countries_sort_by_revenue_and_show_it_formatted(tables_page):
    table = rows(tables_page, "dashboardstablestablesdashboardcomponentcountries")[1:]
    revenues = [float(row[2].removeprefix("€").replace(",", "")) for row in table]
    assert revenues == sorted(revenues, reverse=True)
    assert {row[0] for row in table} == {"United States", "United Kingdom", "France"}
    assert all(row[2].startswith("€") for row in table)


def test_products_table_pages_a_plain_list(client, tables_page):
    table = rows(tables_page, "dashboardstablestablesdashboardcomponentproducts")
    assert table[1:] == [["Zine", "Books", "2.00"], ["atlas", "Books", "40.00"]]
    assert (
        'type="search" id="dashboardstablestablesdashboardcomponentproducts_search"'
        not in tables_page
    )
    assert '<th scope="col"><button' in tables_page


def test_statuses_basic_table_counts_orders(tables_page):
    table = rows(tables_page, "dashboardstablestablesdashboardcomponentstatuses")[1:]
    assert table == [["Pending", "0"], ["Paid", "22"], ["Shipped", "0"], ["Refunded", "8"]]


def test_a_sort_link_of_the_page_works(client, tables_page):
    sort = unescape(
        re.search(
            r'id="dashboardstablestablesdashboardcomponentcountries_sort_0"[^>]*hx-get="([^"]*)"',
            tables_page,
        ).group(1)
    )
    html = client.get(sort, HTTP_HX_REQUEST="true").content.decode()
    table = rows(html, "dashboardstablestablesdashboardcomponentcountries")[1:]
    assert [row[0] for row in table] == ["France", "United Kingdom", "United States"]  # by name


def test_page_links_the_table_stylesheet(tables_page):
    assert "/static/dashboards/css/table.css" in tables_page


def test_orders_serializer_orders_newest_first(shop):
    value = OrdersTable.serialize(filters={"length": "1"})
    newest = Order.objects.latest("created")
    assert value.data[0]["id"] == newest.id


@pytest.mark.django_db(transaction=True)
async def test_tables_render_under_asgi(async_client):
    from asgiref.sync import sync_to_async

    await sync_to_async(make_shop)(4)
    response = await async_client.get(URL)
    assert response.status_code == 200
    assert b"Sales by country" in response.content
    response = await async_client.get(ORDERS, HTTP_HX_REQUEST="true")
    assert b"Showing 1\xe2\x80\x934 of 4" in response.content


def test_customer_names_link_to_their_model_dashboards(client):
    from examples.shop.models import Customer

    customer = Customer.objects.create(
        name="<Ada>", email="ada@example.com", country="GB", joined="2026-01-01"
    )
    content = client.get(
        "/dashboards/tables/tablesdashboard/@component/customers/"
    ).content.decode()
    assert f'<a href="{customer.get_absolute_url()}">&lt;Ada&gt;</a>' in content


def test_a_huge_search_and_huge_numbers_are_answered_not_a_500(client, shop):
    params = {
        "search[value]": "a" * 100_000,
        "columns[2][search][value]": "%" * 100_000,
        "draw": "9" * 100,
        "start": "9" * 30,
        "length": "9" * 30,
        "order[0][column]": "9" * 5000,
        "order[0][dir]": "x" * 100_000,
    }
    assert client.post(ORDERS, params, HTTP_HX_REQUEST="true").status_code == 200
    value = json.loads(client.post(ORDERS, params, **XHR).content)
    assert (value["draw"], value["filtered"], value["data"]) == (1, 0, [])


def test_the_page_size_setting_caps_every_page(client, shop, settings):
    settings.DASHBOARDS_TABLE_MAX_PAGE_SIZE = 7
    value = json.loads(client.get(ORDERS, {"length": "1000"}, **XHR).content)
    assert len(value["data"]) == 7


COUNTRIES_ANSWER = Path(examples.tables.__file__).parent / "countries_answer.json"


def test_the_json_answer_in_the_docs_is_what_the_demo_data_gives(client):
    """The page shows ``curl ... | python -m json.tool --no-ensure-ascii`` on the demo data."""
    demo.load(end=date(2026, 6, 30))
    response = client.get(URL + "@component/countries/", {"length": "3"}, **XHR)
    answer = json.dumps(json.loads(response.content), indent=4, ensure_ascii=False) + "\n"
    assert answer == COUNTRIES_ANSWER.read_text()
