"""The live example's app: it connects the signal that publishes each new order."""

from django.apps import AppConfig


# app-config-start
class LiveConfig(AppConfig):
    name = "examples.live"

    def ready(self) -> None:
        from examples.live import signals  # noqa: F401 - connects the receiver


# app-config-end
