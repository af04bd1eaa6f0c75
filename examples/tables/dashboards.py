"""Tables of the shop's orders: paged, sorted and searched on the server."""

# imports-start
from django.db.models import Count, F, Sum

from dashboards.component.table import BasicTable, Table, TableSerializer
from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.shop.models import Customer, Order, Product

# imports-end


# orders-table-start
class OrdersTable(TableSerializer):
    """Every order, newest first: the database searches, sorts and pages them."""

    class Meta:
        title = "Orders"
        model = Order
        columns = {
            "id": "Order",
            "created": "Placed",
            "customer__name": "Customer",
            "product__name": "Product",
            "quantity": "Quantity",
            "total": "Total (€)",
            "status": "Status",
        }
        order = ["-created"]

    def get_status_value(self, order):
        return order.get_status_display()


# orders-table-end


# customers-table-start
class CustomersTable(TableSerializer):
    """Each customer's name links to the customer's dashboard (``get_absolute_url``)."""

    class Meta:
        title = "Customers"
        model = Customer
        columns = {
            "name": "Customer",
            "country": "Country",
            "email": "Email",
            "joined": "Joined",
        }
        order = ["name"]
        first_as_absolute_url = True


# customers-table-end


# countries-table-start
COUNTRY_NAMES = {
    "BR": "Brazil",
    "CA": "Canada",
    "DE": "Germany",
    "ES": "Spain",
    "FR": "France",
    "GB": "United Kingdom",
    "IT": "Italy",
    "JP": "Japan",
    "NL": "Netherlands",
    "PL": "Poland",
    "SE": "Sweden",
    "US": "United States",
}


class CountriesTable(TableSerializer):
    """Sales by country: get_data returns a list of dicts, which the table pages."""

    class Meta:
        title = "Sales by country"
        columns = {"country": "Country", "orders": "Orders", "revenue": "Revenue"}
        order = ["-revenue"]

    def get_data(self, **kwargs):
        totals = (
            Order.objects.values(code=F("customer__country"))
            .annotate(orders=Count("id"), revenue=Sum("total"))
            .order_by()
        )
        return [
            {
                "country": COUNTRY_NAMES.get(row["code"], row["code"]),
                "orders": row["orders"],
                "revenue": row["revenue"],
            }
            for row in totals
        ]

    def get_revenue_value(self, row):
        # Sorting uses the number; the cell shows it formatted.
        return f"€{row['revenue']:,.2f}"


# countries-table-end


# plain-rows-start
def product_rows(**kwargs):
    """A plain list of dicts: the columns are the first row's keys."""
    rows = Product.objects.values("name", "category__name", "price").order_by("name")
    return list(rows)


def orders_by_status(**kwargs):
    """Rows for the BasicTable: a plain HTML table, with no paging."""
    counts = dict(Order.objects.values_list("status").annotate(Count("id")).order_by())
    rows = []
    for value, label in Order.Status.choices:
        rows.append({"Status": label, "Orders": counts.get(value, 0)})
    return rows


# plain-rows-end


# tables-dashboard-start
class TablesDashboard(Dashboard):
    # Deferred: the page loads first, then htmx fetches the first page of orders.
    orders = Table(defer=OrdersTable, page_size=25, grid_css_classes="span-12")
    # Links from each row to a ModelDashboard: a drill-down.
    customers = Table(defer=CustomersTable, page_size=10, grid_css_classes="span-12")
    # Not deferred: rendered with the page, five rows per page.
    countries = Table(value=CountriesTable, page_size=5)
    # A list of dicts without a serializer: the table pages, sorts and searches it itself.
    products = Table(value=product_rows, page_size=5, searching=False)
    # A plain HTML table.
    statuses = BasicTable(value=orders_by_status)

    class Meta:
        name = "Tables"


# tables-dashboard-end


registry.register(TablesDashboard)
