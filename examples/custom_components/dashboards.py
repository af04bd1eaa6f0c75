"""The custom component in a dashboard."""

from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.custom_components.components import Progress


# progress-dashboard-start
async def disk_used(**kwargs) -> int:
    return 73


class CustomComponentDashboard(Dashboard):
    disk = Progress(value=disk_used, label="Disk used")
    quota = Progress(value=12, maximum=20, label="Seats taken")

    class Meta:
        name = "Custom components"


# progress-dashboard-end


registry.register(CustomComponentDashboard)
