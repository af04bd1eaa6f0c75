"""The quickstart dashboard: the first dashboard of the tutorial."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from dashboards.component import Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry


async def count_users(**kwargs) -> StatData:
    """An async value: Django's async ORM counts the users without blocking the server."""
    total = await get_user_model().objects.acount()
    return StatData(text=str(total), sub_text="registered users")


def server_time(**kwargs) -> str:
    """A sync value, computed after the page has loaded: the component is deferred."""
    return f"The server's time is {timezone.now():%H:%M:%S} UTC."


class FirstDashboard(Dashboard):
    welcome = Text(value="Welcome to Django Dashboards!")
    users = Stat(value=count_users)
    clock = Text(defer=server_time)

    class Meta:
        name = "First dashboard"


registry.register(FirstDashboard)
