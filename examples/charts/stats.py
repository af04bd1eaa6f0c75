"""Stat serializers over the shop's orders: a count, and a count compared with the month before."""

# imports-start
from datetime import timedelta

from django.db.models import Sum

from dashboards.component.stat import StatDateChangeSerializer, StatSerializer
from examples.charts.charts import orders_for
from examples.shop.models import Order

# imports-end


# revenue-stat-start
class Revenue(StatSerializer):
    """The revenue of every order (of the category in ``?category=``, if any)."""

    class Meta:
        model = Order
        annotation = Sum
        annotation_field = "total"
        title = "Revenue"
        unit = " €"

    def get_queryset(self, filters=None, **kwargs):
        return orders_for(filters)

    def get_value(self, **kwargs):
        total = super().get_value(**kwargs)  # a Decimal, or None without orders
        return f"{total or 0:,.0f}"


# revenue-stat-end


# recent-orders-start
class RecentOrders(StatDateChangeSerializer):
    """Orders of the last 30 days, and the change from the 30 days before."""

    class Meta:
        model = Order
        title = "Orders, last 30 days"
        date_field_name = "created"
        previous_delta = timedelta(days=30)

    def get_queryset(self, filters=None, **kwargs):
        return orders_for(filters)

    def filter_period(self, queryset, end):
        # Only the 30 days up to ``end``; the default counts every order up to ``end``.
        start = end - self.get_previous_delta()
        return queryset.filter(created__gt=start, created__lte=end)


# recent-orders-end
