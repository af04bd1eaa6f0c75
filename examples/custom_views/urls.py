"""Routes of the custom views example."""

from django.urls import include, path

from dashboards.urls import COMPONENT_PATTERN
from dashboards.views import DashboardView
from examples.custom_views.dashboards import ReportDashboard
from examples.custom_views.views import OverviewView, PlainComponentView, ReportPageView

# custom-urls-start
urlpatterns = [
    # The dashboard page at a URL of your choosing, with its permissions.
    path(
        "report/",
        DashboardView.as_view(dashboard_class=ReportDashboard),
        name="report",
    ),
    # The dashboard inside an ordinary template view.
    path("report-page/", ReportPageView.as_view(), name="report-page"),
    # A custom component view, used by a component through ``defer_url``.
    path(
        "plain/" + COMPONENT_PATTERN,
        PlainComponentView.as_view(),
        name="plain-component",
    ),
    # Several dashboards on one page of your own.
    path("overview/", OverviewView.as_view(), name="overview"),
]
# custom-urls-end

# namespace-start
urlpatterns += [
    # Every dashboard again, in the instance namespace "reports" of the app "dashboards".
    path("reports/", include("dashboards.urls", namespace="reports")),
]
# namespace-end
