"""Downloads: every Table's rows as CSV, JSON or Excel, and a chart's data as CSV."""

# imports-start
import plotly.graph_objects as go
from django.db.models import Count, Sum

from dashboards.component import Chart, Table
from dashboards.component.table import TableSerializer
from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.permissions import IsAdminUser
from dashboards.registry import registry
from examples.filters.filtersets import OrderFilter
from examples.shop.models import Customer

# imports-end


# orders-export-start
class OrderRows(TableSerializer):
    """The orders the filter bar keeps: the page shows 10, a download has every one."""

    class Meta:
        title = "Orders"
        columns = {
            "id": "Order",
            "created": "Placed",
            "customer__name": "Customer",
            "product__name": "Product",
            "total": "Total",
            "status": "Status",
        }
        order = ["-created"]

    def get_queryset(self, filterset, **kwargs):
        return filterset.qs

    def get_status_value(self, order):
        # The page and the downloads show the label ("Paid"), not the stored value.
        return order.get_status_display()


# orders-export-end


# chart-export-start
def revenue_by_status(filterset, **kwargs):
    """A bar per status; its CSV download has a row per bar."""
    totals = filterset.qs.values("status").annotate(revenue=Sum("total")).order_by("status")
    figure = go.Figure(
        go.Bar(
            name="Revenue",
            x=[row["status"] for row in totals],
            y=[float(row["revenue"]) for row in totals],
        )
    )
    return figure.update_layout(title="Revenue by status")


# chart-export-end


# customers-export-start
class CustomerEmails(TableSerializer):
    class Meta:
        title = "Customer emails"
        model = Customer
        columns = {"name": "Customer", "email": "Email", "country": "Country"}


def orders_by_status(filterset, **kwargs):
    counts = filterset.qs.values("status").annotate(orders=Count("id")).order_by("status")
    return [{"status": row["status"], "orders": row["orders"]} for row in counts]


# customers-export-end


# export-dashboard-start
class ExportDashboard(Dashboard):
    # Download links under the table: CSV, JSON, and Excel with the ``xlsx`` extra.
    orders = Table(value=OrderRows, page_size=10, grid_css_classes="span-12")
    # A chart's data: at its URL, as CSV.
    revenue = Chart(value=revenue_by_status)
    # Staff only: other users see neither the table nor its downloads (403).
    emails = Table(value=CustomerEmails, page_size=5, permission_classes=[IsAdminUser])
    # No downloads for this one.
    statuses = Table(value=orders_by_status, paging=False, export_formats=())

    class Meta:
        name = "Downloads"
        filterset_class = OrderFilter


# export-dashboard-end


# object-export-start
class CustomerOrders(TableSerializer):
    class Meta:
        title = "Orders"
        columns = {"id": "Order", "created": "Placed", "product__name": "Product", "total": "Total"}
        order = ["-created"]

    def get_queryset(self, object, **kwargs):
        return object.orders.all()


class CustomerExportDashboard(ModelDashboard):
    """Each customer's orders; a download has that customer's orders only."""

    orders = Table(value=CustomerOrders, page_size=5, grid_css_classes="span-12")

    class Meta:
        model = Customer
        name = "Customer downloads"


# object-export-end


registry.register(ExportDashboard)
registry.register(CustomerExportDashboard)
