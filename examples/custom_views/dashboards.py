"""The dashboard the custom views example serves in three other ways."""

from django.urls import reverse

from dashboards.component import Text
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


registry.register(ReportDashboard)
