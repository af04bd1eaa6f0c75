"""The benchmark app's config: it imports its dashboards, as django-dashboards 0.1.7 needs."""

from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "bench"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # 0.1.7 does not autodiscover dashboards; ours does, and a second import is a no-op.
        from bench import dashboards  # noqa: F401
