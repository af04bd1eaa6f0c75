"""Dynamic dashboards: components built in ``__init__`` from the request, and a staff-only one."""

from dashboards.component import Text
from dashboards.dashboard import Dashboard
from dashboards.permissions import IsAdminUser
from dashboards.registry import registry
from examples.shop.models import Category


# dynamic-dashboard-start
class CategoriesDashboard(Dashboard):
    """One component per category, built for each request (and for that request only)."""

    intro = Text(value="One card per category, built when the page is requested.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category.objects.all():
            self.components[f"category_{category.pk}"] = Text(
                value=f"{category.name}: {category.products.count()} products",
                grid_css_classes="span-3",
            )
        request = kwargs.get("request")
        if request is not None and request.user.is_staff:
            self.components["staff_note"] = Text(value="Staff see this extra card.")

    class Meta:
        name = "Dynamic dashboard"


# dynamic-dashboard-end


# component-permission-start
class MixedAudienceDashboard(Dashboard):
    """A component with its own ``permission_classes`` is left out for users it refuses."""

    public = Text(value="Everyone sees this.")
    staff_only = Text(value="Only staff see this.", permission_classes=[IsAdminUser])

    class Meta:
        name = "Per-component permissions"


# component-permission-end


registry.register(CategoriesDashboard)
registry.register(MixedAudienceDashboard)
