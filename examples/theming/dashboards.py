"""Templates and theming: a dashboard template of your own, per-component templates, CSS classes."""

from dataclasses import dataclass

from django.utils import timezone

from dashboards.component import Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry


# custom-template-start
class TemplatedDashboard(Dashboard):
    """``Meta.template_name`` replaces the layout with a template of your own."""

    headline = Text(value="This page is laid out by theming/templated.html.")
    score = Stat(value=StatData(text="98%", sub_text="uptime"))

    class Meta:
        name = "Custom dashboard template"
        template_name = "theming/templated.html"


# custom-template-end


# pill-start
@dataclass(repr=False, eq=False)
class Pill(Text):
    """A Text with a template of its own."""

    template_name: str = "theming/pill.html"


class ThemedDashboard(Dashboard):
    status = Pill(value="All systems normal")
    # A dict of CSS classes is merged over the component's defaults.
    big = Stat(
        value=StatData(text="42"),
        css_classes={"title": "stat__title stat__title--huge"},
    )
    # A string names the classes of a Text.
    lead = Text(value="Lead paragraph text.", css_classes="lead")

    class Meta:
        name = "Theming"


# pill-end


# grid-start
class GridDashboard(Dashboard):
    """Each component's ``grid_css_classes`` says how many of the 12 columns it spans."""

    north = Stat(value=StatData(text="412", sub_text="north"), grid_css_classes="span-3")
    south = Stat(value=StatData(text="388", sub_text="south"), grid_css_classes="span-3")
    east = Stat(value=StatData(text="290", sub_text="east"), grid_css_classes="span-3")
    west = Stat(value=StatData(text="305", sub_text="west"), grid_css_classes="span-3")
    notes = Text(value="span-8: two thirds of the row.", grid_css_classes="span-8")
    owner = Text(value="span-4: one third.", grid_css_classes="span-4")
    # No grid_css_classes: DASHBOARDS_DEFAULT_GRID_CSS, span-6.
    left = Text(value="The default: half of the row.")
    right = Text(value="The other half.")

    class Meta:
        name = "Grid"


# grid-end


# loading-start
def weekly_report(**kwargs) -> str:
    return f"Report of the week to {timezone.now():%d %B %Y}."


class PlaceholderDashboard(Dashboard):
    # Shown in the component's place until htmx has fetched its value.
    report = Text(
        defer=weekly_report,
        defer_loading_template_name="theming/loading.html",
        grid_css_classes="span-12",
    )

    class Meta:
        name = "Loading placeholder"


# loading-end


# plain-start
class PlainDashboard(Dashboard):
    """A base class of your own: its pages use your CSS and JS, not the default ones."""

    class Meta:
        abstract = True

    class Media:
        extend = False  # leave out dashboards.css and dashboard.js
        css = {"all": ["theming/plain.css"]}
        js = ["theming/plain.js"]


class PlainThemeDashboard(PlainDashboard):
    greeting = Text(value="This page has a stylesheet and a script of its own.")
    figure = Stat(value=StatData(text="7", sub_text="days without an incident"))

    class Meta:
        name = "Plain theme"


# plain-end


registry.register(TemplatedDashboard)
registry.register(ThemedDashboard)
registry.register(GridDashboard)
registry.register(PlaceholderDashboard)
registry.register(PlainThemeDashboard)
