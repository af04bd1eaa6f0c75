"""``CTA``: a call-to-action link around a component, to a URL or to another dashboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse_lazy
from django.utils.module_loading import import_string

from dashboards.utils import safe_url

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from dashboards.dashboard import Dashboard

__all__ = ["CTA"]


@dataclass
class CTA:
    """A call-to-action link around a component: a URL, a callable of the object, or a dashboard."""

    href: str | Callable[[Any], str] | None = None
    dashboard: str | type[Dashboard] | None = None

    def get_href(self, obj: Any = None) -> StrOrPromise | None:
        """Return the link: the dashboard's URL (its detail URL with ``obj``), else ``href``
        (``"#"`` when it is not a safe URL, such as ``javascript:``: see ``dashboards.utils.safe_url``)."""
        if self.dashboard:
            dashboard = (
                import_string(self.dashboard) if isinstance(self.dashboard, str) else self.dashboard
            )
            if obj is not None:
                lookup = getattr(obj, dashboard._meta.lookup_field)
                return reverse_lazy(f"dashboards:{dashboard.get_slug()}_detail", args=[lookup])
            return reverse_lazy(f"dashboards:{dashboard.get_slug()}")
        href = self.href(obj) if callable(self.href) else self.href
        safe: StrOrPromise | None = safe_url(href, default="#")  # never javascript: from data
        return safe
