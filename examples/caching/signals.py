"""Forget the cached report whenever an order is saved or deleted."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dashboards.cache import invalidate
from examples.caching.dashboards import CachedReportDashboard
from examples.shop.models import Order


# invalidate-start
@receiver(post_save, sender=Order)
@receiver(post_delete, sender=Order)
def forget_the_report(sender, **kwargs) -> None:
    """An order changed: the next request computes the report again, once."""
    invalidate(CachedReportDashboard, "report")


# invalidate-end
