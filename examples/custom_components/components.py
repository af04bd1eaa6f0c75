"""A component of your own: a dataclass subclass of Component with its own template and CSS."""

from dataclasses import dataclass

from dashboards.component import Component


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
