"""A dashboard that needs no extra: a text, an async stat and a deferred text."""

from django.contrib.auth import get_user_model

from dashboards.component import Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry


async def count_users(**kwargs) -> StatData:
    """An async value from the async ORM."""
    return StatData(text=str(await get_user_model().objects.acount()), sub_text="users")


class PlainDashboard(Dashboard):
    welcome = Text(value="Hello from the installed wheel")
    users = Stat(value=count_users)
    later = Text(defer=lambda **kwargs: "Loaded after the page")


registry.register(PlainDashboard)
