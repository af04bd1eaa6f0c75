"""Forms and dependents: a filter form drives two components; a POST form refreshes a list."""

from django.db.models import Count, Sum

from dashboards.component import Form, Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.forms.forms import CategoryForm, CountryForm
from examples.shop.models import Category, Order


# filter-values-start
def orders_for(filters) -> object:
    """The orders of the country chosen in the form (``filters`` holds the form's data)."""
    orders = Order.objects.all()
    if filters.get("country"):
        orders = orders.filter(customer__country=filters["country"])
    return orders


def revenue(filters, **kwargs) -> StatData:
    total = orders_for(filters).aggregate(total=Sum("total"))["total"] or 0
    return StatData(text=f"€{total:,.2f}", sub_text=filters.get("country") or "All countries")


def top_products(filters, **kwargs) -> str:
    rows = (
        orders_for(filters)
        .values("product__name")
        .annotate(orders=Count("id"))
        .order_by("-orders", "product__name")[:3]
    )
    return "\n".join(f"{row['product__name']}: {row['orders']} orders" for row in rows)


# filter-values-end


def category_names(**kwargs) -> str:
    return ", ".join(Category.objects.values_list("name", flat=True)) or "No categories yet."


# forms-dashboard-start
class FormsDashboard(Dashboard):
    country = Form(form=CountryForm, dependents=["revenue", "top_products"])
    revenue = Stat(value=revenue)
    top_products = Text(value=top_products)
    add_category = Form(
        form=CategoryForm, method="post", trigger="submit", dependents=["categories"]
    )
    categories = Text(value=category_names)

    class Meta:
        name = "Forms and dependents"


# forms-dashboard-end


registry.register(FormsDashboard)
