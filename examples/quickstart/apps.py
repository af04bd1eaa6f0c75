"""The quickstart app: when it is ready, it imports the second step's dashboards."""

from django.apps import AppConfig


class QuickstartConfig(AppConfig):
    name = "examples.quickstart"

    def ready(self):
        # The dashboards app imports dashboards.py by itself; other modules, here.
        from examples.quickstart import reports  # noqa: F401
