"""Place a random order now: what the button on the page and the management command do."""

import random
from decimal import Decimal

from django.utils import timezone

from examples.shop.models import Customer, Order, Product


# place-order-start
def place_order() -> Order:
    """A new order of a random product by a random customer, placed now (the demo data's
    products and customers: ``manage.py demo_data``)."""
    product = Product.objects.order_by("?").first()
    customer = Customer.objects.order_by("?").first()
    if product is None or customer is None:
        raise LookupError("No products or customers: run manage.py demo_data first.")
    quantity = random.randint(1, 3)
    return Order.objects.create(
        customer=customer,
        product=product,
        quantity=quantity,
        total=product.price * Decimal(quantity),
        status=Order.Status.PAID,
        created=timezone.now(),
    )


# place-order-end
