"""Layout objects that arrange a dashboard's components: cards, divs, tabs, headers and rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from dashboards.component.base import default_css_classes, default_grid_css
from dashboards.component.cta import CTA
from dashboards.component.rendering import render_template
from dashboards.component.values import call_kwargs
from dashboards.config import DEFAULT_LAYOUT_COMPONENT_CLASSES
from dashboards.exceptions import LayoutError
from dashboards.log import logger
from dashboards.utils import safe_url

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from dashboards.dashboard import Dashboard
    from dashboards.inputs import Inputs

__all__ = [
    "CARD_CLASSES",
    "DIV_CLASSES",
    "HR",
    "HTML",
    "TAB_CLASSES",
    "TAB_CONTAINER_CLASSES",
    "Card",
    "ComponentLayout",
    "Div",
    "HTMLComponentLayout",
    "Header",
    "LayoutBase",
    "Tab",
    "TabContainer",
    "css_template",
    "render_child",
]

#: The layout defaults (kept here under their django-dashboards names; they live in config).
CARD_CLASSES = DEFAULT_LAYOUT_COMPONENT_CLASSES["Card"]
DIV_CLASSES = DEFAULT_LAYOUT_COMPONENT_CLASSES["Div"]
TAB_CONTAINER_CLASSES = DEFAULT_LAYOUT_COMPONENT_CLASSES["TabContainer"]
TAB_CLASSES = DEFAULT_LAYOUT_COMPONENT_CLASSES["Tab"]


def css_template(*classes: str | None) -> str:
    """Join the non-empty class names with spaces."""
    return " ".join(c for c in classes if c)


class LayoutBase:
    """Base of layout objects: children (component keys or layout objects) and CSS classes."""

    #: When ``css_classes`` is a string, store it under this key of the class dict.
    css_string_key: ClassVar[str | None] = None

    def __init__(
        self,
        *layout_components: Any,
        css_classes: str | dict[str, str] | None = None,
        grid_css_classes: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.layout_components = layout_components
        self.css_classes = css_classes
        self.grid_css_classes = grid_css_classes
        self.component_context = kwargs

    @property
    def grid_css(self) -> str:
        """The grid class: the declared one, else ``DASHBOARDS_DEFAULT_GRID_CSS``."""
        return self.grid_css_classes or default_grid_css()

    @property
    def component_css(self) -> dict[str, str] | str:
        """The CSS classes: the declared ones merged over this class's defaults from the settings."""
        defaults = (
            default_css_classes(
                type(self), DEFAULT_LAYOUT_COMPONENT_CLASSES, "DASHBOARDS_LAYOUT_COMPONENT_CLASSES"
            )
            or {}
        )
        declared = self.css_classes
        if isinstance(declared, str):
            if not self.css_string_key:
                return declared
            declared = {self.css_string_key: declared}
        return {**defaults, **(declared or {})}

    def get_components_rendered(
        self, dashboard: Dashboard, context: Any, inputs: Inputs | None = None
    ) -> SafeString:
        """Render the children in order: component keys from ``inputs``, objects themselves."""
        if inputs is None:
            inputs = dashboard.get_inputs()
        parts = []
        components = inputs.components
        for child in self.layout_components:
            if isinstance(child, str):
                component = components.get(child)
                if component is None:
                    logger.debug("Layout of %s skips component %r", dashboard, child)
                    continue
                parts.append(component.render(context, inputs=inputs))
            else:
                parts.append(render_child(child, dashboard, context, inputs))
        # Safe parts are kept, anything else a custom child returns is escaped.
        return mark_safe("".join([conditional_escape(part) for part in parts]))  # noqa: S308

    def render(
        self, dashboard: Dashboard, context: Any, inputs: Inputs | None = None
    ) -> SafeString:
        """Render this layout object and its children."""
        raise NotImplementedError


def render_child(child: Any, dashboard: Dashboard, context: Any, inputs: Inputs) -> Any:
    """Render a layout child, passing ``inputs`` when its ``render`` takes them.

    Layout classes written for django-dashboards take ``render(dashboard, context)`` only.
    """
    if isinstance(child, LayoutBase):
        return child.render(dashboard, context, inputs)
    kwargs = {"dashboard": dashboard, "context": context, "inputs": inputs}
    return child.render(**call_kwargs(child.render, kwargs))


class ComponentLayout(LayoutBase):
    """The top-level layout: its children one after the other, with no wrapper of its own."""

    def render(
        self, dashboard: Dashboard, context: Any, inputs: Inputs | None = None
    ) -> SafeString:
        """Render the children."""
        return self.get_components_rendered(dashboard, context, inputs)


class HTMLComponentLayout(LayoutBase):
    """A layout object rendered by ``template_name``; extra keyword arguments reach the template."""

    #: The template; every subclass sets one.
    template_name: ClassVar[str]

    def get_base_context(
        self, dashboard: Dashboard, context: Any, inputs: Inputs | None = None
    ) -> dict[str, Any]:
        """The context every layout template gets: the extra kwargs, ``css``, ``component_css``."""
        return {
            **self.component_context,
            "request": inputs.request if inputs is not None else context.get("request"),
            "dashboard": dashboard,
            "layout": self,
            "css": self.grid_css,
            "component_css": self.component_css,
        }

    def get_context(
        self, dashboard: Dashboard, context: Any, inputs: Inputs | None = None
    ) -> dict[str, Any]:
        """The template context: the base context and the rendered children as ``components``."""
        if inputs is None:
            inputs = dashboard.get_inputs()
        return {
            **self.get_base_context(dashboard, context, inputs),
            "components": self.get_components_rendered(dashboard, context, inputs),
        }

    def render(
        self, dashboard: Dashboard, context: Any, inputs: Inputs | None = None
    ) -> SafeString:
        """Render ``template_name`` with this object's context (nothing is stored on the object)."""
        if inputs is None:
            inputs = dashboard.get_inputs()
        return render_template(self.template_name, self.get_context(dashboard, context, inputs))


