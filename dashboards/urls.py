"""URLs of the dashboards app: include it once, e.g. ``path("dashboards/", include("dashboards.urls"))``."""

from typing import Any

from django.urls import include, path

from dashboards.config import Config
from dashboards.export_views import ExportView
from dashboards.live_views import LiveView
from dashboards.registry import registry
from dashboards.views import ComponentView, FormComponentView

__all__ = [
    "COMPONENT_OBJECT_PATTERN",
    "COMPONENT_PATTERN",
    "DASHBOARD_PATTERN",
    "EXPORT_OBJECT_PATTERN",
    "EXPORT_PATTERN",
    "FORM_COMPONENT_OBJECT_PATTERN",
    "FORM_COMPONENT_PATTERN",
    "LIVE_OBJECT_PATTERN",
    "LIVE_PATTERN",
    "MODEL_DASHBOARD_PATTERN",
    "app_name",
    "get_urlpatterns",
]

app_name = "dashboards"

DASHBOARD_PATTERN = "<str:app_label>/<str:dashboard>/"
MODEL_DASHBOARD_PATTERN = DASHBOARD_PATTERN + "<str:lookup>/"
COMPONENT_PATTERN = DASHBOARD_PATTERN + "@component/<slug:component>/"
COMPONENT_OBJECT_PATTERN = MODEL_DASHBOARD_PATTERN + "@component/<slug:component>/"
EXPORT_PATTERN = COMPONENT_PATTERN + "@export/<slug:format>/"
EXPORT_OBJECT_PATTERN = COMPONENT_OBJECT_PATTERN + "@export/<slug:format>/"
FORM_COMPONENT_PATTERN = DASHBOARD_PATTERN + "<slug:component>/@form/"
FORM_COMPONENT_OBJECT_PATTERN = MODEL_DASHBOARD_PATTERN + "<slug:component>/@form/"
LIVE_PATTERN = DASHBOARD_PATTERN + "@live/"
LIVE_OBJECT_PATTERN = MODEL_DASHBOARD_PATTERN + "@live/"


def get_urlpatterns() -> list[Any]:
    """Build the patterns from the registry and settings as they are now."""
    # The component and form routes come first: they answer most requests (every deferred
    # component, table page and poll), and no page route can match their ``@`` segments.
    patterns: list[Any] = [
        ComponentView.as_route(COMPONENT_PATTERN, name="dashboard_component"),
        ComponentView.as_route(COMPONENT_OBJECT_PATTERN, name="dashboard_component"),
        FormComponentView.as_route(FORM_COMPONENT_PATTERN, name="form_component"),
        FormComponentView.as_route(FORM_COMPONENT_OBJECT_PATTERN, name="form_component"),
        LiveView.as_route(LIVE_PATTERN, name="dashboard_live"),
        LiveView.as_route(LIVE_OBJECT_PATTERN, name="dashboard_live"),
        ExportView.as_route(EXPORT_PATTERN, name="component_export"),
        ExportView.as_route(EXPORT_OBJECT_PATTERN, name="component_export"),
    ]
    if Config().DASHBOARDS_INCLUDE_DASHBOARD_VIEWS:
        patterns.append(path("", include(registry.urls)))
    return patterns


def __getattr__(name: str) -> Any:
    # ``urlpatterns`` is built when Django's resolver first reads it (after every app's
    # dashboards.py has been autodiscovered), not when this module is imported.
    if name == "urlpatterns":
        return get_urlpatterns()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
