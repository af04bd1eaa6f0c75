"""The app config: discovers each installed app's ``dashboards.py`` and ``dashboard_menu.py``."""

from django.apps import AppConfig

__all__ = ["DashboardConfig"]


class DashboardConfig(AppConfig):
    """Django app ``dashboards``."""

    name = "dashboards"
    verbose_name = "Django Dashboards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the system checks; import each app's ``dashboards`` and ``dashboard_menu`` modules."""
        from dashboards import checks  # noqa: F401  (registers the checks)
        from dashboards.dashboard import Dashboard
        from dashboards.menus.registry import menu_registry
        from dashboards.registry import registry
        from dashboards.views import DashboardView

        if Dashboard.page_view_class is None:
            Dashboard.page_view_class = DashboardView

        registry.autodiscover()
        menu_registry.autodiscover()
