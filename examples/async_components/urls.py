"""URLs of the async example: the slow endpoints and the custom component view."""

from django.urls import path

from dashboards.urls import COMPONENT_PATTERN
from examples.async_components.views import AsyncComponentView, slow_status

urlpatterns = [
    path("status/<int:code>/", slow_status, name="slow-status"),
    # custom-view-url-start
    path(
        "asynccomponent/" + COMPONENT_PATTERN,
        AsyncComponentView.as_view(),
        name="async-component",
    ),
    # custom-view-url-end
]
