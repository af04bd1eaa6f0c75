"""Layout: cards, divs, tabs, headers, HTML and rules, and a layout object of your own."""

from django.utils.safestring import mark_safe

from dashboards.component import CTA, Stat, Text
from dashboards.component.layout import (
    HR,
    HTML,
    Card,
    ComponentLayout,
    Div,
    Header,
    HTMLComponentLayout,
    Tab,
    TabContainer,
)
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry


# custom-layout-start
class Callout(HTMLComponentLayout):
    """A layout object of your own: a template, and keyword arguments that reach it."""

    template_name = "layout/callout.html"


# custom-layout-end


# layout-dashboard-start
class LayoutDashboard(Dashboard):
    welcome = Text(value="Cards, divs and tabs arrange the components of a dashboard.")
    visitors = Stat(
        value=StatData(text="1,204", change_by=4.2, sub_text="visitors today"),
    )
    signups = Stat(value=StatData(text="87", change_by=-1.5, sub_text="sign-ups today"))
    weekly = Text(value="Weekly figures go here.")
    monthly = Text(value="Monthly figures go here.")
    tip = Text(value="Press the arrow keys to move between tabs.")

    class Layout(Dashboard.Layout):
        components = ComponentLayout(
            Header(heading="Overview", size=2),
            HTML(mark_safe("<p>All of this is laid out by <code>Layout</code>.</p>")),
            Card(
                "welcome",
                heading="Welcome",
                footer="A card with a heading, a footer and an action.",
                actions=[(CTA(href="/"), "All examples")],
                grid_css_classes="span-12",
            ),
            Div("visitors", "signups", grid_css_classes="span-6", css_classes="stack"),
            Callout("tip", title="Did you know?", grid_css_classes="span-6"),
            HR(),
            TabContainer(
                Tab("This week", Card("weekly", grid_css_classes="span-12")),
                Tab("This month", Card("monthly", grid_css_classes="span-12")),
            ),
        )

    class Meta:
        name = "Layout"


# layout-dashboard-end


registry.register(LayoutDashboard)
