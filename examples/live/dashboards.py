"""The "orders arriving" dashboard: its counters, chart and latest orders are live."""

# imports-start
from datetime import timedelta

import plotly.express as px
from django.db.models import Count, Sum
from django.db.models.functions import TruncMinute
from django.utils import timezone

from dashboards.component import BasicTable, Chart, Stat, Text
from dashboards.component.chart import ChartSerializer
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.permissions import IsAuthenticated
from dashboards.registry import registry
from examples.shop.models import Order

# imports-end


# values-start
def last_hour():
    """The orders placed in the last hour."""
    return Order.objects.filter(created__gte=timezone.now() - timedelta(hours=1))


def orders_count(**kwargs) -> StatData:
    return StatData(text=f"{last_hour().count():,}", sub_text="orders in the last hour")


def revenue(**kwargs) -> StatData:
    total = last_hour().aggregate(total=Sum("total"))["total"] or 0
    return StatData(text=f"{total:,.2f} €", sub_text="revenue in the last hour")


class OrdersPerMinute(ChartSerializer):
    """A bar per minute of the last hour."""

    class Meta:
        title = "Orders per minute"
        fields = ["minute", "orders"]
        height = 300

    def get_queryset(self, **kwargs):
        return (
            last_hour()
            .annotate(minute=TruncMinute("created"))
            .values("minute")
            .annotate(orders=Count("pk"))
            .order_by("minute")
        )

    def to_fig(self, df):
        return px.bar(df, x="minute", y="orders")


def latest_orders(**kwargs) -> list[dict]:
    """The ten newest orders, as rows of a plain table."""
    orders = Order.objects.select_related("customer", "product")[:10]
    return [
        {
            "Order": order.pk,
            "Placed": timezone.localtime(order.created).strftime("%H:%M:%S"),
            "Customer": order.customer.name,
            "Product": order.product.name,
            "Total (€)": order.total,
        }
        for order in orders
    ]


# values-end


# live-dashboard-start
class OrdersArrivingDashboard(Dashboard):
    # Each of these is re-rendered on every open page when "orders" is published.
    count = Stat(value=orders_count, live="orders", grid_css_classes="span-4")
    revenue = Stat(value=revenue, live="orders", grid_css_classes="span-4")
    # Only a logged-in user may place an order (and see the button).
    new_order = Text(
        template_name="live/new_order.html",
        permission_classes=[IsAuthenticated],
        grid_css_classes="span-4",
    )
    per_minute = Chart(value=OrdersPerMinute, live="orders", grid_css_classes="span-12")
    latest = BasicTable(value=latest_orders, live="orders", grid_css_classes="span-12")

    class Meta:
        name = "Orders arriving"


# live-dashboard-end


registry.register(OrdersArrivingDashboard)
