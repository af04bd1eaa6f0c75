"""The shop's demo data: the same catalogue, customers and orders on every machine."""

from datetime import date

import pytest

from examples.shop import demo
from examples.shop.models import Category, Customer, Order, Product

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield demo.load(end=date(2026, 6, 30))
        Order.objects.all().delete()
        Customer.objects.all().delete()
        Product.objects.all().delete()
        Category.objects.all().delete()


def test_demo_data_has_ten_thousand_orders(counts):
    assert counts == {"products": 12, "customers": 500, "orders": 10_000}
    assert Order.objects.count() == 10_000


def test_demo_orders_fall_in_the_year_before_the_end_date(counts):
    first = Order.objects.order_by("created").first().created.date()
    last = Order.objects.order_by("created").last().created.date()
    assert date(2025, 6, 30) <= first <= last <= date(2026, 6, 30)


def test_order_totals_are_price_times_quantity(counts):
    order = Order.objects.select_related("product").first()
    assert order.total == order.product.price * order.quantity


def test_models_print_their_names(counts):
    assert str(Category.objects.get(name="Books")) == "Books"
    assert str(Product.objects.get(slug="space-trader")) == "Space Trader"
    assert str(Customer.objects.first())
    order = Order.objects.first()
    assert str(order) == f"Order {order.pk}"
