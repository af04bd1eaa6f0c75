"""Templates and theming: a dashboard template of your own, per-component templates, CSS classes."""

from dataclasses import dataclass

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
    big = Stat(value=StatData(text="42"), css_classes={"title": "stat__title stat__title--huge"})
    # A string names the classes of a Text.
    lead = Text(value="Lead paragraph text.", css_classes="lead")

    class Meta:
        name = "Theming"


# pill-end


registry.register(TemplatedDashboard)
registry.register(ThemedDashboard)
