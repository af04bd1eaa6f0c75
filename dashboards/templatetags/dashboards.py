"""Template tags and filters: ``{% load dashboards %}``."""

from __future__ import annotations

from random import randint
from typing import TYPE_CHECKING, Any

from django import template
from django.utils.safestring import SafeString

from dashboards.component.base import CTA, Component
from dashboards.dashboard import Dashboard
from dashboards.live_views import stream_element
from dashboards.registry import registry
from dashboards.utils import safe_url

__all__ = [
    "DashboardMenuNode",
    "cta_href",
    "dashboard_menus",
    "dashboard_urls",
    "get_form_context",
    "lookup",
    "random_ms_delay",
    "register",
    "render_component",
    "render_dashboard",
    "safe_url_filter",
]

if TYPE_CHECKING:
    from django.forms import BaseForm
    from django_stubs_ext import StrOrPromise

register = template.Library()


@register.simple_tag(takes_context=True)
def render_dashboard(context: template.Context, dashboard: Dashboard) -> str:
    """Render a dashboard instance (its ``Meta.template_name``, else its layout), with the
    element that opens its event stream when it has live components."""
    html = dashboard.render(
        request=context.get("request"), template_name=dashboard._meta.template_name
    )
    return html + stream_element(dashboard)


@register.simple_tag(takes_context=True)
def render_component(
    context: template.Context,
    component: Component,
    htmx: bool | None = None,
    oob: bool = False,
) -> SafeString | str:
    """Render one component: ``htmx=True`` gives the deferred placeholder, False the value.

    A component of the context's ``dashboard`` gets that dashboard's inputs for this request.
    """
    call_deferred = not (component.is_deferred if htmx is None else htmx)
    inputs = None
    dashboard = context.get("dashboard")
    if isinstance(dashboard, Dashboard):
        candidate = dashboard.get_inputs()
        if candidate.components.get(component.key) is component:  # type: ignore[arg-type]
            inputs = candidate
    return component.render(context, htmx=htmx, call_deferred=call_deferred, oob=oob, inputs=inputs)


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
def get_form_context(form: BaseForm) -> dict[str, Any]:
    """``form|get_form_context``: the form's own template context (fields with their errors)."""
    return form.get_context()


@register.filter
def cta_href(cta: CTA, obj: Any = None) -> StrOrPromise | None:
    """``cta|cta_href:object``: the link of a CTA for an object."""
    return cta.get_href(obj=obj)


@register.filter(name="safe_url")
def safe_url_filter(url: Any) -> Any:
    """``url|safe_url``: the URL if a link to it is safe (http, https, mailto or a path), else
    an empty string (see :func:`dashboards.utils.safe_url`)."""
    return safe_url(url, default="")


class DashboardMenuNode(template.Node):
    """``{% dashboard_menus %}``: set ``sections`` and ``active_section`` in the context; output nothing.

    ``sections`` maps each registered menu's name to the items this request may see (menus with
    none are left out); ``active_section`` is the name of the first section holding the current
    page (a selected or open item), or None. The object of a ``ModelDashboard`` page is taken from
    the context's ``dashboard``. Without a request in the context there are no sections.
    """

    def render(self, context: template.Context) -> str:
        from dashboards.menus.registry import menu_registry

        menu_registry.autodiscover()
        request = context.get("request") or getattr(context, "request", None)
        sections: dict[str, list[Any]] = {}
        active_section: str | None = None
        if request is not None:
            obj = getattr(context.get("dashboard"), "object", None)
            for menu in menu_registry.get_all_items():
                items = menu.render(request, obj)
                if not items:
                    continue
                name = menu.get_name()
                sections.setdefault(name, []).extend(items)
                if active_section is None and any(item.selected or item.open for item in items):
                    active_section = name
        context["sections"] = sections
        context["active_section"] = active_section
        return ""


@register.tag
def dashboard_menus(parser: template.base.Parser, token: template.base.Token) -> DashboardMenuNode:
    """``{% dashboard_menus %}``: put the menus of this request in the context (see ``DashboardMenuNode``)."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% dashboard_menus %} takes no arguments.")
    return DashboardMenuNode()
