"""The caching example: the report is computed once, kept warm, and forgotten when an order changes."""

import re
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import caches
from django.utils import timezone

from examples.caching import dashboards
from examples.caching.dashboards import CachedReportDashboard
from examples.shop.models import Category, Customer, Order, Product

pytestmark = pytest.mark.django_db

PAGE = "/dashboards/caching/cachedreportdashboard/"


@pytest.fixture(autouse=True)
def empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def reports():
    """Count the reports computed (without their half second of pretend work)."""
    objects = dashboards.Order.objects
    with (
        mock.patch.object(dashboards, "REPORT_SECONDS", 0),
        mock.patch.object(objects, "aaggregate", wraps=objects.aaggregate) as aggregate,
    ):
        yield aggregate


def order(total="10.00"):
    category = Category.objects.get_or_create(name="Books")[0]
    product = Product.objects.get_or_create(
        slug="book", defaults={"name": "Book", "category": category, "price": Decimal(total)}
    )[0]
    customer = Customer.objects.get_or_create(
        email="ada@example.com", defaults={"name": "Ada", "country": "GB", "joined": date.today()}
    )[0]
    return Order.objects.create(
        customer=customer, product=product, quantity=1, total=Decimal(total), created=timezone.now()
    )


def report(response):
    """The report's figures on the page: revenue, order count, and when it was computed."""
    html = response.content.decode()
    found = re.search(r"([\d,.]+)</.*?(\d+) orders, computed at ([\d:.]+)", html, re.S)
    assert found, html
    return found.groups()


def test_the_report_is_computed_once_and_served_warm(client, reports):
    order("12.50")
    first, second = report(client.get(PAGE)), report(client.get(PAGE))
    assert first == second
    assert first[:2] == ("12.50", "1")
    assert reports.call_count == 1


async def test_the_report_is_served_warm_under_asgi(async_client, reports):
    first = report(await async_client.get(PAGE))
    assert report(await async_client.get(PAGE)) == first
    assert reports.call_count == 1


def test_saving_an_order_forgets_the_report(client, reports):
    order("12.50")
    before = report(client.get(PAGE))
    order("7.50")
    after = report(client.get(PAGE))
    assert after[:2] == ("20.00", "2")
    assert after[2] != before[2]
    assert reports.call_count == 2


def test_deleting_an_order_forgets_the_report(client, reports):
    placed = order("12.50")
    client.get(PAGE)
    placed.delete()
    assert report(client.get(PAGE))[:2] == ("0.00", "0")
    assert reports.call_count == 2


def test_each_user_gets_their_own_greeting(client, staff_user, member):
    client.force_login(staff_user)
    staff_page = client.get(PAGE).content.decode()
    client.force_login(member)
    member_page = client.get(PAGE).content.decode()
    assert "Hello, staff" in staff_page
    assert "Hello, member" in member_page
    client.logout()
    assert "Hello, visitor" in client.get(PAGE).content.decode()


def test_the_greeting_is_cached_for_its_user(client, member):
    client.force_login(member)
    greetings = [
        re.search(r"Hello, member: computed at [\d:.]+", client.get(PAGE).content.decode())[0]
        for _ in range(2)
    ]
    assert greetings[0] == greetings[1]


def test_the_report_is_shared_and_the_greeting_is_not():
    components = CachedReportDashboard.components
    assert components["report"].get_cache().vary_on == ()
    assert components["greeting"].get_cache().vary_on == ("user",)
