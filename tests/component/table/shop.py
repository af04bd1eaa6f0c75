"""Small shop data sets for the table tests (the demo's 10,000 orders only where size matters)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from examples.shop.models import Category, Customer, Order, Product

NOW = timezone.now()


def make_shop(orders: int = 30) -> list[Order]:
    """Two products, three customers (one named with markup) and ``orders`` orders, newest last."""
    books = Category.objects.create(name="Books")
    cheap = Product.objects.create(name="Zine", slug="zine", category=books, price=Decimal("2.00"))
    dear = Product.objects.create(name="atlas", slug="atlas", category=books, price=Decimal("40"))
    customers = [
        Customer.objects.create(
            name=name, email=f"{index}@example.com", country=country, joined=NOW.date()
        )
        for index, (name, country) in enumerate(
            [("Ada Lovelace", "GB"), ("Grace Hopper", "US"), ("<script>alert(1)</script>", "FR")]
        )
    ]
    return Order.objects.bulk_create(
        Order(
            customer=customers[number % 3],
            product=cheap if number % 2 else dear,
            quantity=number % 5 + 1,
            total=(cheap if number % 2 else dear).price * (number % 5 + 1),
            status=Order.Status.PAID if number % 4 else Order.Status.REFUNDED,
            created=NOW - timedelta(days=orders - number),
        )
        for number in range(orders)
    )
