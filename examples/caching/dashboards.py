"""A slow report kept in Django's cache: computed once, served warm until an order changes."""

import asyncio

from django.db.models import Count, Sum
from django.utils import timezone

from dashboards.cache import Cache
from dashboards.component import Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.shop.models import Order

#: Seconds of pretend work in the report (a slow query, a remote service).
REPORT_SECONDS = 0.5


# slow-report-start
async def sales_report(**kwargs) -> StatData:
    """A slow report: half a second of work, then the orders' count and revenue."""
    await asyncio.sleep(REPORT_SECONDS)
    totals = await Order.objects.aaggregate(orders=Count("pk"), revenue=Sum("total"))
    return StatData(
        text=f"{totals['revenue'] or 0:,.2f}",
        sub_text=f"{totals['orders']:,} orders, computed at {timezone.now():%H:%M:%S.%f}",
    )


# slow-report-end


# greeting-start
def greeting(request, **kwargs) -> str:
    """A value of each user's own (the cache keeps one per user unless told otherwise)."""
    name = request.user.get_username() if request.user.is_authenticated else "visitor"
    return f"Hello, {name}: computed at {timezone.now():%H:%M:%S.%f}"


# greeting-end


# cached-dashboard-start
class CachedReportDashboard(Dashboard):
    """The slow report, shared by everyone for five minutes, and a greeting per user."""

    report = Stat(value=sales_report, cache=Cache(timeout=300, vary_on=()))
    greeting = Text(value=greeting, cache=60)

    class Meta:
        name = "Cached report"


# cached-dashboard-end


registry.register(CachedReportDashboard)
