"""Per-object dashboards: one for each customer, each product, and each user's own account."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Sum

from dashboards.component import CTA, Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import ModelDashboard
from dashboards.permissions import IsAuthenticated
from dashboards.registry import registry
from examples.shop.models import Customer, Product


# customer-dashboard-start
class CustomerDashboard(ModelDashboard):
    """Served at ``model_dashboards/customerdashboard/<pk>/``; values receive ``object``."""

    summary = Text(
        value=lambda object, **kwargs: f"{object.name} ({object.country}), {object.email}"
    )
    orders = Stat(value=lambda object, **kwargs: StatData(text=str(object.orders.count())))
    spent = Stat(
        value=lambda object, **kwargs: StatData(
            text=f"€{object.orders.aggregate(total=Sum('total'))['total'] or 0:,.2f}",
            sub_text="spent",
        )
    )

    class Meta:
        model = Customer


# customer-dashboard-end


# product-dashboard-start
class ProductDashboard(ModelDashboard):
    """Looked up by slug at ``model_dashboards/productdashboard/<slug>/``."""

    price = Stat(value=lambda object, **kwargs: StatData(text=f"€{object.price}", sub_text="price"))
    buyers = Text(defer=lambda object, **kwargs: f"{object.orders.count()} orders so far.")
    category = Text(
        value=lambda object, **kwargs: f"More in {object.category}",
        cta=CTA(
            href=lambda obj: f"/dashboards/filters/ordersdashboard/?category={obj.category_id}"
        ),
    )

    class Meta:
        model = Product
        lookup_field = "slug"
        lookup_kwarg = "slug"

    def get_queryset(self):
        """Only products that have sold exist here: others are a 404."""
        return Product.objects.annotate(sold=Count("orders")).filter(sold__gt=0)


# product-dashboard-end


# object-permission-start
class OwnAccountOnly(IsAuthenticated):
    """Users see their own account's dashboard; staff see everyone's."""

    def has_object_permission(self, request, dashboard, obj) -> bool:
        return request.user.is_staff or obj == request.user


class AccountDashboard(ModelDashboard):
    username = Text(value=lambda object, **kwargs: f"Account of {object.get_username()}")
    joined = Text(value=lambda object, **kwargs: f"Joined {object.date_joined:%Y-%m-%d}")

    class Meta:
        model = get_user_model()
        lookup_field = "username"
        lookup_kwarg = "username"
        permission_classes = [OwnAccountOnly]


# object-permission-end


registry.register(CustomerDashboard)
registry.register(ProductDashboard)
registry.register(AccountDashboard)
