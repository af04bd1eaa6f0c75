"""Small lookups shared by views and template tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dashboards.exceptions import DashboardNotFoundError

if TYPE_CHECKING:
    from dashboards.dashboard import Dashboard

__all__ = ["get_dashboard_class"]


def get_dashboard_class(app_label: str, dashboard_class: str) -> type[Dashboard]:
    """Return the registered dashboard class for an app label and a (case-insensitive) class name."""
    from dashboards.registry import registry

    try:
        found: type[Dashboard] = registry.get_by_classname(app_label, dashboard_class)
    except IndexError:
        raise DashboardNotFoundError(
            f"No dashboard {dashboard_class!r} is registered for app {app_label!r}."
        ) from None
    return found
