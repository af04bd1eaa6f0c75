"""The ``Chart`` component: a plotly figure, drawn in the browser by plotly.js.

Neither plotly nor pandas is imported here: they are imported when a chart is used, and a chart used
without them raises :class:`~dashboards.extras.MissingExtraError`, which names the ``charts`` extra.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar

from django.forms.widgets import Script
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from dashboards.component.base import Component, Downloadable
from dashboards.component.chart.export import export_chart
from dashboards.export import CHUNK_SIZE, ExportTable
from dashboards.extras import import_extra, require
from dashboards.inputs import Inputs
from dashboards.staticfiles import PLOTLY_JS

__all__ = ["Chart", "PlotlyComponent", "escape_json", "figure_json", "is_dark", "no_data_figure"]

#: The script that draws every chart of the page (and of each htmx swap) with plotly.js.
CHARTS_JS = "dashboards/js/charts.js"
#: The scripts every chart needs; components and serializers share these objects, so a page
#: that has both loads each script once.
CHART_SCRIPTS = (Script(PLOTLY_JS, defer=True), Script(CHARTS_JS, defer=True))

# What ``django.utils.html.json_script`` escapes: nothing in the JSON can end the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def is_dark(request: HttpRequest | None) -> bool:
    """Whether the visitor chose the dark appearance (the ``appearanceMode`` cookie is ``dark``)."""
    return request is not None and request.COOKIES.get("appearanceMode") == "dark"


def no_data_figure(text: str) -> dict[str, Any]:
    """A figure without data: hidden axes and ``text`` in the middle."""
    return {
        "data": [],
        "layout": {
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [
                {
                    "text": text,
                    "xref": "paper",
                    "yref": "paper",
                    "showarrow": False,
                    "font": {"size": 28},
                }
            ],
        },
    }


def figure_json(figure: Any) -> str:
    """A figure as JSON text: from a plotly ``Figure``, a dict, or JSON text (checked, kept as is)."""
    if isinstance(figure, bytes | bytearray):
        figure = figure.decode()
    if isinstance(figure, str):
        json.loads(figure)  # a ValueError for anything that is not JSON
        return figure
    if hasattr(figure, "to_json") and callable(figure.to_json):
        text: str = figure.to_json()
        return text
    encoder = import_extra("plotly.utils", feature="Charts").PlotlyJSONEncoder
    return json.dumps(figure, cls=encoder)


def escape_json(text: str) -> SafeString:
    """JSON text made safe inside ``<script>``: ``<``, ``>`` and ``&`` escaped, as ``json_script`` does."""
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308  (escaped just now)


def figure_title(figure: Any) -> str:
    """The title of a figure's layout (a string, or a dict with ``text``), or ``""``."""
    layout = figure.get("layout") if isinstance(figure, dict) else None
    title = layout.get("title") if isinstance(layout, dict) else None
    if isinstance(title, dict):
        title = title.get("text")
    return str(title) if title else ""


