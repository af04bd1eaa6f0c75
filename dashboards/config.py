"""Settings of the library, read from ``django.conf.settings`` each time they are used."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from django.conf import settings

__all__ = [
    "DEFAULT_CACHE",
    "DEFAULT_COMPONENT_CLASSES",
    "DEFAULT_COMPONENT_TIMEOUT",
    "DEFAULT_GRID_CSS",
    "DEFAULT_LAYOUT_COMPONENT_CLASSES",
    "DEFAULT_LIVE_BROKER",
    "DEFAULT_TABLE_MAX_PAGE_SIZE",
    "Config",
    "CssClasses",
    "css_classes_for",
    "merge_css_dictionaries",
]

# The CSS classes of one component or layout class: a dict of element name to class names.
CssClasses = dict[str, Any]

#: Default CSS classes of the components that render several elements, keyed by component class name.
DEFAULT_COMPONENT_CLASSES: dict[str, CssClasses] = {
    "Form": {"form": "form", "table": "table form-table", "button": "btn"},
    "Table": {"table": "table"},
    "BasicTable": {"table": "table"},
    "Stat": {
        "stat": "stat",
        "icon": "stat__icon",
        "heading": "stat__heading",
        "title": "stat__title",
        "body": "stat__body",
        "text": "stat__text",
        "change": "stat__change",
    },
}

#: Default CSS classes of the layout objects, keyed by layout class name. They live here, not in
#: ``dashboards.component.layout``, so that reading the settings never imports a layer above.
DEFAULT_LAYOUT_COMPONENT_CLASSES: dict[str, CssClasses] = {
    "Card": {
        "card": "card",
        "header": "card-header",
        "image": "card-img",
        "body": "card-body",
        "footer": "card-footer",
    },
    "Div": {"wrapper": ""},
    "TabContainer": {
        "tab_container": "tab-container",
        "tabs": "tabs",
        "tab_content": "tab-content",
    },
    "Tab": {"tab": "tab", "tab_link": ""},
}

DEFAULT_GRID_CSS = "span-6"
DEFAULT_COMPONENT_TIMEOUT = 10.0
DEFAULT_TABLE_MAX_PAGE_SIZE = 100
DEFAULT_CACHE = "default"
DEFAULT_LIVE_BROKER = "dashboards.live.InProcessBroker"


def merge_css_dictionaries(
    defaults: dict[str, Any], overrides: dict[str, Any] | None
) -> dict[str, Any]:
    """Return a new dict: ``overrides`` merged one level deep over ``defaults``, neither mutated.

    A dict value updates the default dict of the same key; any other value replaces it. Keys that
    are not among the defaults are added (a system check reports names that match no class).
    """
    merged = deepcopy(defaults)
    for key, value in (overrides or {}).items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = deepcopy(value)
    return merged


def css_classes_for(klass: type, defaults: dict[str, Any], overrides: dict[str, Any] | None) -> Any:
    """The default CSS classes of ``klass``: the first class in its MRO with an entry.

    The entry is the setting's dict merged over the built-in one (a copy: callers may change
    it); a non-dict setting value replaces it. None when no class in the MRO has an entry.
    """
    overrides = overrides or {}
    for base in klass.__mro__:
        name = base.__name__
        if name not in defaults and name not in overrides:
            continue
        default, override = defaults.get(name), overrides.get(name)
        if isinstance(override, dict):
            return {**default, **override} if isinstance(default, dict) else dict(override)
        if override is not None:
            return override
        return dict(default) if isinstance(default, dict) else default
    return None


class Config:
    """One property per setting; every access reads the current settings, so ``override_settings`` works."""

    @property
    def DASHBOARDS_DEFAULT_PERMISSION_CLASSES(self) -> list[str]:  # noqa: N802
        """Dotted paths of the permission classes used by dashboards without their own."""
        return list(
            getattr(
                settings,
                "DASHBOARDS_DEFAULT_PERMISSION_CLASSES",
                ["dashboards.permissions.AllowAny"],
            )
        )

    @property
    def DASHBOARDS_DEFAULT_GRID_CSS(self) -> str:  # noqa: N802
        """The grid class of components and layout objects that set none."""
        return getattr(settings, "DASHBOARDS_DEFAULT_GRID_CSS", DEFAULT_GRID_CSS)

    @property
    def DASHBOARDS_INCLUDE_DASHBOARD_VIEWS(self) -> bool:  # noqa: N802
        """Whether ``dashboards.urls`` routes each registered dashboard's page."""
        return bool(getattr(settings, "DASHBOARDS_INCLUDE_DASHBOARD_VIEWS", True))

    @property
    def DASHBOARDS_COMPONENT_CLASSES(self) -> dict[str, CssClasses]:  # noqa: N802
        """Per-component CSS class maps: the setting merged over the defaults."""
        return merge_css_dictionaries(
            DEFAULT_COMPONENT_CLASSES, getattr(settings, "DASHBOARDS_COMPONENT_CLASSES", None)
        )

    @property
    def DASHBOARDS_LAYOUT_COMPONENT_CLASSES(self) -> dict[str, CssClasses]:  # noqa: N802
        """Per-layout-object CSS class maps: the setting merged over the layout defaults."""
        return merge_css_dictionaries(
            DEFAULT_LAYOUT_COMPONENT_CLASSES,
            getattr(settings, "DASHBOARDS_LAYOUT_COMPONENT_CLASSES", None),
        )

    @property
    def DASHBOARDS_COMPONENT_TIMEOUT(self) -> float | None:  # noqa: N802
        """Seconds a component's value may take before it renders its error state (None: no limit)."""
        return getattr(settings, "DASHBOARDS_COMPONENT_TIMEOUT", DEFAULT_COMPONENT_TIMEOUT)

    @property
    def DASHBOARDS_CACHE(self) -> str:  # noqa: N802
        """The alias (in ``CACHES``) of the cache that keeps the values of cached components."""
        return str(getattr(settings, "DASHBOARDS_CACHE", DEFAULT_CACHE))

    @property
    def DASHBOARDS_STREAM(self) -> bool:  # noqa: N802
        """Whether dashboard pages stream under ASGI, unless a dashboard's ``Meta.stream`` says."""
        return bool(getattr(settings, "DASHBOARDS_STREAM", False))

    @property
    def DASHBOARDS_TABLE_MAX_PAGE_SIZE(self) -> int | None:  # noqa: N802
        """The most rows a table's page holds, unless its serializer sets ``Meta.max_page_size``
        (None or 0: no limit)."""
        return getattr(settings, "DASHBOARDS_TABLE_MAX_PAGE_SIZE", DEFAULT_TABLE_MAX_PAGE_SIZE)

    @property
    def DASHBOARDS_LIVE_BROKER(self) -> str:  # noqa: N802
        """Dotted path of the broker that carries publishes to the live components' streams."""
        return str(getattr(settings, "DASHBOARDS_LIVE_BROKER", DEFAULT_LIVE_BROKER))

    @property
    def DASHBOARDS_LIVE_REDIS_URL(self) -> str:  # noqa: N802
        """The Redis server of ``dashboards.live_redis.RedisBroker``."""
        return str(getattr(settings, "DASHBOARDS_LIVE_REDIS_URL", "redis://localhost:6379/0"))

    @property
    def DASHBOARDS_LIVE_MAX_STREAMS(self) -> int:  # noqa: N802
        """The most event streams a process holds open; beyond it a page's stream gets a 503."""
        return int(getattr(settings, "DASHBOARDS_LIVE_MAX_STREAMS", 1000))

    @property
    def DASHBOARDS_LIVE_HEARTBEAT(self) -> float:  # noqa: N802
        """Seconds of silence after which a stream sends a comment, so proxies keep it open."""
        return float(getattr(settings, "DASHBOARDS_LIVE_HEARTBEAT", 15.0))

    @property
    def DASHBOARDS_LIVE_POLL_RATE(self) -> int | float:  # noqa: N802
        """Seconds between refreshes of a live component on a page that cannot stream (WSGI)."""
        rate: int | float = getattr(settings, "DASHBOARDS_LIVE_POLL_RATE", 10)
        return rate
