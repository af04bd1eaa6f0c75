"""The dashboards the custom views example serves in other ways than their generated pages."""

from django.urls import reverse

from dashboards.component import Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.permissions import IsAuthenticated
from dashboards.registry import registry


# report-dashboard-start
class ReportDashboard(Dashboard):
    headline = Text(value="A dashboard inside your own views.")
    shouted = Text(
        defer=lambda **kwargs: "served by a custom component view",
        defer_url=lambda reverse_args: reverse("plain-component", args=reverse_args),
    )

    class Meta:
        name = "Report"
        permission_classes = [IsAuthenticated]


# report-dashboard-end


# team-dashboard-start
class TeamDashboard(Dashboard):
    members = Stat(value=StatData(text="12", sub_text="people in the team"))
    on_call = Text(value="On call this week: Grace.")

    class Meta:
        name = "Team"


# team-dashboard-end


registry.register(ReportDashboard)
registry.register(TeamDashboard)