class Card(HTMLComponentLayout):
    """A card: an optional heading with actions, an image, the children, and a footer."""

    template_name = "dashboards/layout/components/card.html"
    css_string_key = "card"

    def __init__(
        self,
        *layout_components: Any,
        heading: str | None = None,
        footer: str | None = None,
        image_url: str | None = None,
        actions: Iterable[tuple[str | CTA, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*layout_components, **kwargs)
        self.heading = heading
        self.footer = footer
        self.image_url = image_url
        self.actions = list(actions or [])

    def get_actions(self, obj: Any = None) -> list[tuple[StrOrPromise | None, str]]:
        """The actions as ``(url, label)`` pairs, CTAs resolved for the object; a URL that is not
        safe (``javascript:``...) is ``"#"``."""
        return [
            (link.get_href(obj=obj) if isinstance(link, CTA) else safe_url(link, "#"), label)
            for link, label in self.actions
        ]

    def get_context(
        self, dashboard: Dashboard, context: Any, inputs: Inputs | None = None
    ) -> dict[str, Any]:
        """Add the heading, footer, image and resolved actions to the context."""
        actions = self.get_actions(dashboard.object)
        return {
            **super().get_context(dashboard, context, inputs),
            "heading": self.heading,
            "footer": self.footer,
            "image_url": self.image_url,
            "actions": actions,
            # No heading, actions, image or footer: the template takes its short way.
            "plain": not (self.heading or actions or self.image_url or self.footer),
        }


class Div(HTMLComponentLayout):
    """A plain ``div`` around its children, placed on the grid."""

    template_name = "dashboards/layout/components/div.html"
    css_string_key = "wrapper"


class Tab(HTMLComponentLayout):
    """One tab of a ``TabContainer``: a label and the children shown when it is selected."""

    template_name = "dashboards/layout/components/tabs/content.html"
    tab_template_name = "dashboards/layout/components/tabs/tab.html"
    css_string_key = "tab"

    def __init__(self, tab_label: str, *layout_components: Any, **kwargs: Any) -> None:
        super().__init__(*layout_components, **kwargs)
        self.tab_label = tab_label

    @property
    def slug(self) -> str:
        """The tab's id fragment, from its label."""
        return slugify(self.tab_label) or "tab"

    def get_context(
        self, dashboard: Dashboard, context: Any, inputs: Inputs | None = None
    ) -> dict[str, Any]:
        """Add the label, slug, and the container's id and selected state."""
        return {
            **super().get_context(dashboard, context, inputs),
            "tab_label": self.tab_label,
            "slug": self.slug,
            "container_id": context.get("tab_container_id", ""),
            "selected": context.get("tab_selected", False),
        }


class TabContainer(HTMLComponentLayout):
    """Tabs: a keyboard-usable tab list and one panel per ``Tab``."""

    template_name = "dashboards/layout/components/tabs/container.html"
    css_string_key = "tab_container"

    def __init__(self, *tabs: Tab, **kwargs: Any) -> None:
        for tab in tabs:
            if not isinstance(tab, Tab):
                raise LayoutError(f"TabContainer children must be Tab objects, not {tab!r}.")
        super().__init__(*tabs, **kwargs)

    def get_context(
        self, dashboard: Dashboard, context: Any, inputs: Inputs | None = None
    ) -> dict[str, Any]:
        """Render each tab with the container's id and whether it is the first (selected) tab."""
        if inputs is None:
            inputs = dashboard.get_inputs()
        container_id = "tabs-" + "-".join(tab.slug for tab in self.layout_components)
        panels = []
        for index, tab in enumerate(self.layout_components):
            tab_context = {**_as_dict(context), "tab_container_id": container_id}
            tab_context["tab_selected"] = index == 0
            panels.append((tab, tab.render(dashboard, tab_context, inputs)))
        return {
            **self.get_base_context(dashboard, context, inputs),
            "container_id": container_id,
            "tabs": [
                {"label": tab.tab_label, "slug": tab.slug, "selected": i == 0, "panel": panel}
                for i, (tab, panel) in enumerate(panels)
            ],
        }


@dataclass
class HTML:
    """A piece of the developer's HTML between components, output as given, never a template."""

    html: str

    def render(self, *args: Any, **kwargs: Any) -> SafeString:
        """Return the markup as given (it is the developer's, as in django-dashboards)."""
        return mark_safe(str(self.html))  # noqa: S308


@dataclass
class HR:
    """A horizontal rule across the grid."""

    html: str = "<hr>"

    def render(self, *args: Any, **kwargs: Any) -> SafeString:
        """Return the rule."""
        return mark_safe('<hr class="dashboard-rule">')


@dataclass
class Header:
    """A heading across the grid; the text is escaped."""

    html: str = ""
    heading: str = ""
    size: int = 1

    def render(self, *args: Any, **kwargs: Any) -> SafeString:
        """Return ``<hN>heading</hN>`` with N clamped to 1..6."""
        size = min(max(int(self.size), 1), 6)
        return format_html(
            '<h{} class="dashboard-header">{}</h{}>', size, self.heading or self.html, size
        )


def _as_dict(context: Any) -> dict[str, Any]:
    """A plain dict of a dict or a template ``Context``."""
    return context.flatten() if hasattr(context, "flatten") else dict(context)