def config_attribute(value: Any) -> str:
    """A plotly config value as a data attribute: ``"true"``/``"false"`` for booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(repr=False, eq=False)
class PlotlyComponent(Component):
    """Base of the components drawn by plotly.js (``Chart``, ``Map``).

    The value is a figure: a plotly ``Figure``, a dict with ``data`` and ``layout``, JSON text, or a
    ``ChartSerializer`` class. It is stored as JSON text (also what the component's JSON URL
    answers), put in the page escaped like ``json_script`` does, and drawn by ``charts.js``.
    """

    template_name: str | None = "dashboards/components/chart/chart.html"

    #: What screen readers announce the figure as (``aria-roledescription``).
    role_description: ClassVar[str] = "chart"

    class Media:
        js = CHART_SCRIPTS

    def __post_init__(self) -> None:
        require("plotly", "charts", type(self).__name__)

    def prepare_value(self, value: Any) -> Any:
        """The figure's JSON text; no value gives a "No data" figure."""
        value = super().prepare_value(value)
        if value is None:
            value = no_data_figure(f"{self.get_label()} - No data")
        return figure_json(value)

    def get_label(self, figure: Any = None) -> str:
        """The text alternative: the figure's title, else the serializer's or the component's name."""
        title = figure_title(figure)
        if title:
            return title
        source = self.get_source(call_deferred=True)
        meta = getattr(source, "_meta", None) if hasattr(source, "serialize") else None
        name = getattr(meta, "verbose_name", None) or self.verbose_name or self.key or "Chart"
        return capfirst(str(name).replace("_", " "))

    def get_plotly_config(self) -> dict[str, Any]:
        """The plotly.js config of the figure (each option becomes a ``data-`` attribute)."""
        return {}

    def get_theme(self, request: HttpRequest | None) -> str:
        """The appearance the server built the figure for: serializers follow the dark cookie."""
        source = self.get_source(call_deferred=True)
        return "dark" if hasattr(source, "serialize") and is_dark(request) else "light"

    def get_value_context(self, request: HttpRequest | None, value: Any) -> dict[str, Any]:
        """Add ``chart``: the escaped figure JSON, its text alternative, config and theme."""
        context = super().get_value_context(request, value)
        text = figure_json(value)
        context["chart"] = chart_context(
            template_id=self.template_id,
            text=text,
            label=self.get_label(json.loads(text)),
            config=self.get_plotly_config(),
            theme=self.get_theme(request),
            css_classes=self.css_classes,
            role_description=self.role_description,
        )
        return context


def chart_context(
    *,
    template_id: str,
    text: str,
    label: str,
    config: dict[str, Any],
    theme: str,
    css_classes: Any = None,
    role_description: str = "chart",
) -> dict[str, Any]:
    """The ``chart`` context of the chart templates."""
    return {
        "figure_id": f"{template_id}-figure",
        "figure_json": escape_json(text),
        "label": label,
        "attributes": [
            ("data-" + "".join(f"-{c.lower()}" if c.isupper() else c for c in name), value)
            for name, value in ((n, config_attribute(v)) for n, v in config.items())
        ],
        "theme": theme,
        "css_classes": css_classes if isinstance(css_classes, str) else "",
        "role_description": role_description,
    }


@dataclass(repr=False, eq=False)
class Chart(PlotlyComponent, Downloadable):
    """A plotly chart: a figure, a callable returning one, or a ``ChartSerializer`` class.

    ``displayModeBar``, ``staticPlot`` and ``responsive`` are plotly.js config options; a
    serializer's ``Meta`` overrides the ones it sets.
    """

    displayModeBar: bool = True  # noqa: N815  (the plotly.js option's name)
    staticPlot: bool = False  # noqa: N815
    responsive: bool = True
    #: The formats its data can be downloaded in; an empty tuple turns the download URL off.
    export_formats: tuple[str, ...] = ("csv",)

    def get_export(self, inputs: Inputs, chunk_size: int = CHUNK_SIZE) -> ExportTable:
        """The chart's data: its serializer's DataFrame, else the points of its figure's traces."""
        return export_chart(self, inputs)

    def get_template_context(self, inputs: Inputs, value: Any) -> dict[str, Any]:
        """Add the download links to ``chart``."""
        context = super().get_template_context(inputs, value)
        context["chart"]["downloads"] = self.get_downloads(inputs.filters)
        return context

    def get_plotly_config(self) -> dict[str, Any]:
        """``displayModeBar`` (``True`` shows it on hover), ``staticPlot`` and ``responsive``."""
        config = {
            "displayModeBar": self.displayModeBar,
            "staticPlot": self.staticPlot,
            "responsive": self.responsive,
        }
        source = self.get_source(call_deferred=True)
        declared = getattr(source, "declared_plotly_config", None)
        if callable(declared):
            config.update(declared())
        return plotly_config(config)


def plotly_config(config: dict[str, Any]) -> dict[str, Any]:
    """The plotly.js config: ``displayModeBar=True`` means ``"hover"``, as in django-dashboards."""
    if config.get("displayModeBar") is True:
        return {**config, "displayModeBar": "hover"}
    return config
