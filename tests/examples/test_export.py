"""The export example shows what the export page of the docs says."""

import csv
import io
import re

import pytest

from examples.shop.models import Customer
from tests.component.table.shop import make_shop

URL = "/dashboards/export/exportdashboard/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(db):
    return make_shop(30)


def download(client, url, query=None):
    response = client.get(url, query or {})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_orders_table_links_to_csv_json_and_excel(client, shop):
    html = client.get(URL, {"status": "paid"}).content.decode()
    links = re.findall(r'href="([^"]*/@component/orders/@export/[^"]*)"', html)
    assert [link.split("?")[0].rsplit("/", 2)[-2] for link in links] == ["csv", "json", "xlsx"]
    assert all("status=paid" in link for link in links)  # the filter bar's state


def test_the_statuses_table_has_no_download_links(client, shop):
    html = client.get(URL).content.decode()
    assert "@component/statuses/@export/" not in html
    assert "@component/emails/" not in html  # staff only: not on an anonymous page


def test_a_download_follows_the_filter_bar_and_shows_labels(client, shop):
    rows = download(client, URL + "@component/orders/@export/csv/", {"status": "refunded"})
    assert rows[0] == ["Order", "Placed", "Customer", "Product", "Total", "Status"]
    assert {row[5] for row in rows[1:]} == {"Refunded"}


def test_the_chart_links_to_its_csv_with_the_filter_bars_state(client, shop):
    html = client.get(URL, {"status": "paid"}).content.decode()
    links = re.findall(r'href="([^"]*/@component/revenue/@export/[^"]*)"', html)
    assert [link.split("?")[0].rsplit("/", 2)[-2] for link in links] == ["csv"]
    assert "status=paid" in links[0]


def test_the_chart_downloads_a_row_per_bar(client, shop):
    rows = download(client, URL + "@component/revenue/@export/csv/")
    assert rows == [
        ["trace", "x", "y"],
        ["Revenue", "paid", "890.0"],
        ["Revenue", "refunded", "1000.0"],
    ]


def test_staff_download_the_customer_emails(client, shop, staff_user):
    client.force_login(staff_user)
    rows = download(client, URL + "@component/emails/@export/csv/")
    assert len(rows) == 1 + 3


def test_a_customers_download_has_that_customers_orders(client, shop):
    customer = Customer.objects.get(name="Ada Lovelace")
    url = f"/dashboards/export/customerexportdashboard/{customer.pk}/@component/orders/@export/csv/"
    rows = download(client, url)
    assert len(rows) == 1 + customer.orders.count()
