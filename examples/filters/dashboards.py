"""A dashboard with a filter bar: the filter state lives in the URL, every component follows it."""

from django.db.models import Sum

from dashboards.component import Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.filters.filtersets import OrderFilter


# filtered-values-start
async def order_count(filterset, **kwargs) -> StatData:
    """``filterset.qs`` is the filtered queryset; the async ORM counts it."""
    return StatData(text=f"{await filterset.qs.acount():,}", sub_text="orders")


async def revenue(filterset, **kwargs) -> StatData:
    totals = await filterset.qs.aaggregate(revenue=Sum("total"))
    return StatData(text=f"€{totals['revenue'] or 0:,.2f}", sub_text="revenue")


def latest_orders(filterset, **kwargs) -> str:
    """A deferred value: it is fetched later, with the same filters in its URL."""
    orders = filterset.qs.select_related("customer", "product")[:5]
    lines = [f"{o.created:%Y-%m-%d} {o.customer} bought {o.product} ({o.status})" for o in orders]
    return "\n".join(lines) or "No orders match."


# filtered-values-end


# filtered-dashboard-start
class OrdersDashboard(Dashboard):
    orders = Stat(value=order_count)
    revenue = Stat(value=revenue)
    latest = Text(defer=latest_orders, grid_css_classes="span-12")

    class Meta:
        name = "Filtered orders"
        filterset_class = OrderFilter


# filtered-dashboard-end


registry.register(OrdersDashboard)
