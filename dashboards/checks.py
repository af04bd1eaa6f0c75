"""System checks: configuration mistakes reported by ``manage.py check`` with stable ids."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from dashboards.component.base import Component
from dashboards.component.chart.chart import PlotlyComponent
from dashboards.component.layout import LayoutBase
from dashboards.config import Config
from dashboards.extras import install_hint
from dashboards.registry import registry
from dashboards.staticfiles import FINDER, PLOTLY_JS

__all__ = [
    "check_component_cache",
    "check_css_class_settings",
    "check_dependents",
    "check_django_htmx_installed",
    "check_duplicate_registrations",
    "check_live_broker",
    "check_live_components_stream",
    "check_permission_classes",
    "check_plotly_js_is_served",
]


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
    errors: list[checks.CheckMessage] = []
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


def _subclass_names(cls: type) -> set[str]:
    """The names of ``cls`` and of every class derived from it so far."""
    names = {cls.__name__}
    subclass: type
    for subclass in cls.__subclasses__():
        names |= _subclass_names(subclass)
    return names


@checks.register()
def check_dependents(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """dashboards.E003: every key in a component's ``dependents`` names a component of its dashboard."""
    errors: list[checks.CheckMessage] = []
    for dashboard in registry.get_all_items():
        for key, component in dashboard.components.items():
            for dependent in component.dependents or []:
                if dependent not in dashboard.components:
                    errors.append(
                        checks.Error(
                            f"{dashboard.__name__}.{key} names {dependent!r} in dependents, "
                            "but the dashboard has no such component.",
                            hint="Use the attribute names of the dashboard's components.",
                            obj=dashboard,
                            id="dashboards.E003",
                        )
                    )
    return errors


@checks.register()
def check_duplicate_registrations(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """dashboards.E004: two different dashboard classes must not share one app label and name."""
    return [
        checks.Error(
            f"{ignored.__module__}.{ignored.__qualname__} has the id {ignored.get_id()!r} of "
            f"{kept.__module__}.{kept.__qualname__}, which was registered first; it gets no URL.",
            hint="Rename one of the classes, or give one Meta.app_label.",
            obj=ignored,
            id="dashboards.E004",
        )
        for kept, ignored in registry.duplicates
    ]


@checks.register()
def check_css_class_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """dashboards.E005: the CSS class settings are dicts keyed by component or layout class names."""
    errors: list[checks.CheckMessage] = []
    base: type
    for setting, base in (
        ("DASHBOARDS_COMPONENT_CLASSES", Component),
        ("DASHBOARDS_LAYOUT_COMPONENT_CLASSES", LayoutBase),
    ):
        value = getattr(settings, setting, None)
        if value is None:
            continue
        if not isinstance(value, dict):
            errors.append(
                checks.Error(f"{setting} must be a dict.", id="dashboards.E005", obj=setting)
            )
            continue
        known = _subclass_names(base)
        errors += [
            checks.Error(
                f"{setting} has the key {name!r}, which names no {base.__name__} class.",
                hint=f"Use class names such as {', '.join(sorted(known)[:4])}.",
                obj=setting,
                id="dashboards.E005",
            )
            for name in value
            if name not in known
        ]
    return errors


@checks.register(checks.Tags.staticfiles)
def check_plotly_js_is_served(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """dashboards.W002: a registered dashboard has a chart or map, but no finder serves plotly.js."""
    users = [
        f"{dashboard.__name__}.{key}"
        for dashboard in registry.get_all_items()
        for key, component in dashboard.components.items()
        if isinstance(component, PlotlyComponent)
    ]
    if not users or finders.find(PLOTLY_JS):
        return []
    return [
        checks.Warning(
            f"{', '.join(users)} draw with plotly.js, but no static files finder finds {PLOTLY_JS}.",
            hint=f"Add {FINDER!r} to STATICFILES_FINDERS (with Django's default finders); "
            f"it needs plotly: {install_hint('charts')}",
            id="dashboards.W002",
        )
    ]


def _live_components() -> list[str]:
    """``Dashboard.key`` of every live component of the registered dashboards."""
    return [
        f"{dashboard.__name__}.{key}"
        for dashboard in registry.get_all_items()
        for key, component in dashboard.components.items()
        if component.live
    ]


@checks.register()
def check_live_components_stream(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """dashboards.W003: live components, but nothing says the site is served under ASGI."""
    users = _live_components()
    if not users or getattr(settings, "ASGI_APPLICATION", None):
        return []
    return [
        checks.Warning(
            f"{', '.join(users)} are live, but ASGI_APPLICATION is not set: served under WSGI, "
            f"live components poll every {Config().DASHBOARDS_LIVE_POLL_RATE} s instead of "
            "receiving server-sent events.",
            hint="Serve the site with an ASGI server (uvicorn, Daphne) and set ASGI_APPLICATION "
            "to its application, e.g. 'mysite.asgi.application'; or add dashboards.W003 to "
            "SILENCED_SYSTEM_CHECKS if polling is what you want.",
            id="dashboards.W003",
        )
    ]


@checks.register()
def check_live_broker(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """dashboards.E006: DASHBOARDS_LIVE_BROKER must import."""
    path = Config().DASHBOARDS_LIVE_BROKER
    try:
        import_string(path)
    except ImportError as error:
        return [
            checks.Error(
                f"DASHBOARDS_LIVE_BROKER names {path!r}, which cannot be imported ({error}).",
                hint="Use 'dashboards.live.InProcessBroker' or "
                f"'dashboards.live_redis.RedisBroker' (which needs {install_hint('redis')}).",
                id="dashboards.E006",
            )
        ]
    return []


def _cached_components() -> list[tuple[type, str, Component]]:
    """(dashboard, key, component) of every declared component with ``cache`` set."""
    return [
        (dashboard, key, component)
        for dashboard in registry.get_all_items()
        for key, component in dashboard.components.items()
        if component.cache is not None
    ]


@checks.register()
def check_component_cache(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """dashboards.E007: DASHBOARDS_CACHE names a cache of CACHES; dashboards.E008: each
    component's ``cache`` is seconds above 0 or a ``Cache``."""
    cached = _cached_components()
    messages: list[checks.CheckMessage] = []
    alias = Config().DASHBOARDS_CACHE
    if cached and alias not in settings.CACHES:
        messages.append(
            checks.Error(
                f"DASHBOARDS_CACHE is {alias!r}, which CACHES does not define; "
                f"{cached[0][0].__name__}.{cached[0][1]} and the other cached components need it.",
                hint=f"Add {alias!r} to CACHES, or set DASHBOARDS_CACHE to one of "
                f"{sorted(settings.CACHES)}.",
                id="dashboards.E007",
            )
        )
    for dashboard, key, component in cached:
        try:
            component.get_cache()
        except ImproperlyConfigured as error:
            messages.append(
                checks.Error(
                    f"{dashboard.__name__}.{key}: {error}",
                    hint="Give the seconds to keep the value, e.g. cache=60, or "
                    "cache=Cache(timeout=60, vary_on=()).",
                    obj=dashboard,
                    id="dashboards.E008",
                )
            )
    return messages
