"""The app config: discovers every installed app's ``dashboards.py`` when Django starts."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Django app ``dashboards``."""

    name = "dashboards"
    verbose_name = "Django Dashboards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the system checks and import each app's ``dashboards`` module."""
        from dashboards import checks  # noqa: F401  (registers the checks)
        from dashboards.registry import registry

        registry.autodiscover()
