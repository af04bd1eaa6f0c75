"""Seeded rows for the benchmark tables: the same data on every run and for both libraries."""

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import transaction

from bench.models import Order, SmallOrder

FIRST = ["Ada", "Alan", "Grace", "Linus", "Guido", "Barbara", "Ken", "Margaret", "Tim", "Katherine"]
LAST = ["Lovelace", "Turing", "Hopper", "Torvalds", "van Rossum", "Liskov", "Thompson", "Hamilton"]
COUNTRIES = ["GB", "FR", "DE", "ES", "IT", "NL", "SE", "PL", "US", "CA", "BR", "JP"]
PRODUCTS = {
    "Django for Everyone": "24.00",
    "Async Python": "31.50",
    "Space Trader": "39.00",
    "Puzzle Box": "12.00",
    "Jazz Nights": "9.99",
    "Pocket Knife": "27.00",
}
STATUSES = ["pending", "paid", "shipped", "refunded"]
END = datetime(2025, 1, 1, tzinfo=UTC)
SIZES = {Order: 10_000, SmallOrder: 1_000}


def rows(model: type, count: int, seed: int) -> list:
    """``count`` unsaved rows of ``model``, from a seeded generator."""
    rng = random.Random(seed)
    products = list(PRODUCTS.items())
    result = []
    for _ in range(count):
        name, price = rng.choice(products)
        quantity = rng.randint(1, 5)
        result.append(
            model(
                customer=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                country=rng.choice(COUNTRIES),
                product=name,
                status=rng.choices(STATUSES, weights=[1, 6, 8, 1])[0],
                quantity=quantity,
                total=Decimal(price) * quantity,
                created=END - timedelta(minutes=rng.randrange(365 * 24 * 60)),
            )
        )
    return result


@transaction.atomic
def seed() -> dict[str, int]:
    """Fill each table with its rows unless it already holds exactly that many."""
    counts = {}
    for model, size in SIZES.items():
        if model.objects.count() != size:
            model.objects.all().delete()
            model.objects.bulk_create(rows(model, size, seed=42), batch_size=2000)
        counts[model.__name__] = size
    return counts
