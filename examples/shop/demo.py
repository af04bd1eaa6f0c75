"""Demo data for the shop: the same 10,000 orders on every machine (a seeded generator)."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from examples.shop.models import Category, Customer, Order, Product

CATALOGUE = {
    "Books": [
        ("Django for Everyone", "24.00"),
        ("Async Python", "31.50"),
        ("Data Stories", "19.90"),
    ],
    "Games": [("Space Trader", "39.00"), ("Puzzle Box", "12.00"), ("Card Duel", "15.50")],
    "Music": [("Jazz Nights", "9.99"), ("Synth Waves", "11.49"), ("Folk Tales", "8.75")],
    "Tools": [("Pocket Knife", "27.00"), ("Head Torch", "22.40"), ("Tape Measure", "7.80")],
}
COUNTRIES = ["GB", "FR", "DE", "ES", "IT", "NL", "SE", "PL", "US", "CA", "BR", "JP"]
FIRST = ["Ada", "Alan", "Grace", "Linus", "Guido", "Barbara", "Ken", "Margaret", "Tim", "Katherine"]
LAST = ["Lovelace", "Turing", "Hopper", "Torvalds", "van Rossum", "Liskov", "Thompson", "Hamilton"]
CUSTOMERS = 500
ORDERS = 10_000
DAYS = 365


@transaction.atomic
def load(end: date | None = None) -> dict[str, int]:
    """Replace the shop's data with the demo catalogue, customers and orders up to ``end``."""
    rng = random.Random(42)
    end = end or timezone.localdate()
    # No order is placed later than now (orders of today get a time that has passed).
    latest = min(
        timezone.localtime(),
        timezone.make_aware(datetime.combine(end, time.max), timezone.get_default_timezone()),
    )
    Order.objects.all().delete()
    Customer.objects.all().delete()
    Product.objects.all().delete()
    Category.objects.all().delete()
    products = []
    for category_name, items in CATALOGUE.items():
        category = Category.objects.create(name=category_name)
        for name, price in items:
            slug = name.lower().replace(" ", "-")
            products.append(
                Product.objects.create(
                    name=name, slug=slug, category=category, price=Decimal(price)
                )
            )
    customers = Customer.objects.bulk_create(
        Customer(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            email=f"customer{number}@example.com",
            country=rng.choice(COUNTRIES),
            joined=end - timedelta(days=rng.randrange(DAYS * 2)),
        )
        for number in range(CUSTOMERS)
    )
    statuses = [s for s, _ in Order.Status.choices]
    orders = []
    for _ in range(ORDERS):
        product = rng.choice(products)
        quantity = rng.randint(1, 5)
        day = end - timedelta(days=int(rng.triangular(0, DAYS, 0)))
        moment = datetime.combine(day, time(rng.randrange(24), rng.randrange(60)))
        created = timezone.make_aware(moment, timezone.get_default_timezone())
        orders.append(
            Order(
                customer=rng.choice(customers),
                product=product,
                quantity=quantity,
                total=product.price * quantity,
                status=rng.choices(statuses, weights=[1, 6, 8, 1])[0],
                created=min(created, latest),
            )
        )
    Order.objects.bulk_create(orders, batch_size=2000)
    return {"products": len(products), "customers": len(customers), "orders": len(orders)}
