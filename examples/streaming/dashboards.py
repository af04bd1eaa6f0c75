"""A streamed page: what is ready shows at once, and each slow value fills its slot as it arrives."""

from dashboards.component import Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.async_components.views import http_client, status_url


# fetch-after-start
def fetch_after(code: int, delay: float):
    """An async value that asks the example site's slow endpoint for ``code`` after ``delay`` s."""

    async def value(**kwargs) -> StatData:
        async with http_client() as client:
            response = await client.get(status_url(code), params={"delay": delay})
        return StatData(text=str(response.status_code), sub_text=f"after {delay} s")

    return value


# fetch-after-end


# streamed-dashboard-start
class StreamedReportsDashboard(Dashboard):
    """Three reports of different speeds: the page arrives at once, each report when it is ready."""

    intro = Text(value="The reports below arrive in the order they finish, in one response.")
    slowest = Stat(value=fetch_after(200, 1.5))
    quickest = Stat(value=fetch_after(201, 0.1))
    middle = Stat(value=fetch_after(202, 0.6))

    class Meta:
        name = "Streaming"
        stream = True


# streamed-dashboard-end


registry.register(StreamedReportsDashboard)
