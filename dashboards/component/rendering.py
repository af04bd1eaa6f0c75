"""Rendering the components' small templates: each found once, the usual cases written out.

A page renders three small templates per component: its layout card, its wrapper and its value.
:func:`render_template` keeps each template it finds (when its engine caches templates, as
Django's does unless its loaders are configured without the cached one), and for the library's
own card, wrapper and text templates, as long as the project has not overridden them, writes the
usual case out in Python: a card with no heading, actions, image or footer, a wrapper with no
placeholder, link, poll or out-of-band swap, a text that is a string. Anything else, and any
template a project overrides, is rendered by the template engine.
``tests/component/test_rendering.py`` holds each written-out case equal to its template's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context, Template
from django.template.defaultfilters import linebreaksbr
from django.template.loader import get_template
from django.template.loaders.cached import Loader as CachedLoader
from django.utils.autoreload import file_changed
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["SHORT_WAYS", "render_template"]

#: Where the library's own templates are.
OWN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

#: The templates found so far, by name, each with whether it is the library's own file.
_found: dict[str, tuple[Template, bool]] = {}


def render_template(template_name: str, context: dict[str, Any]) -> SafeString:
    """Render a template with a plain context (no request, so no context processors).

    A Django-language template is rendered by its engine's ``Template`` directly, which skips
    the backend wrapper's work for a request it does not have; a page renders hundreds of these.
    """
    found = _found.get(template_name)
    if found is None:
        template = get_template(template_name)
        compiled = getattr(template, "template", None)
        if not isinstance(compiled, Template):
            return template.render(context)  # type: ignore[return-value]
        found = (compiled, _is_own(compiled, template_name))
        if all(isinstance(loader, CachedLoader) for loader in compiled.engine.template_loaders):
            _found[template_name] = found  # the engine would find this one again
    compiled, own = found
    if own:
        short_way = SHORT_WAYS.get(template_name)
        html = short_way(context) if short_way is not None else None
        if html is not None:
            return html
    return compiled.render(Context(context, autoescape=compiled.engine.autoescape))


def _is_own(compiled: Template, template_name: str) -> bool:
    """Whether ``compiled`` is the library's own file, rendered as the library renders it
    (autoescaping on, invalid variables empty)."""
    engine = compiled.engine
    if not engine.autoescape or engine.string_if_invalid:
        return False
    return compiled.origin.name == str(OWN_TEMPLATES / template_name)


@receiver(setting_changed)
def _forget_templates_on_settings(setting: str, **kwargs: Any) -> None:
    """Find the templates again when a test changes the template settings."""
    if setting == "TEMPLATES":
        _found.clear()


@receiver(file_changed)
def _forget_templates(sender: Any, file_path: Any, **kwargs: Any) -> None:
    """Find the templates again when the development server sees a file change (Django's
    cached template loaders forget theirs then too)."""
    _found.clear()


# -- the usual cases, written out -------------------------------------------------------------


def _text(value: Any) -> str | None:
    """``value`` when it is text, rendered as the template engine renders text, else None."""
    return str(conditional_escape(value)) if isinstance(value, str) else None


def plain_wrapper(context: dict[str, Any]) -> SafeString | None:
    """``components/component.html`` for a value with no placeholder, link, poll or swap."""
    if context.get("htmx") or not context.get("plain"):
        return None
    template_id, value = _text(context.get("template_id")), _text(context.get("rendered_value"))
    if template_id is None or value is None:
        return None
    return mark_safe(  # noqa: S308  (both escaped above)
        f'<div id="component-{template_id}-inner" class="dashboard-component-inner fade-in">'
        f"{value}</div>\n"
    )


def plain_card(context: dict[str, Any]) -> SafeString | None:
    """``layout/components/card.html`` for a card with no heading, actions, image or footer."""
    css, component_css = context.get("css"), context.get("component_css")
    if not context.get("plain") or not isinstance(component_css, dict):
        return None
    parts = [_text(css), _text(component_css.get("card")), _text(component_css.get("body"))]
    components = _text(context.get("components"))
    if components is None or None in parts:
        return None
    css_text, card, body = parts
    return mark_safe(  # noqa: S308  (every part escaped above)
        f'<div class="{css_text}">\n  <section class="{card}">\n'
        f'    <div class="{body}">{components}</div>\n  </section>\n</div>\n'
    )


def text_value(context: dict[str, Any]) -> SafeString | None:
    """``components/text/text.html`` for a text value with string CSS classes."""
    component, value = context.get("component"), context.get("rendered_value")
    css_classes = getattr(component, "css_classes", None)
    if not isinstance(value, str) or not (css_classes is None or isinstance(css_classes, str)):
        return None
    css = f" {conditional_escape(css_classes)}" if css_classes else ""
    if getattr(component, "mark_safe", False):
        shown = value
    else:
        shown = linebreaksbr(value, autoescape=True)
    return mark_safe(f'<div class="dashboard-text{css}">{shown}</div>\n')  # noqa: S308


#: The templates with a usual case written out, by name: each answers None when the context is
#: not that case.
SHORT_WAYS: dict[str, Callable[[dict[str, Any]], SafeString | None]] = {
    "dashboards/components/component.html": plain_wrapper,
    "dashboards/layout/components/card.html": plain_card,
    "dashboards/components/text/text.html": text_value,
}
