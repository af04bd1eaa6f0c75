"""The custom components in a dashboard."""

from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from examples.custom_components.components import Progress, Sparkline, UserCount


# dashboard-start
async def disk_used(**kwargs) -> int:
    return 73


def signups_per_day(**kwargs) -> list[int]:
    return [3, 5, 4, 8, 6, 9, 12]


class CustomComponentDashboard(Dashboard):
    disk = Progress(value=disk_used, label="Disk used")
    quota = Progress(value=12, maximum=20, label="Seats taken")
    users = UserCount()
    visits = Sparkline(value=[120, 132, 101, 134, 90, 230, 210], label="Visits this week")
    # Deferred: sparkline.js draws it when htmx swaps it in.
    signups = Sparkline(defer=signups_per_day, label="Sign-ups this week")

    class Meta:
        name = "Custom components"


# dashboard-end


registry.register(CustomComponentDashboard)
