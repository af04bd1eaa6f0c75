"""Components of your own: dataclass subclasses of Component or of an included component."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.forms.widgets import Script

from dashboards.component import Component, Stat
from dashboards.component.text import StatData


# progress-start
@dataclass(repr=False, eq=False)
class Progress(Component):
    """A labelled progress bar; its value is a number from 0 to ``maximum``."""

    template_name: str = "custom_components/progress.html"
    maximum: int = 100
    label: str = ""

    class Media:
        css = {"all": ["custom_components/progress.css"]}


# progress-end


# preset-start
async def count_users(**kwargs) -> StatData:
    total = await get_user_model().objects.acount()
    return StatData(text=str(total), sub_text="registered users")


@dataclass(repr=False, eq=False)
class UserCount(Stat):
    """A Stat whose value is preset: ``users = UserCount()`` is all a dashboard needs."""

    value: Any = count_users


# preset-end


# sparkline-start
@dataclass(repr=False, eq=False)
class Sparkline(Component):
    """A small line chart of a list of numbers, drawn in the browser by sparkline.js."""

    template_name: str = "custom_components/sparkline.html"
    label: str = ""

    class Media:
        css = {"all": ["custom_components/sparkline.css"]}
        js = [Script("custom_components/sparkline.js", defer=True)]

    def get_value_context(self, request, value):
        # The id of the <script> that holds the numbers as JSON, unique on the page.
        context = super().get_value_context(request, value)
        context["numbers_id"] = f"{self.template_id}-numbers"
        return context


# sparkline-end
