"""System checks: configuration mistakes reported by ``manage.py check`` with stable ids."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core import checks
from django.utils.module_loading import import_string

from dashboards.config import Config


@checks.register()
def check_django_htmx_installed(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """dashboards.E001: the page templates load htmx through django-htmx's template tags."""
    if apps.is_installed("django_htmx"):
        return []
    return [
        checks.Error(
            "'django_htmx' must be in INSTALLED_APPS.",
            hint="Add 'django_htmx' to INSTALLED_APPS; the dashboard pages load htmx from it.",
            id="dashboards.E001",
        )
    ]


@checks.register()
def check_permission_classes(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """dashboards.E002: every path in DASHBOARDS_DEFAULT_PERMISSION_CLASSES must import."""
    errors = []
    for dotted_path in Config().DASHBOARDS_DEFAULT_PERMISSION_CLASSES:
        try:
            import_string(dotted_path)
        except ImportError:
            errors.append(
                checks.Error(
                    f"DASHBOARDS_DEFAULT_PERMISSION_CLASSES names {dotted_path!r}, which cannot be imported.",
                    hint="Use dotted paths such as 'dashboards.permissions.IsAuthenticated'.",
                    id="dashboards.E002",
                )
            )
    return errors
