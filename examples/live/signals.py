"""Publish the "orders" topic whenever an order is saved, wherever it is saved from."""

# signal-start
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from dashboards.live import publish
from examples.shop.models import Order


@receiver(post_save, sender=Order)
def order_saved(sender, instance, **kwargs) -> None:
    """Re-render the orders on every open page, once the order is committed (a page that
    re-rendered before the commit would not see it)."""
    transaction.on_commit(lambda: publish("orders"))


# signal-end
