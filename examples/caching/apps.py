"""The caching example's app: it connects the signal receivers that invalidate the cache."""

from django.apps import AppConfig


# app-config-start
class CachingConfig(AppConfig):
    name = "examples.caching"

    def ready(self) -> None:
        from examples.caching import signals  # noqa: F401 - connects the receivers


# app-config-end
