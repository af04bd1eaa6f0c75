"""Template tags and filters: ``{% load dashboards %}``."""

from __future__ import annotations

from random import randint
from typing import Any

from django import template
from django.utils.safestring import SafeString

from dashboards.component.base import CTA, Component
from dashboards.dashboard import Dashboard
from dashboards.registry import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def render_dashboard(context: template.Context, dashboard: Dashboard) -> str:
    """Render a dashboard instance (its ``Meta.template_name``, else its layout)."""
    return dashboard.render(
        request=context.get("request"), template_name=dashboard._meta.template_name
    )


@register.simple_tag(takes_context=True)
def render_component(
    context: template.Context,
    component: Component,
    htmx: bool | None = None,
    oob: bool = False,
) -> SafeString | str:
    """Render one component: ``htmx=True`` gives the deferred placeholder, False the value."""
    call_deferred = not (component.is_deferred if htmx is None else htmx)
    return component.render(context, htmx=htmx, call_deferred=call_deferred, oob=oob)


@register.simple_tag
def dashboard_urls(app_label: str) -> dict[str, str]:
    """Map each menu-listed plain dashboard of an app to its URL: ``{% dashboard_urls "app" as urls %}``."""
    return {
        str(dashboard._meta.name): dashboard.get_absolute_url()
        for dashboard in registry.get_by_app_label(app_label)
        if dashboard._meta.include_in_menu and not getattr(dashboard._meta, "model", None)
    }


@register.simple_tag
def random_ms_delay(a: int = 0, b: int = 200) -> str:
    """A random htmx delay such as ``37ms``, so many deferred components do not fire at once."""
    return f"{randint(a, b)}ms"


@register.filter
def lookup(value: Any, arg: Any) -> Any:
    """``mapping|lookup:key``: the value of ``key`` (None when missing)."""
    try:
        return value.get(arg)
    except AttributeError:
        return None


@register.filter
def cta_href(cta: CTA, obj: Any = None) -> str | None:
    """``cta|cta_href:object``: the link of a CTA for an object."""
    return cta.get_href(obj=obj)
