"""Chart serializers and a figure callable over the shop's orders."""

# imports-start
from datetime import timedelta

import plotly.express as px
import plotly.graph_objects as go
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from dashboards.component.chart import ChartSerializer
from examples.shop.models import Order

# imports-end


# category-filter-start
def orders_for(filters=None):
    """The orders, of one category when the query string says ``?category=<name>``."""
    orders = Order.objects.all()
    if filters and filters.get("category"):
        # The ORM quotes the value: user input never becomes code (no DataFrame.query here).
        orders = orders.filter(product__category__name=filters["category"])
    return orders


# category-filter-end


# revenue-start
class RevenuePerMonth(ChartSerializer):
    """A bar per month: the database sums the orders, pandas and plotly draw the result."""

    class Meta:
        title = "Revenue per month"
        fields = ["month", "revenue"]
        height = 360

    layout = {"yaxis": {"title": {"text": "Revenue (€)"}}, "xaxis": {"title": {"text": ""}}}

    def get_queryset(self, filters=None, **kwargs):
        return (
            orders_for(filters)
            .annotate(month=TruncMonth("created"))
            .values("month")
            .annotate(revenue=Sum("total"))
            .order_by("month")
        )

    def to_fig(self, df):
        return px.bar(df, x="month", y=df["revenue"].astype(float))


# revenue-end


# categories-start
class OrdersByCategory(ChartSerializer):
    """A pie of the orders per product category."""

    class Meta:
        title = "Orders by category"
        fields = ["category", "orders"]

    def get_queryset(self, filters=None, **kwargs):
        return (
            orders_for(filters)
            .values(category=F("product__category__name"))
            .annotate(orders=Count("pk"))
            .order_by("category")
        )

    def to_fig(self, df):
        return px.pie(df, names="category", values="orders", hole=0.4)


# categories-end


# countries-start
#: ISO 3166 alpha-2 codes (as the shop stores them) to the alpha-3 codes plotly's maps use.
ISO3 = {
    "BR": "BRA",
    "CA": "CAN",
    "DE": "DEU",
    "ES": "ESP",
    "FR": "FRA",
    "GB": "GBR",
    "IT": "ITA",
    "JP": "JPN",
    "NL": "NLD",
    "PL": "POL",
    "SE": "SWE",
    "US": "USA",
}


class OrdersByCountry(ChartSerializer):
    """A choropleth of the orders per customer country."""

    class Meta:
        title = "Orders by customer country"
        fields = ["country", "orders"]

    def get_queryset(self, filters=None, **kwargs):
        return (
            orders_for(filters)
            .values(country=F("customer__country"))
            .annotate(orders=Count("pk"))
            .order_by("country")
        )

    def to_fig(self, df):
        return go.Figure(
            go.Choropleth(
                locations=df["country"].map(ISO3),
                z=df["orders"],
                text=df["country"],
                locationmode="ISO-3",
                colorscale="Blues",
                colorbar={"title": {"text": "Orders"}},
            ),
            layout={"geo": {"projection": {"type": "natural earth"}}},
        )


# countries-end


# no-data-start
class StalePendingOrders(ChartSerializer):
    """Orders still pending after a year: none, so the chart says "… - No data"."""

    class Meta:
        title = "Pending for over a year"
        fields = ["created", "total"]

    def get_queryset(self, filters=None, **kwargs):
        year_ago = timezone.now() - timedelta(days=366)
        return orders_for(filters).filter(status=Order.Status.PENDING, created__lt=year_ago)

    def to_fig(self, df):
        return px.scatter(df, x="created", y="total")


# no-data-end


# figure-dict-start
def orders_by_status(filters=None, **kwargs):
    """A plain figure dict: no serializer, no pandas."""
    counts = dict(
        orders_for(filters).values_list("status").annotate(n=Count("pk")).order_by("status")
    )
    statuses = [label for _value, label in Order.Status.choices]
    return {
        "data": [
            {
                "type": "bar",
                "x": statuses,
                "y": [counts.get(value, 0) for value, _label in Order.Status.choices],
            }
        ],
        "layout": {"title": {"text": "Orders by status"}, "height": 360},
    }


# figure-dict-end
