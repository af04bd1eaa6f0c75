"""Demo data for the live example: orders of the last hour, so that its page has something to
show before anyone places an order (``manage.py demo_data`` loads it after the shop's)."""

import random
from datetime import timedelta

from django.utils import timezone

from examples.shop.models import Customer, Order, Product

RECENT_ORDERS = 40


def load() -> dict[str, int]:
    """Add ``RECENT_ORDERS`` orders placed in the hour up to now."""
    rng = random.Random(7)
    now = timezone.now()
    products, customers = list(Product.objects.all()), list(Customer.objects.all())
    orders = []
    for _ in range(RECENT_ORDERS):
        product, quantity = rng.choice(products), rng.randint(1, 3)
        orders.append(
            Order(
                customer=rng.choice(customers),
                product=product,
                quantity=quantity,
                total=product.price * quantity,
                status=Order.Status.PAID,
                created=now - timedelta(seconds=rng.randrange(3600)),
            )
        )
    # bulk_create sends no post_save signal: no page is watching while the demo data loads.
    Order.objects.bulk_create(orders)
    return {"recent orders": len(orders)}
