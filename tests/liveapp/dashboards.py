"""Dashboards with live components; autodiscovered like a user's app."""

from dashboards.component import Text
from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.permissions import IsAdminUser, IsAuthenticated
from dashboards.registry import registry

#: What the live values show; a test changes it, then publishes.
STATE = {"count": 0}


def count(**kwargs) -> str:
    return f"count {STATE['count']}"


def count_with_filters(filters, **kwargs) -> str:
    return f"count {STATE['count']} for {filters.get('region', 'everywhere')}"


class LiveDashboard(Dashboard):
    counter = Text(value=count, live="orders")
    regional = Text(value=count_with_filters, live=["orders", "regions"])
    later = Text(defer=count, live="later")
    still = Text(value=count)
    secret = Text(value="staff only", live="orders", permission_classes=[IsAdminUser])

    class Meta:
        app_label = "testapp"  # listed with the test app's (the example site's menus leave it out)


class MembersLiveDashboard(Dashboard):
    counter = Text(value=count, live="orders")

    class Meta:
        app_label = "testapp"
        permission_classes = [IsAuthenticated]


class NotLiveDashboard(Dashboard):
    still = Text(value=count)

    class Meta:
        app_label = "testapp"


class UserLiveDashboard(ModelDashboard):
    name = Text(value=lambda object, **kwargs: f"user {object.username}", live="users")

    class Meta:
        from django.contrib.auth.models import User

        app_label = "testapp"
        model = User


for dashboard in (LiveDashboard, MembersLiveDashboard, NotLiveDashboard, UserLiveDashboard):
    registry.register(dashboard)
