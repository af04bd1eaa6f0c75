"""A URLconf with the component route but not the download routes."""

from django.urls import include, path

from dashboards.urls import COMPONENT_PATTERN
from dashboards.views import ComponentView

app_patterns = (
    [ComponentView.as_route(COMPONENT_PATTERN, name="dashboard_component")],
    "dashboards",
)
urlpatterns = [path("dashboards/", include(app_patterns))]
