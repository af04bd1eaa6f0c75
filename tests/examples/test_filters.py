"""The filters example: a filter bar whose state lives in the URL and reaches every component."""

from datetime import date

import pytest

from examples.shop import demo
from examples.shop.models import Order

URL = "/dashboards/filters/ordersdashboard/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return demo.load(end=date(2026, 6, 30))


def stat(content: str) -> str:
    return content.split('<h2 class="stat__title">')[1].split("</h2>")[0]


def test_unfiltered_page_counts_every_order(client, shop):
    content = client.get(URL).content.decode()
    assert stat(content) == "10,000"
    assert 'role="search"' in content


def test_filters_in_the_url_filter_the_components(client, shop):
    expected = Order.objects.filter(status="paid", customer__country="GB").count()
    content = client.get(URL, {"status": "paid", "country": "gb"}).content.decode()
    assert stat(content) == f"{expected:,}"


def test_deferred_component_url_carries_the_filters(client, shop):
    content = client.get(URL, {"status": "refunded"}).content.decode()
    assert f'hx-get="{URL}@component/latest/?status=refunded"' in content
    latest = client.get(URL + "@component/latest/", {"status": "refunded"}).content.decode()
    assert "(refunded)" in latest
    assert "(paid)" not in latest


def test_htmx_filter_change_returns_the_layout_and_the_errors_out_of_band(client, shop):
    response = client.get(URL, {"status": "paid"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="dashboard-filter-errors-filters_ordersdashboard"' in content
    assert 'hx-swap-oob="true"' in content


def test_invalid_filter_input_shows_the_error_and_keeps_the_page_working(client, shop):
    response = client.get(URL, {"since": "not-a-date", "status": "paid"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid date." in content
    assert stat(content) == f"{Order.objects.filter(status='paid').count():,}"


def test_no_matching_orders(client, shop):
    latest = client.get(URL + "@component/latest/", {"country": "zz"})
    assert b"No orders match." in latest.content


@pytest.mark.django_db(transaction=True)
async def test_filtered_page_under_asgi(async_client):
    response = await async_client.get(URL, {"status": "paid"})
    assert response.status_code == 200
    assert b"orders" in response.content
