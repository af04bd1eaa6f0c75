"""Charts, a map, a gauge and stats over the shop's orders."""

# imports-start
from dashboards.component.chart import Chart
from dashboards.component.gauge import Gauge
from dashboards.component.gauge.gauge import GaugeValue
from dashboards.component.map import Map
from dashboards.component.stat import Stat
from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.charts.charts import (
    OrdersByCategory,
    OrdersByCountry,
    RevenuePerMonth,
    StalePendingOrders,
    orders_by_status,
    orders_for,
)
from examples.charts.stats import RecentOrders, Revenue
from examples.shop.models import Order

# imports-end


# charts-dashboard-start
class ChartsDashboard(Dashboard):
    revenue_total = Stat(value=Revenue, grid_css_classes="span-4")
    recent_orders = Stat(value=RecentOrders, grid_css_classes="span-4")
    shipped = Gauge(title="Orders shipped", grid_css_classes="span-4")
    revenue = Chart(value=RevenuePerMonth, grid_css_classes="span-12")
    # plotly.js config: no mode bar over this chart.
    categories = Chart(value=OrdersByCategory, displayModeBar=False)
    statuses = Chart(value=orders_by_status)
    # Deferred: drawn when htmx has fetched it, after the page.
    countries = Map(defer=OrdersByCountry, grid_css_classes="span-12")
    stale = Chart(value=StalePendingOrders, grid_css_classes="span-12")

    def get_shipped_value(self, filters, **kwargs) -> GaugeValue:
        orders = orders_for(filters)
        total = orders.count()
        shipped = orders.filter(status=Order.Status.SHIPPED).count()
        share = 100 * shipped / total if total else 0
        return GaugeValue(
            value=round(share, 1),
            max=100,
            value_text=f"{share:.0f}%",
            sub_text=f"{shipped:,} of {total:,} orders",
        )

    class Meta:
        name = "Charts"


# charts-dashboard-end


registry.register(ChartsDashboard)
