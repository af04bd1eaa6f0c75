"""Components whose values come from slow HTTP endpoints, fetched concurrently."""

import asyncio

from django.urls import reverse

from dashboards.component import Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.async_components.views import STATUS_CODES, http_client, status_url


# fetch-status-start
def fetch_status(code: int):
    """Make an async value callable that asks the slow endpoint for ``code``."""

    async def value(**kwargs) -> StatData:
        async with http_client() as client:
            response = await client.get(status_url(code))
        return StatData(text=str(response.status_code), sub_text=response.reason_phrase)

    return value


# fetch-status-end


# fetch-all-start
async def fetch_all(**kwargs) -> str:
    """One value that fetches every endpoint at once with ``asyncio.gather``."""
    async with http_client() as client:
        responses = await asyncio.gather(*[client.get(status_url(code)) for code in STATUS_CODES])
    return ", ".join(str(response.status_code) for response in responses)


# fetch-all-end


# status-dashboard-start
class StatusDashboard(Dashboard):
    """Five components that each wait for a slow endpoint: the page waits for the slowest only."""

    ok = Stat(value=fetch_status(200))
    created = Stat(value=fetch_status(201))
    missing = Stat(value=fetch_status(404))
    teapot = Stat(value=fetch_status(418))
    broken = Stat(value=fetch_status(500))
    everything = Text(defer=fetch_all)

    class Meta:
        name = "Async components"


# status-dashboard-end


# custom-view-dashboard-start
class AsyncComponentDashboard(Dashboard):
    """The same fetch, served by the hand-made ``AsyncComponentView`` through ``defer_url``."""

    async_httpbin = Text(
        defer_url=lambda reverse_args: reverse("async-component", args=reverse_args),
    )
    standard = Text(defer=lambda **kwargs: "A standard deferred component, beside it.")

    class Meta:
        name = "Custom async component view"


# custom-view-dashboard-end


registry.register(StatusDashboard)
registry.register(AsyncComponentDashboard)
